// Wires the gateway's logic to API Gateway's WebSocket routes ($connect, $disconnect, $default) and the read API's
// HTTP routes: the one place that builds the gateway's DynamoDB (and graph) adapters from the runtime.
import { onceUntilFailure } from "@innerworld/platform/once-until-failure";
import { ApiGatewayConnectionPusher } from "@innerworld/platform/delivery";
import { DynamoDbClientMessageLog } from "@innerworld/conversation/client-messages";
import { DynamoDbConnectionStore } from "@innerworld/conversation/connections";
import { DynamoDbFeedbackStore } from "@innerworld/conversation/feedback";
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DynamoDbRateLimiter } from "@innerworld/conversation/rate-limits";
import { DynamoDbSessionStore } from "@innerworld/conversation/sessions";
import { DynamoDbTurnOutcomes } from "@innerworld/conversation/turns";
import { DynamoDbContextCacheStore } from "@innerworld/memory/context-cache";
import { graphStoreFor, type GraphStore } from "@innerworld/memory/graph";
import { DynamoDbSurveyStore } from "@innerworld/surveys/store";
import { type ServiceRuntime } from "@innerworld/platform/runtime";
import { TombstoneStore } from "@innerworld/platform/tombstones";
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { createClaimsVerifier, createTokenAuthorizer, TOKEN_SUBPROTOCOL, type AuthConfig } from "./auth";
import { issuedBeforeErasure } from "./erasedAccounts";
import { ChatGateway, errorFrame, type GatewayLimits } from "./chatGateway";
import { liveFirst } from "./liveFirst";
import { createOperationsApi } from "./operations/operationsApi";
import { createReadApi } from "./readApi";
import { createUserData } from "./userData";
import { seedBuiltInPersonas } from "@innerworld/personas/store";
import { personaStoreFor } from "./personaApi";

/**
 * $disconnect work runs this many at a time per process, each of its store calls after the live frames in flight. A
 * mass disconnect (thousands of sockets closing at once) would otherwise put its DynamoDB calls between every step of
 * live users' turns (locally the same event loop serves both, and four at a time tripled a live ack); the sessions only
 * need marking before the sweep's grace period ends, which is a minute away. In AWS each container handles one
 * invocation at a time, so this never queues there.
 */
export const DISCONNECT_CONCURRENCY = 1;

/** How long a disconnect's step waits for live frames in flight to finish before it goes ahead anyway. */
const DISCONNECT_YIELD_MS = 200;

interface RouteEvent {
  requestContext: { connectionId: string; authorizer?: Record<string, unknown> | null };
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
}
type RouteResult = { statusCode: number; body?: string; headers?: Record<string, string> };

const userOf = (event: RouteEvent): string | undefined => {
  const authorizer = event.requestContext.authorizer;
  const userId = authorizer?.userId ?? authorizer?.principalId;
  return typeof userId === "string" && userId.length > 0 ? userId : undefined;
};

export const chatGatewayFor = (runtime: ServiceRuntime, limits?: Partial<GatewayLimits>): ChatGateway => {
  const { dynamodb, tables, clock } = runtime;
  const connections = new DynamoDbConnectionStore(dynamodb, tables.connections, clock);
  return new ChatGateway({
    connections,
    sessions: new DynamoDbSessionStore(dynamodb, tables.sessions, clock),
    messages: new DynamoDbMessageStore(dynamodb, tables.messages, clock),
    rateLimiter: new DynamoDbRateLimiter(dynamodb, tables.rateLimits, clock),
    clientMessages: new DynamoDbClientMessageLog(dynamodb, tables.idempotency, clock),
    outcomes: new DynamoDbTurnOutcomes(dynamodb, tables.idempotency, clock),
    personas: personaStoreFor(runtime),
    feedback: new DynamoDbFeedbackStore(dynamodb, tables.feedback, clock),
    publisher: runtime.publisher,
    clock,
    warn: (message, extra) => runtime.logger.warn(message, extra),
    ...(runtime.config.connectionsUrl
      ? {
          pusher: new ApiGatewayConnectionPusher(
            { endpoint: runtime.config.connectionsUrl, region: runtime.config.region, ...(runtime.config.credentials ? { credentials: runtime.config.credentials } : {}) },
            (gone) => connections.close(gone),
          ),
        }
      : {}),
    ...(limits ? { limits } : {}),
  });
};

/** The read API over the runtime's tables (and graph), ending sessions through the chat gateway as its sockets do. */
const readApiFor = (runtime: ServiceRuntime, gateway: () => ChatGateway, tombstones: TombstoneStore) => {
  const { dynamodb, tables, clock } = runtime;
  const sessions = new DynamoDbSessionStore(dynamodb, tables.sessions, clock);
  const contexts = new DynamoDbContextCacheStore(dynamodb, tables.contextCache, clock);
  const personas = personaStoreFor(runtime);
  let graphStore: GraphStore | undefined;
  // Opened on first use: a Neptune connection is not worth holding for routes that never touch the graph.
  const graph = () => (graphStore ??= graphStoreFor(runtime));
  return createReadApi({
    sessions,
    messages: new DynamoDbMessageStore(dynamodb, tables.messages, clock),
    contexts,
    graph,
    personas,
    publisher: runtime.publisher,
    userData: createUserData(
      runtime,
      graph,
      contexts,
      personas,
      new DynamoDbSurveyStore(dynamodb, tables.surveys, clock),
      runtime.config.connectionsUrl
        ? new ApiGatewayConnectionPusher({ endpoint: runtime.config.connectionsUrl, region: runtime.config.region, ...(runtime.config.credentials ? { credentials: runtime.config.credentials } : {}) })
        : undefined,
    ),
    operations: createOperationsApi(runtime, { sessions, feedback: () => gateway().feedback }),
    gateway,
    tombstones,
    clock,
    logger: runtime.logger,
  });
};

