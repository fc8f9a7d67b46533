// The HTTP API: a user's own sessions and messages (list, get, end, history), what InnerWorld remembers of them, and personas, behind API Gateway's JWT authorizer.
import type { ContextCacheStore } from "@innerworld/memory/context-cache";
import { forgetFact, rememberedFacts } from "@innerworld/memory/facts";
import { userTimeZone } from "./userTimeZone";
import { storedSafetyNotice } from "./safetyNotices";
import type { GraphStore } from "@innerworld/memory/graph";
import type { MessageRecord, MessageStore } from "@innerworld/conversation/messages";
import type { SessionPageCursor, SessionRecord, SessionStore } from "@innerworld/conversation/sessions";
import type { Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { ChatGateway } from "./chatGateway";
import { claimsProblem } from "./tokenPolicy";
import { issuedBeforeErasure, type ErasureRecords } from "./erasedAccounts";
import { isPossibleSessionId } from "./keys";
import { createPersonaApi } from "./personaApi";
import type { UserData } from "./userData";

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const problem = (statusCode: number, code: string, message: string) => json(statusCode, { error: { code, message } });

const sessionView = (s: SessionRecord) => ({
  sessionId: s.sessionId,
  personaId: s.personaId,
  ...(s.personaIds ? { personaIds: s.personaIds } : {}),
  ...(s.personas ? { personas: s.personas } : {}),
  status: s.status,
  startedAt: s.startedAt,
  lastActivityAt: s.lastActivityAt,
  endsAt: s.endsAt,
  turns: s.lastSeq,
  // The zone "tomorrow" and "on Friday" were read in, and the language helplines and fixed replies came in.
  ...(s.timeZone ? { timeZone: s.timeZone } : {}),
  ...(s.locale ? { locale: s.locale } : {}),
  ...(s.endedAt ? { endedAt: s.endedAt, endReason: s.endReason } : {}),
});

const MAX_PAGE = 200;
/** Sessions a page of GET /sessions holds at most (and by default). */
const MAX_SESSIONS_PAGE = 50;

/** GET /sessions' cursor: where the page before ended, opaque to clients (base64url of JSON). */
const cursorOf = (next: SessionPageCursor): string => Buffer.from(JSON.stringify([next.sessionId, next.startedAt])).toString("base64url");

/** The place a cursor names, or undefined for anything this API did not hand out. */
const parseCursor = (cursor: string): SessionPageCursor | undefined => {
  if (cursor.length > 256) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [sessionId, startedAt] = parsed as unknown[];
    if (typeof sessionId !== "string" || !isPossibleSessionId(sessionId)) return undefined;
    if (typeof startedAt !== "string" || Number.isNaN(Date.parse(startedAt)) || new Date(startedAt).toISOString() !== startedAt) return undefined;
    return { sessionId, startedAt };
  } catch {
    return undefined;
  }
};

/**
 * A message's place in its life: sent → delivered → read, or failed. A user's message is delivered once the system
 * has it; a reply is sent once screened, delivered once pushed to the teen, read once the teen says so.
 */
const lifecycleOf = (m: MessageRecord): "sent" | "delivered" | "read" | "failed" => {
  if (m.status === "failed") return "failed";
  if (m.status === "read") return "read";
  if (m.role === "user") return "delivered";
  return m.status === "delivered" ? "delivered" : "sent";
};

/** Messages in turn order, grouped by turn (a question and its answers). */
const turnsOf = (ordered: MessageRecord[]): MessageRecord[][] => {
  const turns: MessageRecord[][] = [];
  for (const message of ordered) {
    const current = turns.at(-1);
    if (current?.[0]?.seq === message.seq) current.push(message);
    else turns.push([message]);
  }
  return turns;
};

type Result = APIGatewayProxyStructuredResultV2;

/** What the read API works with; the handler's routes build the DynamoDB (and graph) adapters, a unit test in-memory ones. */
export interface ReadApiPorts {
  sessions: SessionStore;
  messages: MessageStore;
  contexts: ContextCacheStore;
  /** The user graph, opened on first use by whoever builds the ports: routes that never touch it hold no connection. */
  graph: () => GraphStore;
  personas: PersonaStore;
  publisher: Publisher;
  /** GET /me/export and DELETE /me. */
  userData: Pick<UserData, "exportAll" | "eraseAll">;
  /** Health, admin and feedback routes: an answer for those, undefined for any other route. */
  operations: (event: APIGatewayProxyEventV2WithJWTAuthorizer, authorized: boolean) => Promise<Result | undefined> | undefined;
  /** The chat gateway, for ending sessions as the WebSocket side does (announced, their sockets told). */
  gateway: () => Pick<ChatGateway, "endAndAnnounce" | "endSessionsWithPersona">;
  /** Erased users' tombstones: a token issued before its user's erasure is refused like an invalid one. */
  tombstones: ErasureRecords;
  clock: Clock;
  /**
   * What token lifetimes are measured against: real time, like the issuer that minted them, even when a test pins the
   * services' clock to another date.
   */
  tokenClock?: () => number;
  logger: { error(message: string, extra: Record<string, unknown>): void };
}

