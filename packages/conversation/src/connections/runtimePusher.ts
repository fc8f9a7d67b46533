// The @connections pusher a service gets from its runtime; a connection that answers 410 loses its record.
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { ApiGatewayConnectionPusher, type ConnectionPusher } from "@innerworld/platform/delivery";
import { DynamoDbConnectionStore } from "./dynamodb/dynamoDbConnectionStore";

export const connectionPusherFor = (runtime: ServiceRuntime): ConnectionPusher => {
  if (!runtime.config.connectionsUrl) throw new Error(`${runtime.service} needs the @connections URL (INNERWORLD_CONNECTIONS_URL)`);
  const connections = new DynamoDbConnectionStore(runtime.dynamodb, runtime.tables.connections, runtime.clock);
  return new ApiGatewayConnectionPusher(
    { endpoint: runtime.config.connectionsUrl, region: runtime.config.region, ...(runtime.config.credentials ? { credentials: runtime.config.credentials } : {}) },
    (gone) => connections.close(gone),
  );
};