export const createGatewayRoutes = (getRuntime: () => ServiceRuntime, auth: AuthConfig, limits?: Partial<GatewayLimits>, options: { disconnectConcurrency?: number } = {}) => {
  const lanes = liveFirst({ backgroundConcurrency: options.disconnectConcurrency ?? DISCONNECT_CONCURRENCY, yieldMs: DISCONNECT_YIELD_MS });
  let gateway: ChatGateway | undefined;
  let readApi: ReturnType<typeof createReadApi> | undefined;
  const chat = () => (gateway ??= chatGatewayFor(getRuntime(), limits));
  let tombstoneStore: TombstoneStore | undefined;
  const tombstones = () => (tombstoneStore ??= new TombstoneStore(getRuntime().dynamodb, getRuntime().tables.tombstones));
  const authorize = createTokenAuthorizer(auth);
  const verifyClaims = createClaimsVerifier(auth);
  // The built-ins live in the personas table like everyone's own, made what this code defines once per container
  // before it first reads a persona (one read, and a write only of those that differ); a failed seed is tried again
  // on the next request.
  const builtInsSeeded = onceUntilFailure(() => seedBuiltInPersonas(personaStoreFor(getRuntime())));

  const connect = async (event: RouteEvent): Promise<RouteResult> => {
    const userId = userOf(event);
    if (!userId) return { statusCode: 401 };
    // A token issued before its account was erased (DELETE /me) opens nothing: the app still holding it would
    // reconnect the moment the erasure closed its socket. A token issued after is the same person coming back.
    if (await issuedBeforeErasure(tombstones(), userId, event.requestContext.authorizer?.issuedAt)) return { statusCode: 401 };
    await chat().connect(event.requestContext.connectionId, userId);
    // A client that offered our subprotocol (to carry its token) must see it accepted, or the browser drops the socket.
    const offered = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === "sec-websocket-protocol")?.[1];
    const accepts = offered?.split(",").map((p) => p.trim()).includes(TOKEN_SUBPROTOCOL);
    return { statusCode: 200, ...(accepts ? { headers: { "Sec-WebSocket-Protocol": TOKEN_SUBPROTOCOL } } : {}) };
  };

  const disconnect = async (event: RouteEvent): Promise<RouteResult> => {
    const userId = userOf(event);
    if (userId) {
      await lanes.background((between) => chat().disconnect(event.requestContext.connectionId, userId, between));
    }
    return { statusCode: 200 };
  };

  const message = async (event: RouteEvent): Promise<RouteResult> => {
    const userId = userOf(event);
    if (!userId) return { statusCode: 200, body: errorFrame("FORBIDDEN", "This connection was not authorised") };
    try {
      await builtInsSeeded();
      // API Gateway hands every frame the context its $connect authorizer returned, the token's issue time with it.
      const token = { issuedBeforeErasure: () => issuedBeforeErasure(tombstones(), userId, event.requestContext.authorizer?.issuedAt) };
      return { statusCode: 200, body: await lanes.live(() => chat().handle(event.requestContext.connectionId, userId, event.body ?? undefined, token)) };
    } catch (error) {
      getRuntime().logger.error("gateway frame failed", { connectionId: event.requestContext.connectionId, error: error as Error });
      return { statusCode: 200, body: errorFrame("INTERNAL_ERROR", "Something went wrong on our side; try again", { retryable: true }) };
    }
  };

  return {
    authorizer: (event: { methodArn: string; headers?: Record<string, string | undefined> | null; queryStringParameters?: Record<string, string | undefined> | null }): Promise<APIGatewayAuthorizerResult> =>
      authorize(event),
    routes: { $connect: connect, $disconnect: disconnect, $default: message },
    sweep: () => chat().sweep(),
    readApi: async (event: Parameters<ReturnType<typeof createReadApi>>[0]) => {
      await builtInsSeeded();
      return (readApi ??= readApiFor(getRuntime(), chat, tombstones()))(event);
    },
    /**
     * The claims of a token that would open a socket now (signature, claims, and not issued before its account's
     * erasure), undefined for any other: for surfaces outside API Gateway's authorizers, like the local event tap.
     */
    claimsOf: async (token: string): Promise<Record<string, unknown> | undefined> => {
      const claims = await verifyClaims(token);
      if (!claims || typeof claims.sub !== "string") return undefined;
      return (await issuedBeforeErasure(tombstones(), claims.sub, claims.iat)) ? undefined : claims;
    },
  };
};
