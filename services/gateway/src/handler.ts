// The gateway's Lambda entries: the $connect authorizer, the three WebSocket routes and the idle-session sweep.
import { createServiceRuntime, runtimeConfigFromResource, type ServiceRuntime } from "@innerworld/platform/runtime";
import type { AuthConfig } from "./auth";
import { createGatewayRoutes } from "./routes";

const authFromEnv = (env: NodeJS.ProcessEnv): AuthConfig => {
  if (env.INNERWORLD_USER_POOL_ID && env.INNERWORLD_USER_POOL_CLIENT_ID) {
    return { kind: "cognito", userPoolId: env.INNERWORLD_USER_POOL_ID, clientId: env.INNERWORLD_USER_POOL_CLIENT_ID };
  }
  const { INNERWORLD_JWT_ISSUER: issuer, INNERWORLD_JWT_AUDIENCE: audience, INNERWORLD_JWKS_URI: jwksUri } = env;
  if (!issuer || !audience || !jwksUri) throw new Error("gateway needs INNERWORLD_USER_POOL_ID/_CLIENT_ID or INNERWORLD_JWT_ISSUER/_AUDIENCE/INNERWORLD_JWKS_URI");
  return { issuer, audience, jwksUri };
};

let runtime: ServiceRuntime | undefined;
const gateway = createGatewayRoutes(() => (runtime ??= createServiceRuntime("gateway", runtimeConfigFromResource("gateway"))), authFromEnv(process.env));

export const authorizer = gateway.authorizer;
export const connect = gateway.routes.$connect;
export const disconnect = gateway.routes.$disconnect;
export const message = gateway.routes.$default;
export const sweep = async () => ({ ended: await gateway.sweep() });
export const readApi = gateway.readApi;
