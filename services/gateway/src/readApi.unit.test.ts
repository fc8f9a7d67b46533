// The read API over in-memory ports: a user's own sessions and history, ownership, paging, and the routes it answers.
import { InMemoryClientMessageLog } from "@innerworld/conversation/client-messages";
import { InMemoryConnectionStore } from "@innerworld/conversation/connections";
import { InMemoryFeedbackStore } from "@innerworld/conversation/feedback";
import { InMemoryRateLimiter } from "@innerworld/conversation/rate-limits";
import { InMemoryTurnOutcomes } from "@innerworld/conversation/turns";
import { InMemoryContextCacheStore } from "@innerworld/memory/context-cache";
import { InMemoryGraphStore } from "@innerworld/memory/graph";
import { InMemoryMessageStore, safetyNoticeReplyId } from "@innerworld/conversation/messages";
import { InMemorySessionStore } from "@innerworld/conversation/sessions";
import { READ_API_ROUTES, RecordingPublisher } from "@innerworld/events";
import { httpApiEvent } from "@innerworld/events/test-events";
import { InMemoryPersonaStore, seedBuiltInPersonas } from "@innerworld/personas/store";
import { manualClock } from "@innerworld/platform/clock";
import { InMemoryTombstoneStore } from "@innerworld/platform/tombstones";
import { crisisResources } from "@innerworld/screening";
import { safetyNoticeText } from "@innerworld/screening/replies";
import { describe, expect, it } from "vitest";
import { ChatGateway } from "./chatGateway";
import { createReadApi } from "./readApi";

const NOW = "2026-12-04T16:00:00.000Z";

/** The in-memory store with a hook run before the next end: where a test lets another end win the race to it. */
class RacedSessionStore extends InMemorySessionStore {
  beforeNextEnd: ((sessionId: string) => Promise<void>) | undefined;

  override async end(...args: Parameters<InMemorySessionStore["end"]>) {
    const hook = this.beforeNextEnd;
    this.beforeNextEnd = undefined;
    await hook?.(args[0]);
    return super.end(...args);
  }
}

const setUp = async () => {
  const clock = manualClock(NOW);
  const sessions = new RacedSessionStore(clock);
  const messages = new InMemoryMessageStore(clock);
  const personas = new InMemoryPersonaStore();
  await seedBuiltInPersonas(personas);
  const publisher = new RecordingPublisher("gateway", clock);
  const gateway = new ChatGateway({
    connections: new InMemoryConnectionStore(clock),
    sessions,
    messages,
    rateLimiter: new InMemoryRateLimiter(clock),
    clientMessages: new InMemoryClientMessageLog(clock),
    outcomes: new InMemoryTurnOutcomes(clock),
    personas,
    feedback: new InMemoryFeedbackStore(clock),
    publisher,
    clock,
  });
  const operationsAsked: string[] = [];
  const errors: string[] = [];
  /** Erased users and when: the tombstones DELETE /me writes. */
  const erasures = new InMemoryTombstoneStore();
  const api = createReadApi({
    sessions,
    messages,
    contexts: new InMemoryContextCacheStore(clock),
    graph: () => new InMemoryGraphStore(),
    personas,
    publisher,
    // Export and erasure walk every table: the e2e lane tests them against the local cloud.
    userData: {
      exportAll: async () => {
        throw new Error("not a unit of the read API");
      },
      eraseAll: async () => {
        throw new Error("not a unit of the read API");
      },
    },
    operations: async (event) => {
      operationsAsked.push(event.routeKey);
      return event.routeKey.startsWith("GET /health") ? { statusCode: 200, body: "{}" } : undefined;
    },
    gateway: () => gateway,
    tombstones: erasures,
    clock,
    tokenClock: clock,
    logger: { error: (message) => errors.push(message) },
  });
  const nowSeconds = Date.parse(NOW) / 1000;
  /** A request as API Gateway passes it on once the JWT authorizer let it through. */
  const call = (routeKey: string, user: string | undefined, extra: { pathParameters?: Record<string, string>; query?: Record<string, string> } = {}) => {
    const event = httpApiEvent({ routeKey, ...(user ? { sub: user } : {}), ...(extra.pathParameters ? { pathParameters: extra.pathParameters } : {}) });
    const claims = event.requestContext.authorizer.jwt.claims;
    if (user) Object.assign(claims, { exp: nowSeconds + 3600, iat: nowSeconds - 60, token_use: "id" });
    return api({ ...event, ...(extra.query ? { queryStringParameters: extra.query } : {}) });
  };
  const start = (userId: string, connectionId = "conn-1") => sessions.start({ userId, personaId: "companion", connectionId, maxActive: 3 });
  /** The sessions whose SessionEnded went out, in order. */
  const ended = () => publisher.ofType("SessionEnded").map((e) => e.data.sessionId);
  return { api, call, clock, sessions, messages, start, ended, operationsAsked, errors, erasures };
};

