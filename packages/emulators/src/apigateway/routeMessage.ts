// Delivers one client frame to its route's handler and sends back the route response or API Gateway's error frame.
import type { RawData } from "ws";
import type { ApiRuntime } from "./apiRuntime.js";
import type { Connection } from "./connection.js";
import { IntegrationTimeoutError } from "./errors.js";
import { buildMessageEvent } from "./lambdaEvents.js";

/**
 * Each frame is its own invocation, started at once: API Gateway does not serialise a connection's messages,
 * so handlers here see the same concurrency they will see on AWS.
 */
export function routeMessage(runtime: ApiRuntime, connection: Connection, data: RawData, isBinary: boolean): void {
  // API Gateway's WebSocket APIs take no binary frames in: the frame is refused and the client disconnected with 1003
  // ("Binary media types for WebSocket APIs"). No route runs; $disconnect does, as for any close.
  if (isBinary) return connection.close(1003, "Binary frames are not supported");
  runtime.track(deliver(runtime, connection, toBuffer(data)));
}

async function deliver(runtime: ApiRuntime, connection: Connection, data: Buffer): Promise<void> {
  const body = data.toString("utf8");
  const { routeKey, handler } = runtime.routeFor(body);
  const event = buildMessageEvent(runtime.api, connection.facts, { routeKey, body, isBase64Encoded: false }, connection.authorizer);
  const { connectionId, requestId } = event.requestContext;
  if (handler === undefined) {
    // No matching route and no $default: AWS refuses the message on the socket and keeps the connection.
    await replyIfOpen(connection, JSON.stringify({ message: "Forbidden", connectionId, requestId }));
    return;
  }
  let reply: string | undefined;
  try {
    const result = await runtime.invokeRoute(routeKey, handler, event);
    // The handler's body is the route response, sent back as a two-way route does.
    if (typeof result === "object" && result !== null && typeof result.body === "string") reply = result.body;
  } catch (error) {
    const message = error instanceof IntegrationTimeoutError ? "Endpoint request timed out" : "Internal server error";
    reply = JSON.stringify({ message, connectionId, requestId });
  }
  if (reply !== undefined) await replyIfOpen(connection, reply);
}

/** The client may have left while the handler ran; that is not an error for anyone. */
async function replyIfOpen(connection: Connection, text: string): Promise<void> {
  if (!connection.isOpen) return;
  await connection.send(text).catch(() => undefined);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
