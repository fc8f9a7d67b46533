// Public types of the API Gateway WebSocket emulator: options, handler signatures and the event shapes they receive.
import type {
  APIGatewayAuthorizerResult,
  APIGatewayEventWebsocketRequestContextV2,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from "aws-lambda";

/** `requestContext.authorizer` as API Gateway passes it on: the authorizer's context, stringified, plus who was let in. */
export interface WebSocketAuthorizerContext {
  principalId: string;
  integrationLatency: number;
  [key: string]: string | number | null;
}

/**
 * The request context API Gateway builds for WebSocket route integrations. It extends @types/aws-lambda's type so
 * handlers written against APIGatewayProxyWebsocketEventV2 plug in, although that type declares `messageId`
 * required: API Gateway sends it on MESSAGE events only. The disconnect fields come on DISCONNECT only,
 * `authorizer` only when the API has a $connect authorizer.
 */
export interface WebSocketRequestContext extends APIGatewayEventWebsocketRequestContextV2 {
  identity: { sourceIp: string; userAgent?: string };
  authorizer?: WebSocketAuthorizerContext;
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/** What a route's Lambda receives: @types/aws-lambda's WebSocket event plus the fields API Gateway really sends. */
export interface WebSocketEvent extends APIGatewayProxyWebsocketEventV2 {
  requestContext: WebSocketRequestContext;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
}

/** What a REQUEST authorizer receives on $connect (the WebSocket shape: no httpMethod, resource or path). */
export interface WebSocketAuthorizerEvent {
  type: "REQUEST";
  methodArn: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
  stageVariables: Record<string, string>;
  requestContext: Omit<WebSocketRequestContext, "messageId" | "authorizer" | "disconnectStatusCode" | "disconnectReason">;
}

/** A route integration's answer; on $connect, `headers` may carry `Sec-WebSocket-Protocol`. */
export interface WsHandlerResult {
  statusCode: number;
  body?: string;
  headers?: Record<string, string>;
}

export type WsHandler = (event: WebSocketEvent, context: Context) => Promise<WsHandlerResult | void>;

/**
 * A REQUEST authorizer. Its event is typed as both our WebSocket shape and @types/aws-lambda's
 * APIGatewayRequestAuthorizerEvent (the only REQUEST-authorizer type there, though it describes REST APIs), so an
 * authorizer written against either plugs in. At run time it is the WebSocket shape, as on AWS: the REST-only
 * fields (httpMethod, resource, path, requestContext.resourcePath, ...) are absent.
 */
export type WebSocketAuthorizer = (
  event: WebSocketAuthorizerEvent & APIGatewayRequestAuthorizerEvent,
  context: Context,
) => Promise<APIGatewayAuthorizerResult>;

export interface WebSocketRoutes {
  $connect?: WsHandler;
  $disconnect?: WsHandler;
  $default?: WsHandler;
  [routeKey: string]: WsHandler | undefined;
}

export interface WebSocketApiEmulatorOptions {
  /** 0 picks a free port; the server binds 127.0.0.1 only. */
  port: number;
  stage: string;
  region?: string;
  accountId?: string;
  apiId?: string;
  /** REQUEST authorizer run before $connect. */
  authorizer?: WebSocketAuthorizer;
  routes: WebSocketRoutes;
  /** e.g. "$request.body.action"; without one every message goes to $default. */
  routeSelectionExpression?: string;
  /** Default 10 min, as AWS. */
  idleTimeoutMs?: number;
  /** Default 128 KB (131072), as AWS; a larger message closes the socket with 1009. */
  maxMessageBytes?: number;
  /** Default 2 h, as AWS. */
  maxConnectionMs?: number;
  /** Default 29 s, API Gateway's integration timeout; also what `getRemainingTimeInMillis` counts down from. */
  integrationTimeoutMs?: number;
}

export interface WebSocketApiEmulator {
  /** ws://127.0.0.1:PORT/{stage} */
  websocketUrl: string;
  /** Endpoint for ApiGatewayManagementApiClient / `aws --endpoint-url`: http://127.0.0.1:PORT/{stage} */
  connectionsUrl: string;
  connectionIds(): string[];
  /** Closes every socket (1001, invoking $disconnect for each) and then the server. */
  close(): Promise<void>;
}