const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? "{}") as Record<string, unknown>;

describe("the read API", () => {
  it("lists the caller's sessions, newest first, and no one else's", async () => {
    const { call, clock, start } = await setUp();
    const first = await start("user-maya");
    clock.advance(60_000);
    const second = await start("user-maya", "conn-2");
    await start("user-sam");

    const listed = await call("GET /sessions", "user-maya");

    expect(listed.statusCode).toBe(200);
    expect((bodyOf(listed).sessions as { sessionId: string }[]).map((s) => s.sessionId)).toEqual([second.sessionId, first.sessionId]);
  });

  it("says which time zone and locale a session was started in", async () => {
    const { call, sessions } = await setUp();
    const session = await sessions.start({ userId: "user-maya", personaId: "companion", connectionId: "conn-1", maxActive: 3, locale: "es-MX", timeZone: "America/Mexico_City" });

    const read = await call("GET /sessions/{sessionId}", "user-maya", { pathParameters: { sessionId: session.sessionId } });

    expect(bodyOf(read)).toMatchObject({ sessionId: session.sessionId, timeZone: "America/Mexico_City", locale: "es-MX" });
  });

  it("answers another user's session exactly like a missing one, and ends the caller's own through the gateway", async () => {
    const { call, start, ended } = await setUp();
    const mayas = await start("user-maya");

    const asSam = await call("GET /sessions/{sessionId}", "user-sam", { pathParameters: { sessionId: mayas.sessionId } });
    const missing = await call("GET /sessions/{sessionId}", "user-sam", { pathParameters: { sessionId: "00000000-0000-4000-8000-000000000000" } });
    const endedBySam = await call("POST /sessions/{sessionId}/end", "user-sam", { pathParameters: { sessionId: mayas.sessionId } });
    const endedByMaya = await call("POST /sessions/{sessionId}/end", "user-maya", { pathParameters: { sessionId: mayas.sessionId } });

    expect([asSam.statusCode, missing.statusCode, endedBySam.statusCode]).toEqual([404, 404, 404]);
    expect(bodyOf(asSam)).toEqual(bodyOf(missing));
    expect(endedByMaya.statusCode).toBe(200);
    expect(bodyOf(endedByMaya)).toMatchObject({ sessionId: mayas.sessionId, status: "ended", endReason: "client_end" });
    expect(ended()).toEqual([mayas.sessionId]);
  });

  it("answers an end that lost the race to another end with the session as that end left it", async () => {
    // Prepare: the sweep ends the session idle between the route's read of it and its own end.
    const { call, start, sessions, ended } = await setUp();
    const session = await start("user-maya");
    sessions.beforeNextEnd = async (sessionId) => void (await sessions.end(sessionId, "idle"));

    // Act
    const answer = await call("POST /sessions/{sessionId}/end", "user-maya", { pathParameters: { sessionId: session.sessionId } });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(bodyOf(answer)).toMatchObject({ sessionId: session.sessionId, status: "ended", endReason: "idle" });
    expect(ended()).toEqual([session.sessionId]);
  });

  it("pages a session's history after a seq by whole turns, with each message's place in its life, and refuses a bad page", async () => {
    const { call, start, messages } = await setUp();
    const session = await start("user-maya");
    for (const seq of [1, 2, 3]) {
      await messages.putOnce({ sessionId: session.sessionId, seq, role: "user", messageId: `msg-${seq}`, userId: "user-maya", personaId: "companion", content: `question ${seq}`, status: "received" });
      await messages.putOnce({ sessionId: session.sessionId, seq, role: "assistant", messageId: `msg-${seq}`, userId: "user-maya", personaId: "companion", content: `answer ${seq}`, status: seq === 3 ? "screened" : "delivered" });
    }
    const path = { pathParameters: { sessionId: session.sessionId } };

    const page = await call("GET /sessions/{sessionId}/messages", "user-maya", { ...path, query: { afterSeq: "1", limit: "3" } });
    const last = await call("GET /sessions/{sessionId}/messages", "user-maya", { ...path, query: { afterSeq: "2", limit: "3" } });
    const refused = await call("GET /sessions/{sessionId}/messages", "user-maya", { ...path, query: { afterSeq: "-1" } });

    expect(page.statusCode).toBe(200);
    expect((bodyOf(page).messages as { seq: number; role: string; status: string }[]).map((m) => [m.seq, m.role, m.status])).toEqual([
      [2, "user", "delivered"],
      [2, "assistant", "delivered"],
    ]);
    expect(bodyOf(page).nextAfterSeq).toBe(2);
    expect((bodyOf(last).messages as { seq: number; role: string; status: string }[]).map((m) => [m.seq, m.role, m.status])).toEqual([
      [3, "user", "delivered"],
      [3, "assistant", "sent"],
    ]);
    expect(bodyOf(last)).not.toHaveProperty("nextAfterSeq");
    expect(refused.statusCode).toBe(400);
    expect(bodyOf(refused)).toMatchObject({ error: { code: "INVALID_QUERY" } });
  });

  it("gives every message once, in order, to a client that follows nextAfterSeq, whatever the page size; a group turn larger than a page comes whole", async () => {
    // Prepare: a one-reply turn, a group turn with three replies, a one-reply turn, and a turn still waiting for its reply.
    const { call, start, messages } = await setUp();
    const session = await start("user-maya");
    const put = (seq: number, role: "user" | "assistant", replyIndex = 0) =>
      messages.putOnce({ sessionId: session.sessionId, seq, role, replyIndex, messageId: `msg-${seq}`, userId: "user-maya", personaId: "companion", content: `${seq}${role}${replyIndex}`, status: "delivered" });
    for (const [seq, replies] of [[1, 1], [2, 3], [3, 1], [4, 0]] as const) {
      await put(seq, "user");
      for (let i = 0; i < replies; i += 1) await put(seq, "assistant", i);
    }
    const everything = ["1user0", "1assistant0", "2user0", "2assistant0", "2assistant1", "2assistant2", "3user0", "3assistant0", "4user0"];

    for (const limit of [1, 2, 3, 4, 5, 8, 9, 200]) {
      // Act
      const read: string[] = [];
      const pages: number[] = [];
      for (let afterSeq: number | undefined = 0; afterSeq !== undefined && pages.length < 20; ) {
        const body = bodyOf(await call("GET /sessions/{sessionId}/messages", "user-maya", { pathParameters: { sessionId: session.sessionId }, query: { afterSeq: String(afterSeq), limit: String(limit) } }));
        const page = body.messages as { content: string }[];
        read.push(...page.map((m) => m.content));
        pages.push(page.length);
        afterSeq = body.nextAfterSeq as number | undefined;
      }

      // Assess
      expect(read, `limit ${limit}`).toEqual(everything);
      expect(pages.every((size) => size <= Math.max(limit, 4)), `limit ${limit}: ${pages.join(", ")}`).toBe(true);
    }
  });

  it("pages the caller's sessions with an opaque cursor, and refuses a cursor or a limit it did not hand out", async () => {
    const { call, clock, start, sessions } = await setUp();
    const started: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const session = await start("user-maya", `conn-${i}`);
      await sessions.end(session.sessionId, "client_end");
      started.unshift(session.sessionId);
      clock.advance(60_000);
    }
    await start("user-sam");

    const read: string[] = [];
    const cursors: unknown[] = [];
    for (let cursor: string | undefined, pages = 0; pages === 0 || (cursor !== undefined && pages < 10); pages += 1) {
      const body = bodyOf(await call("GET /sessions", "user-maya", { query: { limit: "2", ...(cursor ? { cursor } : {}) } }));
      read.push(...(body.sessions as { sessionId: string }[]).map((s) => s.sessionId));
      cursor = body.nextCursor as string | undefined;
      cursors.push(cursor);
    }
    const refusals = await Promise.all(
      ([{ cursor: "not-a-cursor" }, { cursor: Buffer.from(JSON.stringify(["x", "yesterday"])).toString("base64url") }, { limit: "0" }, { limit: "51" }] as Record<string, string>[]).map((query) =>
        call("GET /sessions", "user-maya", { query }),
      ),
    );

    expect(read).toEqual(started);
    expect(cursors.at(-1)).toBeUndefined();
    expect(refusals.map((r) => [r.statusCode, (bodyOf(r).error as { code: string }).code])).toEqual(Array.from({ length: 4 }, () => [400, "INVALID_QUERY"]));
  });

  it("marks a safety notice in a session's history with its categories and, for a crisis, the session locale's helplines", async () => {
    const { call, sessions, messages } = await setUp();
    const session = await sessions.start({ userId: "user-maya", personaId: "companion", connectionId: "conn-1", maxActive: 3, locale: "es-MX" });
    const base = { sessionId: session.sessionId, userId: "user-maya", personaId: "companion", seq: 1, messageId: "msg-1" };
    await messages.putOnce({ ...base, role: "user", content: "ya no quiero vivir", status: "crisis" });
    await messages.putOnce({ ...base, role: "assistant", replyId: safetyNoticeReplyId("msg-1"), content: safetyNoticeText({ action: "crisis" }, "es-MX"), status: "delivered", model: "safety", categories: ["crisis"] });

    const page = await call("GET /sessions/{sessionId}/messages", "user-maya", { pathParameters: { sessionId: session.sessionId } });

    const [question, notice] = bodyOf(page).messages as Record<string, unknown>[];
    expect(question).toMatchObject({ role: "user", safety: "crisis" });
    expect(question?.safetyNotice).toBeUndefined();
    expect(notice).toMatchObject({ role: "assistant", safetyNotice: { categories: ["crisis"], resources: crisisResources("es-MX").resources } });
  });

  it("asks for a token on its own routes, leaves health and admin to the operations routes, and answers every route infra declares", async () => {
    const { call, operationsAsked } = await setUp();
    const pathParameters = { sessionId: "00000000-0000-4000-8000-000000000000", personaId: "companion", factId: "Event:user-maya:chem-test", service: "safety", requestId: "req-1" };

    const anonymous = await call("GET /sessions", undefined);
    const health = await call("GET /health", undefined);
    const answers = await Promise.all(READ_API_ROUTES.map(async (routeKey) => ({ routeKey, answer: await call(routeKey, "user-maya", { pathParameters }) })));
    const unknown = await call("GET /nowhere", "user-maya");

    expect(anonymous.statusCode).toBe(401);
    expect(health.statusCode).toBe(200);
    expect(operationsAsked).toContain("GET /health");
    const unanswered = answers.filter(({ answer }) => (bodyOf(answer).error as { code?: string } | undefined)?.code === "NOT_FOUND" && String((bodyOf(answer).error as { message?: string }).message).startsWith("No route"));
    // The admin and feedback routes are the operations API's (stubbed here to answer only health): those fall through.
    expect(unanswered.map((u) => u.routeKey).filter((route) => !/admin|feedback/.test(route))).toEqual([]);
    expect(bodyOf(unknown)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("refuses on every route a token issued before its user's erasure, in the words of an invalid one; a later token is let in", async () => {
    const { call, erasures } = await setUp();
    const withToken = READ_API_ROUTES.filter((routeKey) => !routeKey.startsWith("GET /health"));
    // call() mints tokens issued a minute before now.
    await erasures.put("user-erased", new Date(Date.parse(NOW) - 30_000).toISOString());
    await erasures.put("user-back", new Date(Date.parse(NOW) - 120_000).toISOString());
    const pathParameters = { sessionId: "00000000-0000-4000-8000-000000000000", personaId: "companion", factId: "Event:user-erased:chem-test", service: "safety", requestId: "req-1" };

    const anonymous = await call("GET /sessions", undefined);
    const answers = await Promise.all(withToken.map((routeKey) => call(routeKey, "user-erased", { pathParameters })));
    const back = await call("GET /sessions", "user-back");

    expect(answers.map((a) => a.statusCode)).toEqual(withToken.map(() => 401));
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set([anonymous.body]));
    expect(back.statusCode).toBe(200);
  });
});
