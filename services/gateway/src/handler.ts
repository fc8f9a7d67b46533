// The gateway's Lambda entries: the $connect authorizer, the three WebSocket routes and the idle-session sweep.
import { createServiceRuntime, runtimeConfigFromResource, type ServiceRuntime } from "@innerworld/platform/runtime";
import { authConfigFromEnv } from "./auth";
import { createGatewayRoutes } from "./routes";

let runtime: ServiceRuntime | undefined;
const gateway = createGatewayRoutes(() => (runtime ??= createServiceRuntime("gateway", runtimeConfigFromResource("gateway"))), authConfigFromEnv(process.env));

export const authorizer = gateway.authorizer;
export const connect = gateway.routes.$connect;
export const disconnect = gateway.routes.$disconnect;
export const message = gateway.routes.$default;
export const sweep = async () => ({ ended: await gateway.sweep() });
export const readApi = gateway.readApi;