export const createReadApi = (ports: ReadApiPorts) => {
  const { sessions, messages, contexts, graph, userData, operations, gateway, logger } = ports;
  /** Where the user lives (userTimeZone.ts); the context cache is read only when no session names a zone. */
  const timeZoneOf = async (userId: string): Promise<string> => {
    const [latest] = await sessions.listByUser(userId, 1);
    return userTimeZone(latest, latest?.timeZone ? undefined : await contexts.read(userId));
  };
  const tokenClock = ports.tokenClock ?? Date.now;
  const now = () => new Date(ports.clock());
  const personas = createPersonaApi({
    store: ports.personas,
    publisher: ports.publisher,
    clock: ports.clock,
    endSessionsWithPersona: (userId, personaId) => gateway().endSessionsWithPersona(userId, personaId),
  });

  /**
   * A page of a session's history after `afterSeq` that ends at a turn's end, since the next page starts after a whole
   * turn: at most `limit` messages, except that a first turn with more (a group's replies) comes whole. `nextAfterSeq`
   * is the page's last turn when more follow. The listing asks for one message more than the limit; where it stopped
   * short of the session's end, its last turn may be cut, so it is left for the next page (and when it was the only
   * turn listed, the listing asks again for twice as many).
   */
  const pageOfTurns = async (sessionId: string, afterSeq: number, limit: number): Promise<{ page: MessageRecord[]; nextAfterSeq?: number }> => {
    for (let asked = limit + 1; ; asked *= 2) {
      const listed = await messages.listSession(sessionId, { afterSeq, limit: asked });
      const toTheEnd = listed.length < asked;
      const lastSeq = listed.at(-1)?.seq;
      const whole = toTheEnd ? listed : listed.filter((m) => m.seq !== lastSeq);
      if (whole.length === 0 && !toTheEnd) continue;
      const page: MessageRecord[] = [];
      for (const turn of turnsOf(whole)) {
        if (page.length > 0 && page.length + turn.length > limit) break;
        page.push(...turn);
      }
      const more = page.length < listed.length || !toTheEnd;
      const pageEnd = page.at(-1)?.seq;
      return more && pageEnd !== undefined ? { page, nextAfterSeq: pageEnd } : { page };
    }
  };

  /** Another user's session answers exactly like a missing one, so ids cannot be probed. */
  const owned = async (userId: string, sessionId: string) => {
    const session = await sessions.get(sessionId);
    return session && session.userId === userId ? session : undefined;
  };

  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
    const userId = claims.sub;
    // API Gateway's JWT authorizer checks signature, issuer and audience; what the claims mean is ours to check, and
    // whether the account still exists: one read of the tombstone, made only for a token that passes the rest.
    let authorized = typeof userId === "string" && userId.length > 0 && !claimsProblem(claims, tokenClock());
    try {
      if (authorized && typeof userId === "string" && (await issuedBeforeErasure(ports.tombstones, userId, claims.iat))) authorized = false;
      const answered = await operations(event, authorized);
      if (answered) return answered;
    } catch (error) {
      logger.error("operations api failed", { routeKey: event.routeKey, error: error as Error });
      return problem(500, "INTERNAL_ERROR", "Something went wrong on our side");
    }
    if (!authorized || typeof userId !== "string") return problem(401, "UNAUTHORIZED", "A valid token is required");
    const sessionId = event.pathParameters?.sessionId;
    if (sessionId !== undefined && !isPossibleSessionId(sessionId)) return problem(404, "SESSION_NOT_FOUND", "No such session");
    try {
      if (event.routeKey.includes(" /personas")) {
        return await personas({
          routeKey: event.routeKey,
          userId,
          ...(event.pathParameters?.personaId ? { personaId: event.pathParameters.personaId } : {}),
          ...(event.body !== undefined ? { body: event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body } : {}),
        });
      }
      switch (event.routeKey) {
        case "GET /sessions": {
          const query = event.queryStringParameters ?? {};
          const limit = Number(query.limit ?? MAX_SESSIONS_PAGE);
          const after = query.cursor !== undefined ? parseCursor(query.cursor) : undefined;
          if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SESSIONS_PAGE) return problem(400, "INVALID_QUERY", `limit must be a whole number from 1 to ${MAX_SESSIONS_PAGE}`);
          if (query.cursor !== undefined && !after) return problem(400, "INVALID_QUERY", "cursor must be a nextCursor this API returned");
          const page = await sessions.pageByUser(userId, limit, after);
          // nextCursor: there may be more (older) sessions; the last page has none.
          return json(200, { sessions: page.sessions.map(sessionView), ...(page.next ? { nextCursor: cursorOf(page.next) } : {}) });
        }
        case "GET /sessions/{sessionId}": {
          const session = sessionId ? await owned(userId, sessionId) : undefined;
          return session ? json(200, sessionView(session)) : problem(404, "SESSION_NOT_FOUND", "No such session");
        }
        case "POST /sessions/{sessionId}/end": {
          const session = sessionId ? await owned(userId, sessionId) : undefined;
          if (!session) return problem(404, "SESSION_NOT_FOUND", "No such session");
          // Lost to another end (the sweep, a second tab): the session as that end left it, not as read before.
          const outcome = await gateway().endAndAnnounce(session, "client_end");
          return json(200, sessionView(outcome.session ?? session));
        }
        case "GET /sessions/{sessionId}/messages": {
          const session = sessionId ? await owned(userId, sessionId) : undefined;
          if (!session) return problem(404, "SESSION_NOT_FOUND", "No such session");
          const afterSeq = Number(event.queryStringParameters?.afterSeq ?? 0);
          const limit = Math.min(MAX_PAGE, Number(event.queryStringParameters?.limit ?? MAX_PAGE));
          if (!Number.isInteger(afterSeq) || afterSeq < 0 || !Number.isInteger(limit) || limit < 1) {
            return problem(400, "INVALID_QUERY", "afterSeq must be a whole number ≥ 0 and limit one from 1 to 200");
          }
          const { page, nextAfterSeq } = await pageOfTurns(session.sessionId, afterSeq, limit);
          return json(200, {
            sessionId: session.sessionId,
            // Where the next page starts (its afterSeq); absent once this page reaches the session's last message.
            ...(nextAfterSeq !== undefined ? { nextAfterSeq } : {}),
            messages: page.map((m) => {
              const notice = storedSafetyNotice(m, session.locale);
              return {
                seq: m.seq,
                role: m.role,
                messageId: m.messageId,
                content: m.content,
                status: lifecycleOf(m),
                ...(m.status === "blocked" || m.status === "crisis" ? { safety: m.status } : {}),
                createdAt: m.createdAt,
                // A safety notice the teen was shown instead of a reply: a reloaded client shows it again as a notice, with its helplines.
                ...(notice ? { safetyNotice: notice } : {}),
                // Who spoke: a reply's persona, with the name it had then (it survives the persona's deletion).
                ...(m.role === "assistant" ? { personaId: m.personaId, ...(m.personaName ? { personaName: m.personaName } : {}), replyIndex: m.replyIndex ?? 0 } : {}),
                // What the reply took and cost; absent for our own fixed replies and for replies from before costs were kept.
                ...(m.role === "assistant" && m.usage ? { model: m.model, usage: m.usage, ...(m.cost ? { cost: m.cost } : {}) } : {}),
              };
            }),
          });
        }
        case "GET /me/export":
          return json(200, await userData.exportAll(userId));
        case "DELETE /me":
          await userData.eraseAll(userId);
          return { statusCode: 204 };
        case "GET /me/memory": {
          const [userGraph, timeZone] = await Promise.all([graph().getUserGraph(userId), timeZoneOf(userId)]);
          return json(200, { facts: rememberedFacts(userGraph, now(), timeZone) });
        }
        case "DELETE /me/memory/{factId}": {
          // A fact id names its owner (`<type>:<userId>:<key>`): another user's id is simply not in the caller's graph.
          const factId = event.pathParameters?.factId;
          const forgotten = factId ? await forgetFact({ graph: graph(), cache: contexts, userId, factId, now: now(), timeZone: await timeZoneOf(userId) }) : false;
          return forgotten ? { statusCode: 204 } : problem(404, "FACT_NOT_FOUND", "No such remembered fact");
        }
        default:
          return problem(404, "NOT_FOUND", `No route ${event.routeKey}`);
      }
    } catch (error) {
      logger.error("read api failed", { routeKey: event.routeKey, error: error as Error });
      return problem(500, "INTERNAL_ERROR", "Something went wrong on our side");
    }
  };
};
