// The $connect handshake: authorizer, $connect route and subprotocol decide whether an upgrade request becomes a socket.
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { ApiRuntime } from "./apiRuntime.js";
import { authorizeConnect } from "./authorizer.js";
import { IntegrationTimeoutError } from "./errors.js";
import { newApiGatewayId } from "./ids.js";
import { buildAuthorizerEvent, buildConnectEvent, connectionFactsFromRequest, type ConnectionFacts } from "./lambdaEvents.js";
import type { WebSocketAuthorizerContext } from "./types.js";

/** What the handshake settled, handed to the code that owns the new socket. */
export interface AcceptedConnection {
  socket: WebSocket;
  facts: ConnectionFacts;
  authorizer: WebSocketAuthorizerContext | undefined;
}

interface Rejection {
  statusCode: number;
  body: string;
  errorType?: string;
}

/**
 * The subprotocol each accepted request answers with, read by the WebSocketServer's handleProtocols.
 * `false` answers none, which makes a client that offered one fail the handshake, exactly as on AWS.
 */
export const chosenSubprotocols = new WeakMap<IncomingMessage, string | false>();

export async function handleUpgrade(
  runtime: ApiRuntime,
  server: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  accept: (accepted: AcceptedConnection) => void,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path !== "/" && path !== `/${runtime.api.stage}` && path !== `/${runtime.api.stage}/`) {
    reject(socket, { statusCode: 404, body: JSON.stringify({ message: `No WebSocket API at ${path}` }) });
    return;
  }
  const facts = connectionFactsFromRequest(request, newApiGatewayId(), Date.now());
  const verdict = await decide(runtime, facts);
  if (runtime.closing) {
    reject(socket, { statusCode: 503, body: JSON.stringify({ message: "Service Unavailable" }) });
    return;
  }
  if ("statusCode" in verdict) {
    reject(socket, verdict);
    return;
  }
  chosenSubprotocols.set(request, verdict.subprotocol ?? false);
  // ws validates the handshake itself (400 for a malformed one) and destroys a socket the client already closed.
  server.handleUpgrade(request, socket, head, (ws) => accept({ socket: ws, facts, authorizer: verdict.authorizer }));
}

async function decide(
  runtime: ApiRuntime,
  facts: ConnectionFacts,
): Promise<Rejection | { authorizer: WebSocketAuthorizerContext | undefined; subprotocol: string | undefined }> {
  let authorizer: WebSocketAuthorizerContext | undefined;
  if (runtime.authorizer !== undefined) {
    const verdict = await authorizeConnect(
      runtime.authorizer,
      buildAuthorizerEvent(runtime.api, facts),
      runtime.lambdaTarget(`${runtime.api.apiId}-${runtime.api.stage}-authorizer`),
    );
    // The bodies and error types are API Gateway's own for these outcomes.
    if (verdict.outcome === "unauthorized") {
      return { statusCode: 401, errorType: "UnauthorizedException", body: JSON.stringify({ message: "Unauthorized" }) };
    }
    if (verdict.outcome === "deny") {
      return {
        statusCode: 403,
        errorType: "AccessDeniedException",
        body: JSON.stringify({ Message: "User is not authorized to access this resource with an explicit deny" }),
      };
    }
    if (verdict.outcome === "error") {
      return { statusCode: 500, errorType: "AuthorizerConfigurationException", body: JSON.stringify({ message: null }) };
    }
    authorizer = verdict.context;
  }
  const handler = runtime.handlerFor("$connect");
  // Without a $connect route API Gateway lets the client straight in.
  if (handler === undefined) return { authorizer, subprotocol: undefined };
  try {
    const result = await runtime.invokeRoute("$connect", handler, buildConnectEvent(runtime.api, facts, authorizer));
    // A handler that returns nothing is taken as 200, the common `async () => {}` of a $connect that only records.
    const statusCode = typeof result === "object" && result !== null ? result.statusCode : 200;
    if (!(statusCode >= 200 && statusCode < 300)) {
      return { statusCode: validStatus(statusCode), body: typeof result?.body === "string" ? result.body : "" };
    }
    return { authorizer, subprotocol: subprotocolFrom(result?.headers) };
  } catch (error) {
    if (error instanceof IntegrationTimeoutError) {
      return { statusCode: 504, body: JSON.stringify({ message: "Endpoint request timed out" }) };
    }
    return { statusCode: 500, body: JSON.stringify({ message: "Internal server error" }) };
  }
}

/**
 * API Gateway never picks a subprotocol itself: the $connect integration must return a Sec-WebSocket-Protocol
 * header, and that value goes back to the client as it is (the AWS sample returns the first one offered).
 */
function subprotocolFrom(headers: Record<string, string> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "sec-websocket-protocol" && typeof value === "string" && value.trim() !== "") {
      return value.trim();
    }
  }
  return undefined;
}

const validStatus = (statusCode: unknown): number =>
  typeof statusCode === "number" && Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? statusCode : 502;

/** Answers the upgrade request with a plain HTTP response; the socket never becomes a WebSocket. */
export function reject(socket: Duplex, rejection: Rejection): void {
  if (socket.destroyed) return;
  const body = Buffer.from(rejection.body, "utf8");
  const head = [
    `HTTP/1.1 ${rejection.statusCode} ${STATUS_CODES[rejection.statusCode] ?? "Error"}`,
    "Content-Type: application/json",
    `Content-Length: ${body.length}`,
    `x-amzn-RequestId: ${newApiGatewayId()}`,
    ...(rejection.errorType === undefined ? [] : [`x-amzn-ErrorType: ${rejection.errorType}`]),
    "Connection: close",
  ];
  socket.end(Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), body]));
}
