// The HTTP API: the read API (sessions and their messages) behind a JWT authorizer on the Cognito user pool, and the survey routes.
import type { GatewayPlan } from "./plan";
import { createFunction, type FunctionContext } from "./functions";

export interface UserPoolIds {
  id: $util.Input<string>;
  clientId: $util.Input<string>;
}

export const createReadApi = (plan: GatewayPlan["readApi"], surveys: GatewayPlan["surveyApi"], userPool: UserPoolIds, context: FunctionContext) => {
  const api = new sst.aws.ApiGatewayV2(plan.logicalName, { transform: { api: { name: plan.name } } });
  const region = aws.getRegionOutput().region;
  const jwt = api.addAuthorizer({
    name: plan.authorizerName,
    // ID tokens carry the app client as `aud`, which is what API Gateway checks.
    jwt: { issuer: $interpolate`https://cognito-idp.${region}.amazonaws.com/${userPool.id}`, audiences: [userPool.clientId] },
  });
  const handler = createFunction(plan.function, { ...context, permissions: [...(context.permissions ?? []), ...plan.permissions] });
  for (const route of plan.routes) {
    api.route(route, handler.arn, plan.publicRoutes.includes(route) ? {} : { auth: { jwt: { authorizer: jwt.id } } });
  }
  const surveyHandler = createFunction(surveys.function, context);
  // A friend answering a survey has no account; the handler itself checks an owner's optional token on those routes.
  for (const route of surveys.routes) api.route(route, surveyHandler.arn, surveys.publicRoutes.includes(route) ? {} : { auth: { jwt: { authorizer: jwt.id } } });
  return { api, handler, surveyHandler };
};
