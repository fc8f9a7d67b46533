// Builds the Lambda events API Gateway sends for a WebSocket API: authorizer, CONNECT, MESSAGE and DISCONNECT.
import type { IncomingMessage } from "node:http";
import { newApiGatewayId } from "./ids.js";
import type {
  WebSocketAuthorizerContext,
  WebSocketAuthorizerEvent,
  WebSocketEvent,
  WebSocketRequestContext,
} from "./types.js";

/** The API the events come from. */
export interface ApiFacts {
  apiId: string;
  stage: string;
  region: string;
  accountId: string;
}

/** What API Gateway remembers about a connection from its upgrade request. */
export interface ConnectionFacts {
  connectionId: string;
  connectedAt: number;
  /** The upgrade request's id, shared by the authorizer and $connect events as on AWS. */
  connectRequestId: string;
  /** The Host the client dialled, as API Gateway reports a custom domain: here 127.0.0.1:PORT. */
  domainName: string;
  sourceIp: string;
  userAgent?: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
}

/** Headers API Gateway consumes itself and does not hand to the integration. */
const HOP_BY_HOP = new Set(["connection", "upgrade"]);

export function connectionFactsFromRequest(request: IncomingMessage, connectionId: string, connectedAt: number): ConnectionFacts {
  const sourceIp = (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const multiValueHeaders: Record<string, string[]> = {};
  const names = new Map<string, string>();
  // rawHeaders keeps the client's spelling ("Sec-WebSocket-Key"), which is what AWS forwards.
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const value = request.rawHeaders[i + 1] as string;
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    const spelled = names.get(name.toLowerCase()) ?? name;
    names.set(name.toLowerCase(), spelled);
    (multiValueHeaders[spelled] ??= []).push(value);
  }
  // The load balancer in front of API Gateway adds these; handlers read X-Forwarded-For for the client address.
  const forwarded: Array<[string, string]> = [
    ["X-Forwarded-For", sourceIp],
    ["X-Forwarded-Port", String(request.socket.localPort ?? "")],
    ["X-Forwarded-Proto", "http"],
  ];
  for (const [name, value] of forwarded) {
    if (!names.has(name.toLowerCase())) multiValueHeaders[name] = [value];
  }
  const url = new URL(request.url ?? "/", "http://localhost");
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (multiValueQueryStringParameters[key] ??= []).push(value);
  return {
    connectionId,
    connectedAt,
    connectRequestId: newApiGatewayId(),
    domainName: request.headers.host ?? "127.0.0.1",
    sourceIp,
    ...(request.headers["user-agent"] === undefined ? {} : { userAgent: request.headers["user-agent"] }),
    headers: lastValues(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: lastValues(multiValueQueryStringParameters),
    multiValueQueryStringParameters,
  };
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{routeKey}`, the resource an authorizer policy names. */
export function methodArn(api: ApiFacts, routeKey: string): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${routeKey}`;
}

export function buildAuthorizerEvent(api: ApiFacts, connection: ConnectionFacts): WebSocketAuthorizerEvent {
  return {
    type: "REQUEST",
    methodArn: methodArn(api, "$connect"),
    headers: connection.headers,
    multiValueHeaders: connection.multiValueHeaders,
    queryStringParameters: connection.queryStringParameters,
    multiValueQueryStringParameters: connection.multiValueQueryStringParameters,
    stageVariables: {},
    requestContext: baseRequestContext(api, connection, "$connect", "CONNECT"),
  };
}

export function buildConnectEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  authorizer: WebSocketAuthorizerContext | undefined,
): WebSocketEvent {
  const hasQuery = Object.keys(connection.queryStringParameters).length > 0;
  const event = {
    headers: connection.headers,
    multiValueHeaders: connection.multiValueHeaders,
    // AWS leaves the query keys out entirely when the upgrade URL has none.
    ...(hasQuery
      ? {
          queryStringParameters: connection.queryStringParameters,
          multiValueQueryStringParameters: connection.multiValueQueryStringParameters,
        }
      : {}),
    requestContext: { ...baseRequestContext(api, connection, "$connect", "CONNECT"), ...withAuthorizer(authorizer) },
    isBase64Encoded: false,
  };
  // CONNECT carries no messageId although @types/aws-lambda declares one; handlers get what AWS sends.
  return event as WebSocketEvent;
}

export function buildMessageEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  message: { routeKey: string; body: string; isBase64Encoded: boolean },
  authorizer: WebSocketAuthorizerContext | undefined,
): WebSocketEvent {
  const requestContext: WebSocketRequestContext = {
    ...baseRequestContext(api, connection, message.routeKey, "MESSAGE"),
    messageId: newApiGatewayId(),
    ...withAuthorizer(authorizer),
  };
  return { requestContext, body: message.body, isBase64Encoded: message.isBase64Encoded };
}

export function buildDisconnectEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  close: { statusCode: number; reason: string },
  authorizer: WebSocketAuthorizerContext | undefined,
): WebSocketEvent {
  // By the time $disconnect runs the request is long gone; AWS sends this stub of headers instead.
  const headers: Record<string, string> = {
    Host: connection.domainName,
    "x-api-key": "",
    "X-Forwarded-For": "",
    "x-restapi": "",
  };
  const event = {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      ...baseRequestContext(api, connection, "$disconnect", "DISCONNECT"),
      disconnectStatusCode: close.statusCode,
      disconnectReason: close.reason,
      ...withAuthorizer(authorizer),
    },
    isBase64Encoded: false,
  };
  return event as WebSocketEvent;
}

function baseRequestContext(
  api: ApiFacts,
  connection: ConnectionFacts,
  routeKey: string,
  eventType: WebSocketRequestContext["eventType"],
): Omit<WebSocketRequestContext, "messageId"> {
  const now = new Date();
  const requestId = eventType === "CONNECT" ? connection.connectRequestId : newApiGatewayId();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: formatRequestTime(now),
    messageDirection: "IN",
    stage: api.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now.getTime(),
    identity: {
      sourceIp: connection.sourceIp,
      ...(connection.userAgent === undefined ? {} : { userAgent: connection.userAgent }),
    },
    requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: api.apiId,
  };
}

const withAuthorizer = (authorizer: WebSocketAuthorizerContext | undefined) =>
  authorizer === undefined ? {} : { authorizer: { ...authorizer } };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** API Gateway's `requestTime`, in Common Log Format: "09/Feb/2019:18:11:43 +0000". */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

function lastValues(multi: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(multi).map(([key, values]) => [key, values[values.length - 1] ?? ""]));
}
