// The chat WebSocket API: a Lambda REQUEST authorizer on $connect (WebSocket APIs have no JWT authorizer), the three
// routes, and the @connections link that lets the gateway, the notifier and generation push frames to clients.
import type { GatewayPlan } from "./plan";
import { createFunction, type FunctionContext } from "./functions";

/** Who may post to a connection: a link carrying the management URL and the ManageConnections permission. */
export const connectionsLink = (name: string, url: $util.Input<string>, executionArn: $util.Input<string>) =>
  new sst.Linkable(name, {
    properties: { url },
    include: [sst.aws.permission({ actions: ["execute-api:ManageConnections"], resources: [$interpolate`${executionArn}/*/*/@connections/*`] })],
  });

export const createChatApi = (plan: GatewayPlan, context: FunctionContext) => {
  const api = new sst.aws.ApiGatewayWebSocket(plan.api.logicalName, { transform: { api: { name: plan.api.name } } });
  const executionArn = api.nodes.api.executionArn;
  const connections = connectionsLink(plan.connectionsLinkName, api.managementEndpoint, executionArn);
  const withConnections: FunctionContext = { ...context, links: { ...context.links, connections } };

  const authorizerFunction = createFunction(plan.authorizer.function, withConnections);
  const authorizer = api.addAuthorizer(plan.authorizer.name, {
    lambda: { function: authorizerFunction.arn, identitySources: plan.authorizer.identitySources },
  });
  const routes = plan.routes.map(({ route, function: fn }) => {
    const handler = createFunction(fn, withConnections);
    api.route(route, handler.arn, route === "$connect" ? { auth: { lambda: authorizer.id } } : {});
    return handler;
  });
  return { api, executionArn, connections, routes };
};
