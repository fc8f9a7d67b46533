// The gateway over in-memory stores: frames, sessions and their cap, ownership, rate limits, duplicates, resume, disconnects and the sweep.
import { InMemoryClientMessageLog } from "@innerworld/conversation/client-messages";
import { InMemoryConnectionStore } from "@innerworld/conversation/connections";
import { InMemoryFeedbackStore } from "@innerworld/conversation/feedback";
import { InMemoryMessageStore, safetyNoticeReplyId } from "@innerworld/conversation/messages";
import { InMemoryRateLimiter } from "@innerworld/conversation/rate-limits";
import { InMemorySessionStore } from "@innerworld/conversation/sessions";
import { InMemoryTurnOutcomes } from "@innerworld/conversation/turns";
import { RecordingPublisher } from "@innerworld/events";
import { TURN_AT } from "@innerworld/events/factories";
import { InMemoryPersonaStore, seedBuiltInPersonas } from "@innerworld/personas/store";
import { manualClock, type ManualClock } from "@innerworld/platform/clock";
import { RecordingPusher } from "@innerworld/platform/delivery";
import { crisisResources } from "@innerworld/screening";
import { safetyNoticeText } from "@innerworld/screening/replies";
import { beforeEach, describe, expect, it } from "vitest";
import { ChatGateway, type GatewayLimits } from "./chatGateway";

const MAYA = "user-maya";
const SAM = "user-sam";
const MINUTE = 60_000;

interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

describe("gateway: ChatGateway", () => {
  let clock: ManualClock;
  let sessions: InMemorySessionStore;
  let messages: InMemoryMessageStore;
  let connections: InMemoryConnectionStore;
  let publisher: RecordingPublisher;
  let pusher: RecordingPusher;
  let gateway: ChatGateway;
  let personas: InMemoryPersonaStore;
  let outcomes: InMemoryTurnOutcomes;

  const build = (limits: Partial<GatewayLimits> = {}) =>
    new ChatGateway({
      connections,
      sessions,
      messages,
      rateLimiter: new InMemoryRateLimiter(clock),
      clientMessages: new InMemoryClientMessageLog(clock),
      outcomes,
      personas,
      feedback: new InMemoryFeedbackStore(clock),
      publisher,
      pusher,
      clock,
      limits,
    });
  /** Sends one client frame on a connection and reads the route's answer. */
  const send = async (connectionId: string, userId: string, type: string, payload?: unknown): Promise<Frame> =>
    JSON.parse(await gateway.handle(connectionId, userId, JSON.stringify(payload === undefined ? { type } : { type, payload }))) as Frame;
  const startSession = async (connectionId = "conn-1", userId = MAYA) => (await send(connectionId, userId, "start_session", { personaId: "companion" })).payload.sessionId as string;
  const say = (sessionId: string, content = "hey", connectionId = "conn-1", userId = MAYA, extra: Record<string, unknown> = {}) =>
    send(connectionId, userId, "message", { sessionId, content, ...extra });

  beforeEach(async () => {
    clock = manualClock(TURN_AT);
    outcomes = new InMemoryTurnOutcomes(clock);
    personas = new InMemoryPersonaStore();
    await seedBuiltInPersonas(personas);
    sessions = new InMemorySessionStore(clock);
    messages = new InMemoryMessageStore(clock);
    connections = new InMemoryConnectionStore(clock);
    publisher = new RecordingPublisher("gateway", clock);
    pusher = new RecordingPusher();
    gateway = build();
  });

  describe("frames", () => {
    it("answers bad frames with stable error codes", async () => {
      const raw = async (body: string | undefined) => (JSON.parse(await gateway.handle("conn-1", MAYA, body)) as Frame).payload.code;

      expect(await raw(undefined)).toBe("INVALID_FRAME");
      expect(await raw("{not json")).toBe("MALFORMED_JSON");
      expect(await raw(JSON.stringify({ type: "shout" }))).toBe("UNKNOWN_FRAME_TYPE");
      expect(await raw(JSON.stringify({ type: "message", payload: { content: "no session" } }))).toBe("INVALID_FRAME");
      expect(publisher.published).toEqual([]);
    });

    it("answers ping with the server's time", async () => {
      expect(await send("conn-1", MAYA, "ping")).toEqual({ type: "pong", payload: { serverTime: TURN_AT } });
    });

    it("refuses empty and overlong messages before spending a token", async () => {
      const sessionId = await startSession();

      expect((await say(sessionId, "   ")).payload.code).toBe("EMPTY_CONTENT");
      expect((await say(sessionId, "\u200b\u200b \ufeff")).payload.code).toBe("EMPTY_CONTENT");
      expect((await say(sessionId, "x".repeat(4001))).payload.code).toBe("CONTENT_TOO_LONG");
      expect((await send("conn-1", MAYA, "get_rate_limit_status", { sessionId })).payload.session).toMatchObject({ remaining: 10 });
    });

    it("counts a message's characters as the teen does: 4,000 emoji are 4,000 characters, not 8,000", async () => {
      const sessionId = await startSession();

      expect((await say(sessionId, "😭".repeat(4000))).type).toBe("message_received");
      expect((await say(sessionId, "😭".repeat(4001))).payload.code).toBe("CONTENT_TOO_LONG");
    });
  });

  describe("sessions", () => {
    it("starts a session and announces it", async () => {
      // Act
      const started = await send("conn-1", MAYA, "start_session", { personaId: "companion", locale: "en-GB" });

      // Assess
      const sessionId = started.payload.sessionId as string;
      expect(started).toEqual({ type: "session_started", payload: { sessionId, personaId: "companion", personas: [{ personaId: "companion", name: "Companion" }], expiresAt: "2026-12-05T16:00:00.000Z", timeZone: "UTC" } });
      expect(publisher.ofType("SessionStarted").map((e) => e.data)).toEqual([
        expect.objectContaining({ sessionId, personaId: "companion", connectionId: "conn-1", startedAt: TURN_AT, expiresAt: "2026-12-05T16:00:00.000Z", timeZone: "UTC" }),
      ]);
      expect(await sessions.get(sessionId)).toMatchObject({ userId: MAYA, locale: "en-GB", status: "active" });
    });

    it("refuses an unknown persona, alone or in a group, and names it", async () => {
      expect((await send("conn-1", MAYA, "start_session", { personaId: "stranger" })).payload).toMatchObject({ code: "UNKNOWN_PERSONA", personaId: "stranger" });
      expect((await send("conn-1", MAYA, "start_session", { personaIds: ["courage", "stranger"] })).payload).toMatchObject({ code: "UNKNOWN_PERSONA", personaId: "stranger" });
      expect(publisher.published).toEqual([]);
    });

    it("starts nothing on a socket whose token predates its account's erasure, and asks the tombstone only then", async () => {
      const frame = JSON.stringify({ type: "start_session", payload: { personaId: "companion" } });
      let asked = 0;
      const erasedBefore = { issuedBeforeErasure: async () => (asked += 1) > 0 };
      const refused = JSON.parse(await gateway.handle("conn-1", MAYA, frame, erasedBefore)) as Frame;
      expect(refused).toMatchObject({ type: "error", payload: { code: "FORBIDDEN" } });
      expect(publisher.published).toEqual([]);
      expect(await sessions.listActiveByUser(MAYA)).toEqual([]);
      // A ping asks nothing of the tombstone: the read is a session's, not every frame's.
      await gateway.handle("conn-1", MAYA, JSON.stringify({ type: "ping" }), erasedBefore);
      expect(asked).toBe(1);
      // A token issued after the erasure is the same person coming back.
      const started = JSON.parse(await gateway.handle("conn-2", MAYA, frame, { issuedBeforeErasure: async () => false })) as Frame;
      expect(started.type).toBe("session_started");
    });

    it("allows three active sessions per user and refuses the fourth until one ends", async () => {
      const [first] = [await startSession(), await startSession(), await startSession()];

      expect((await send("conn-1", MAYA, "start_session", { personaId: "companion" })).payload.code).toBe("SESSION_LIMIT_REACHED");
      expect((await send("conn-1", MAYA, "end_session", { sessionId: first })).type).toBe("session_ended");
      expect((await send("conn-1", MAYA, "start_session", { personaId: "companion" })).type).toBe("session_started");
    });

    it("numbers a session's messages, keeps each (the teen's side of the turn), and publishes each for screening", async () => {
      const sessionId = await startSession();

      const first = await say(sessionId, "  i have a chem test friday  ", "conn-1", MAYA, { stream: true });
      const second = await say(sessionId, "and i'm nervous");

      expect([first.payload.seq, second.payload.seq]).toEqual([1, 2]);
      const [received] = publisher.ofType("MessageReceived");
      expect(received?.data).toEqual({
        messageId: first.payload.messageId,
        sessionId,
        seq: 1,
        personaId: "companion",
        connectionId: "conn-1",
        content: "i have a chem test friday",
        stream: true,
        receivedAt: TURN_AT,
      });
      expect(received?.metadata).toMatchObject({ correlationId: first.payload.messageId, userId: MAYA, sessionId });
      expect((await messages.listSession(sessionId)).map((m) => [m.seq, m.role, m.messageId, m.userId, m.content, m.status, m.createdAt])).toEqual([
        [1, "user", first.payload.messageId, MAYA, "i have a chem test friday", "received", TURN_AT],
        [2, "user", second.payload.messageId, MAYA, "and i'm nervous", "received", TURN_AT],
      ]);
    });

    it("ends a session once: a second end announces nothing more", async () => {
      const sessionId = await startSession();

      const ended = await send("conn-1", MAYA, "end_session", { sessionId });
      const again = await send("conn-1", MAYA, "end_session", { sessionId });

      expect(ended).toEqual({ type: "session_ended", payload: { sessionId, reason: "client_end" } });
      expect(again.type).toBe("session_ended");
      expect(publisher.ofType("SessionEnded").map((e) => e.data.reason)).toEqual(["client_end"]);
      expect((await say(sessionId)).payload.code).toBe("SESSION_NOT_ACTIVE");
    });
  });

  describe("ownership", () => {
    it("keeps one user out of another's session: no message, no end, no resume, no status, and the same answer as a missing one", async () => {
      const sessionId = await startSession("conn-maya", MAYA);

      const answers = [
        await say(sessionId, "hi", "conn-sam", SAM),
        await send("conn-sam", SAM, "end_session", { sessionId }),
        await send("conn-sam", SAM, "resume", { sessionId, afterSeq: 0 }),
        await send("conn-sam", SAM, "get_rate_limit_status", { sessionId }),
        await send("conn-sam", SAM, "end_session", { sessionId: "00000000-0000-4000-8000-000000000000" }),
      ];

      expect(answers.map((a) => a.payload.code)).toEqual(Array(5).fill("SESSION_NOT_FOUND"));
      expect(publisher.ofType("MessageReceived")).toEqual([]);
      expect(await messages.listSession(sessionId)).toEqual([]);
      expect(publisher.ofType("SessionEnded")).toEqual([]);
      expect((await sessions.get(sessionId))?.connectionId).toBe("conn-maya");
    });
  });

  describe("rate limits", () => {
    it("limits a session to 10 messages a minute and says when to retry", async () => {
      const sessionId = await startSession();
      for (let i = 0; i < 10; i += 1) expect((await say(sessionId, `m${i}`)).type).toBe("message_received");

      const limited = await say(sessionId, "one too many", "conn-1", MAYA, { clientMessageId: "c-11" });

      // It names the message it refused, so a client that sent several at once knows which to send again.
      expect(limited).toEqual({ type: "rate_limit_exceeded", payload: { scope: "session", retryAfter: 6, limit: 10, sessionId, clientMessageId: "c-11" } });
      expect((await send("conn-1", MAYA, "get_rate_limit_status", { sessionId })).payload).toEqual({
        user: { limit: 30, remaining: 20, retryAfter: 0 },
        channel: { limit: 20, remaining: 10, retryAfter: 0 },
        session: { limit: 10, remaining: 0, retryAfter: 6 },
      });
      clock.advance(6000);
      expect((await say(sessionId, "after the wait")).type).toBe("message_received");
    });

    it("limits a connection to 20 messages a minute across its sessions", async () => {
      const [a, b, c] = [await startSession(), await startSession(), await startSession()];
      for (let i = 0; i < 10; i += 1) await say(a, `a${i}`);
      for (let i = 0; i < 10; i += 1) await say(b, `b${i}`);

      expect((await say(c, "c0")).payload).toMatchObject({ scope: "channel", limit: 20 });
      expect((await say(c, "c0", "conn-2")).type).toBe("message_received");
    });

    it("limits a user to 30 messages a minute across connections, and a refused message costs nothing", async () => {
      const sent: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const connectionId = `conn-${i % 2}`;
        const sessionId = await startSession(connectionId);
        for (let j = 0; j < 5; j += 1) sent.push((await say(sessionId, `m${i}-${j}`, connectionId)).type);
        await send(connectionId, MAYA, "end_session", { sessionId });
      }
      const sessionId = await startSession("conn-0");

      const limited = await say(sessionId, "the 31st", "conn-0");

      expect(sent.every((t) => t === "message_received")).toBe(true);
      expect(limited.payload).toMatchObject({ scope: "user", limit: 30 });
      expect((await send("conn-0", MAYA, "get_rate_limit_status", { sessionId })).payload.session).toMatchObject({ remaining: 10 });
    });
  });

  describe("other frames' rate", () => {
    it("counts a user's frames other than messages and pings a minute over all sockets, refusing the rest by name, then counts afresh", async () => {
      gateway = build({ framesPerMinute: 4 });
      const sessionId = await startSession("conn-1");
      clock.advance(20_000);

      const answers = [
        await send("conn-1", MAYA, "resume", { sessionId, afterSeq: 0 }),
        await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 }),
        await send("conn-2", MAYA, "get_rate_limit_status"),
        await send("conn-3", MAYA, "read", { sessionId, upToSeq: 0 }),
        await send("conn-3", MAYA, "ping"),
        await say(sessionId, "still here", "conn-3"),
      ];
      const others = await send("conn-1", SAM, "get_rate_limit_status");
      clock.advance(40_000);
      const nextMinute = await send("conn-1", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect(answers.map((a) => a.type)).toEqual(["session_resumed", "session_resumed", "rate_limit_status", "rate_limit_exceeded", "pong", "message_received"]);
      expect(answers[3]?.payload).toEqual({ scope: "user", retryAfter: 40, limit: 4, frame: "read", sessionId });
      expect(others.type).toBe("rate_limit_status");
      expect(nextMinute.type).toBe("session_resumed");
    });
  });

  describe("duplicates", () => {
    /** The next message write throws, as a PutItem the table refused would; later writes go through. */
    const failFirstMessageWrite = () => {
      const put = messages.putOnce.bind(messages);
      let failNext = true;
      messages.putOnce = async (message) => {
        if (failNext) {
          failNext = false;
          throw new Error("PutItem failed");
        }
        return put(message);
      };
    };

    it("acknowledges a resent clientMessageId with the first turn, publishing nothing more once the turn is under way", async () => {
      const sessionId = await startSession();

      const first = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "ios-5512" });
      await messages.setStatus(sessionId, 1, "user", "screened", ["received"]);
      const resent = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "ios-5512" });

      expect(resent).toEqual({ type: "message_received", payload: { sessionId, messageId: first.payload.messageId, seq: 1, clientMessageId: "ios-5512", duplicate: true } });
      expect(publisher.ofType("MessageReceived")).toHaveLength(1);
      expect(publisher.ofType("MessageReceived")[0]?.data.clientMessageId).toBe("ios-5512");
      expect(await messages.listSession(sessionId)).toHaveLength(1);
    });

    it("republishes a not yet screened turn under the same event id, which consumers deduplicate", async () => {
      const sessionId = await startSession();

      await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "ios-5513" });
      const resent = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "ios-5513" });

      expect(resent.payload.duplicate).toBe(true);
      const [once, again] = publisher.ofType("MessageReceived");
      expect(again?.metadata.eventId).toBe(once?.metadata.eventId);
      expect(again?.data).toEqual(once?.data);
    });

    it("runs the turn when the client resends after the publish failed", async () => {
      let failNext = true;
      const flaky = new RecordingPublisher("gateway", clock);
      publisher = {
        published: flaky.published,
        ofType: flaky.ofType.bind(flaky),
        publish: async (...requests: Parameters<RecordingPublisher["publish"]>) => {
          if (failNext && requests.some((r) => r.type === "MessageReceived")) {
            failNext = false;
            throw new Error("PutEvents failed");
          }
          return flaky.publish(...requests);
        },
      } as unknown as RecordingPublisher;
      gateway = build();
      const sessionId = await startSession();

      const failed = await gateway.handle("conn-1", MAYA, JSON.stringify({ type: "message", payload: { sessionId, content: "hi", clientMessageId: "ios-77" } })).catch(() => "INTERNAL_ERROR");
      expect(failed).toBe("INTERNAL_ERROR");
      expect(publisher.ofType("MessageReceived")).toEqual([]);

      const retried = await say(sessionId, "hi", "conn-2", MAYA, { clientMessageId: "ios-77" });

      expect(retried).toMatchObject({ type: "message_received", payload: { sessionId, seq: 1, clientMessageId: "ios-77" } });
      const [received] = publisher.ofType("MessageReceived");
      expect(received?.data).toMatchObject({ messageId: retried.payload.messageId, seq: 1, content: "hi", connectionId: "conn-2", clientMessageId: "ios-77" });
      expect(await messages.get(sessionId, 1, "user")).toMatchObject({ messageId: retried.payload.messageId, status: "received" });
    });

    it("stores the message and runs the turn when the client resends after the message write failed", async () => {
      failFirstMessageWrite();
      const sessionId = await startSession();

      await expect(gateway.handle("conn-1", MAYA, JSON.stringify({ type: "message", payload: { sessionId, content: "hello", clientMessageId: "web-9" } }))).rejects.toThrow("PutItem failed");
      const retried = await say(sessionId, "hello", "conn-1", MAYA, { clientMessageId: "web-9" });

      expect(retried.payload).toMatchObject({ seq: 1, duplicate: true });
      expect(await messages.get(sessionId, 1, "user")).toMatchObject({ messageId: retried.payload.messageId, content: "hello" });
      expect(publisher.ofType("MessageReceived").map((e) => e.data.messageId)).toEqual([retried.payload.messageId]);
    });

    it("answers a resend of a failed turn whose session has since ended with a typed error", async () => {
      failFirstMessageWrite();
      const sessionId = await startSession();
      await gateway.handle("conn-1", MAYA, JSON.stringify({ type: "message", payload: { sessionId, content: "hello", clientMessageId: "web-10" } })).catch(() => undefined);
      await send("conn-1", MAYA, "end_session", { sessionId });

      const retried = await say(sessionId, "hello", "conn-1", MAYA, { clientMessageId: "web-10" });

      expect(retried).toMatchObject({ type: "error", payload: { code: "SESSION_NOT_ACTIVE" } });
      expect(publisher.ofType("MessageReceived")).toEqual([]);
    });

    it("acknowledges a resend of a turn that was answered as the duplicate it is, after its session ended too, and runs nothing again", async () => {
      const sessionId = await startSession();
      const first = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "web-11" });
      await outcomes.claim(first.payload.messageId as string, "replied", "reply-1");

      const whileLive = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "web-11" });
      await send("conn-1", MAYA, "end_session", { sessionId });
      const afterEnd = await say(sessionId, "hi", "conn-1", MAYA, { clientMessageId: "web-11" });

      for (const resent of [whileLive, afterEnd]) expect(resent).toMatchObject({ type: "message_received", payload: { messageId: first.payload.messageId, seq: 1, duplicate: true } });
      expect(publisher.ofType("MessageReceived")).toHaveLength(1);
    });

    it("answers a clientMessageId used again in the user's next session: a client numbering each session afresh sends a new message", async () => {
      const first = await startSession("conn-1");
      await say(first, "hi", "conn-1", MAYA, { clientMessageId: "m1" });
      await send("conn-1", MAYA, "end_session", { sessionId: first });
      const next = await startSession("conn-1");

      const answered = await say(next, "nobody would notice if i was gone", "conn-1", MAYA, { clientMessageId: "m1" });

      expect(answered.payload).toMatchObject({ sessionId: next, seq: 1 });
      expect(answered.payload.duplicate).toBeUndefined();
      expect(publisher.ofType("MessageReceived").map((event) => event.data.sessionId)).toEqual([first, next]);
    });

    it("does not take another user's clientMessageId for a duplicate", async () => {
      const maya = await startSession("conn-maya", MAYA);
      const sam = await startSession("conn-sam", SAM);

      await say(maya, "hi", "conn-maya", MAYA, { clientMessageId: "web-1" });
      const sams = await say(sam, "hello", "conn-sam", SAM, { clientMessageId: "web-1" });

      expect(sams.payload.duplicate).toBeUndefined();
      expect(publisher.ofType("MessageReceived")).toHaveLength(2);
    });
  });

  describe("disconnects and resume", () => {
    it("forgets a closed connection and marks its sessions disconnected, and only those", async () => {
      await gateway.connect("conn-1", MAYA);
      const onIt = await startSession("conn-1");
      const elsewhere = await startSession("conn-2");

      await gateway.disconnect("conn-1", MAYA);

      expect(await connections.get("conn-1")).toBeUndefined();
      expect((await sessions.get(onIt))?.disconnectedAt).toBe(TURN_AT);
      expect((await sessions.get(elsewhere))?.disconnectedAt).toBeUndefined();
    });

    it("steps aside for live frames before each store call after the first, so a burst of them queues behind live turns", async () => {
      await gateway.connect("conn-1", MAYA);
      const first = await startSession("conn-1");
      const second = await startSession("conn-1");
      const sessionsMarked = new Set<string>();
      const seen: string[] = [];
      const between = async () => {
        seen.push(`${(await connections.get("conn-1")) ? "open" : "closed"}, ${sessionsMarked.size} marked`);
      };
      const markDisconnected = sessions.markDisconnected.bind(sessions);
      sessions.markDisconnected = async (sessionId, connectionId) => {
        sessionsMarked.add(sessionId);
        await markDisconnected(sessionId, connectionId);
      };

      await gateway.disconnect("conn-1", MAYA, between);

      // One call at a time: closing, then before the listing and before each marking, a pause for live frames.
      expect(seen).toEqual(["closed, 0 marked", "closed, 0 marked", "closed, 1 marked"]);
      expect([...sessionsMarked].sort()).toEqual([first, second].sort());
    });

    it("re-binds a session to the new connection and pushes the replies the client missed", async () => {
      const sessionId = await startSession("conn-1");
      const base = { sessionId, userId: MAYA, personaId: "companion" };
      for (const seq of [1, 2, 3]) {
        await messages.putOnce({ ...base, seq, role: "user", messageId: `m${seq}`, content: `question ${seq}`, status: "received" });
        await messages.putOnce({ ...base, seq, role: "assistant", messageId: `m${seq}`, replyId: `r${seq}`, content: `answer ${seq}`, status: "screened", model: "offline" });
      }
      await gateway.disconnect("conn-1", MAYA);

      const resumed = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 1 });

      expect(resumed).toEqual({ type: "session_resumed", payload: { sessionId, afterSeq: 1, lastSeq: 0, replayed: 2 } });
      expect(pusher.framesTo("conn-2").map((f) => [f.type, f.payload.text, f.payload.resumed])).toEqual([
        ["reply", "answer 2", true],
        ["reply", "answer 3", true],
      ]);
      expect((await messages.get(sessionId, 3, "assistant"))?.status).toBe("delivered");
      expect((await messages.get(sessionId, 1, "assistant"))?.status).toBe("screened");
      expect(await sessions.get(sessionId)).toMatchObject({ connectionId: "conn-2" });
      expect((await sessions.get(sessionId))?.disconnectedAt).toBeUndefined();
    });

    it("shows a reply again on the resume's retry when its push failed, and keeps a read reply read", async () => {
      const sessionId = await startSession("conn-1");
      const base = { sessionId, userId: MAYA, personaId: "companion" };
      for (const seq of [1, 2]) {
        await messages.putOnce({ ...base, seq, role: "user", messageId: `m${seq}`, content: `question ${seq}`, status: "received" });
        await messages.putOnce({ ...base, seq, role: "assistant", messageId: `m${seq}`, replyId: `r${seq}`, content: `answer ${seq}`, status: seq === 1 ? "read" : "undelivered", model: "offline" });
      }
      await gateway.connect("conn-2", MAYA);
      // The first push fails (an @connections throttle, say): the resume fails as a whole, retryably.
      const push = pusher.push.bind(pusher);
      let failures = 1;
      pusher.push = async (connectionId, outgoing) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error("TooManyRequestsException");
        }
        return push(connectionId, outgoing);
      };
      await expect(send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 })).rejects.toThrow("TooManyRequestsException");

      const retried = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect(retried.payload.replayed).toBe(2);
      expect(pusher.framesTo("conn-2").map((f) => f.payload.text)).toEqual(["answer 1", "answer 2"]);
      expect((await messages.get(sessionId, 1, "assistant"))?.status).toBe("read");
      expect((await messages.get(sessionId, 2, "assistant"))?.status).toBe("delivered");
    });

    it("starts the session when offering an open feedback request fails, and says so in the log", async () => {
      const warnings: string[] = [];
      const feedback = new InMemoryFeedbackStore(clock);
      gateway = new ChatGateway({
        connections, sessions, messages, outcomes, personas, publisher, pusher, clock, feedback,
        rateLimiter: new InMemoryRateLimiter(clock),
        clientMessages: new InMemoryClientMessageLog(clock),
        warn: (message) => void warnings.push(message),
      });
      feedback.listOpenByUser = async () => {
        throw new Error("ProvisionedThroughputExceededException");
      };

      const started = await send("conn-1", MAYA, "start_session", { personaId: "companion" });

      expect(started.type).toBe("session_started");
      expect(await sessions.get(started.payload.sessionId as string)).toMatchObject({ status: "active" });
      expect(warnings).toEqual(["feedback offer failed"]);
    });

    it("shows a missed safety notice again as the notice it was: a crisis one with the locale's helplines, a blocked one without", async () => {
      const started = await send("conn-1", MAYA, "start_session", { personaId: "companion", locale: "es-MX" });
      const sessionId = started.payload.sessionId as string;
      const base = { sessionId, userId: MAYA, personaId: "companion", model: "safety" };
      await messages.putOnce({ ...base, seq: 1, role: "user", messageId: "m1", content: "ya no quiero vivir", status: "crisis" });
      await messages.putOnce({ ...base, seq: 1, role: "assistant", messageId: "m1", replyId: safetyNoticeReplyId("m1"), content: safetyNoticeText({ action: "crisis" }, "es-MX"), status: "undelivered", categories: ["crisis"] });
      await messages.putOnce({ ...base, seq: 2, role: "user", messageId: "m2", content: "(a slur)", status: "blocked" });
      await messages.putOnce({ ...base, seq: 2, role: "assistant", messageId: "m2", replyId: safetyNoticeReplyId("m2"), content: safetyNoticeText({ action: "block" }, "es-MX"), status: "undelivered", categories: ["hate"] });
      await gateway.disconnect("conn-1", MAYA);

      await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect(pusher.framesTo("conn-2")).toEqual([
        { type: "safety_notice", payload: { sessionId, messageId: "m1", seq: 1, text: safetyNoticeText({ action: "crisis" }, "es-MX"), categories: ["crisis"], resources: crisisResources("es-MX").resources, resumed: true } },
        { type: "safety_notice", payload: { sessionId, messageId: "m2", seq: 2, text: safetyNoticeText({ action: "block" }, "es-MX"), categories: ["hate"], resources: [], resumed: true } },
      ]);
      expect(crisisResources("es-MX").resources.map((resource) => resource.contact)).toContain("Llama al 800 911 2000");
    });

    it("shows a connection each missed reply once, however often it resumes; a new connection is shown them again", async () => {
      const sessionId = await startSession("conn-1");
      const base = { sessionId, userId: MAYA, personaId: "companion" };
      for (const seq of [1, 2]) {
        await messages.putOnce({ ...base, seq, role: "user", messageId: `m${seq}`, content: `question ${seq}`, status: "received" });
        await messages.putOnce({ ...base, seq, role: "assistant", messageId: `m${seq}`, replyId: `r${seq}`, content: `answer ${seq}`, status: "screened", model: "offline" });
      }
      await gateway.disconnect("conn-1", MAYA);
      await gateway.connect("conn-2", MAYA);
      await gateway.connect("conn-3", MAYA);

      // The client does not know how its first turn ended, so it asks from the start twice.
      const first = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });
      const again = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });
      const elsewhere = await send("conn-3", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect([first, again, elsewhere].map((f) => f.payload.replayed)).toEqual([2, 0, 2]);
      expect(pusher.framesTo("conn-2").map((f) => f.payload.replyId)).toEqual(["r1", "r2"]);
      expect(pusher.framesTo("conn-3").map((f) => f.payload.replyId)).toEqual(["r1", "r2"]);
    });

    it("moves every recent turn not failed with the session, whatever is stored of its answers, so the replies and notices still to come follow it", async () => {
      const sessionId = await startSession("conn-1");
      const base = { sessionId, userId: MAYA, personaId: "companion" };
      const longAgo = new Date(clock() - 16 * 60 * 1000).toISOString();
      await messages.putOnce({ ...base, seq: 1, role: "user", messageId: "m1", content: "answered long ago", status: "delivered", createdAt: longAgo });
      await messages.putOnce({ ...base, seq: 2, role: "user", messageId: "m2", content: "failed", status: "failed" });
      await messages.putOnce({ ...base, seq: 3, role: "user", messageId: "m3", content: "in flight", status: "received" });
      await messages.putOnce({ ...base, seq: 4, role: "user", messageId: "m4", content: "screened, in flight", status: "screened" });
      // Storage kept the crisis notice before the notifier pushed it.
      await messages.putOnce({ ...base, seq: 5, role: "user", messageId: "m5", content: "a crisis", status: "crisis" });
      await messages.putOnce({ ...base, seq: 5, role: "assistant", messageId: "m5", replyId: "m5-notice", content: "notice", status: "crisis" });
      // A group turn whose first reply is stored, its second still to come.
      await messages.putOnce({ ...base, seq: 6, role: "user", messageId: "m6", content: "@a @b hi", status: "received" });
      await messages.putOnce({ ...base, seq: 6, role: "assistant", messageId: "m6", replyId: "m6-r0", content: "from a", status: "delivered", model: "offline" });

      // The client never saw the acks answered: it resumes after 6, from a new connection, the old one open.
      await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 6 });

      expect([...outcomes.moves.entries()].sort()).toEqual([
        ["m3", "conn-2"],
        ["m4", "conn-2"],
        ["m5", "conn-2"],
        ["m6", "conn-2"],
      ]);
      expect(await outcomes.claim("m5", "noticed", "m5-notice")).toEqual({ won: true, movedTo: "conn-2" });
    });

    describe("racing a reply whose push found the old connection gone", () => {
      /** Maya's session on conn-1, with one turn in flight that the resume on conn-2 will list. */
      const turnInFlight = async () => {
        const sessionId = await startSession("conn-1");
        await messages.putOnce({ sessionId, userId: MAYA, personaId: "companion", seq: 1, role: "user", messageId: "m1", content: "into the tunnel", status: "received" });
        await gateway.disconnect("conn-1", MAYA);
        return sessionId;
      };
      /** What the notifier does when its push finds the old connection gone and no move yet: keep the reply, then settle. */
      const replyGivesUp = async (sessionId: string) => {
        await outcomes.claim("m1", "replied", "r1");
        await messages.putOnce({ sessionId, userId: MAYA, personaId: "companion", seq: 1, role: "assistant", messageId: "m1", replyId: "r1", content: "still here", status: "undelivered", model: "offline" });
        await outcomes.settle("m1", "nowhere");
      };
      /** Runs `between` once, right after the resume's first listing was read and before anything else it does. */
      const afterFirstListing = (between: () => Promise<void>) => {
        const list = messages.listSession.bind(messages);
        let listings = 0;
        messages.listSession = async (...args) => {
          const listed = await list(...args);
          listings += 1;
          if (listings === 1) await between();
          return listed;
        };
        return () => listings;
      };

      it("replays a reply that gave up between its listing and its mark: the mark finds it settled nowhere, and a second listing has it", async () => {
        // Prepare: the notifier's failure path lands after the resume listed the messages, before it marked the turn.
        const sessionId = await turnInFlight();
        const listings = afterFirstListing(() => replyGivesUp(sessionId));

        // Act
        const resumed = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

        // Assess: the teen sees the reply on the new connection now, not on a resume to come.
        expect(resumed.payload).toMatchObject({ replayed: 1 });
        expect(pusher.framesTo("conn-2").filter((f) => f.type === "reply").map((f) => [f.payload.text, f.payload.resumed])).toEqual([["still here", true]]);
        expect((await messages.get(sessionId, 1, "assistant"))?.status).toBe("delivered");
        expect(listings()).toBe(2);
      });

      it("lists the messages once when no mark finds a reply that gave up", async () => {
        const sessionId = await turnInFlight();
        const listings = afterFirstListing(async () => undefined);

        await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

        expect(listings()).toBe(1);
        expect(outcomes.moves.get("m1")).toBe("conn-2");
      });

      it("moves the session before it lists the messages, so a turn it does not list finds the new connection in the session", async () => {
        const sessionId = await turnInFlight();
        const sessionWhenListed: (string | undefined)[] = [];
        afterFirstListing(async () => void sessionWhenListed.push((await sessions.get(sessionId))?.connectionId));

        await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

        expect(sessionWhenListed).toEqual(["conn-2"]);
      });
    });

    it("moves no turn of a session that has ended", async () => {
      const sessionId = await startSession("conn-1");
      await messages.putOnce({ sessionId, userId: MAYA, personaId: "companion", seq: 1, role: "user", messageId: "m1", content: "in flight", status: "received" });
      await send("conn-1", MAYA, "end_session", { sessionId });

      await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect(outcomes.moves.size).toBe(0);
    });

    it("stops replaying when the new connection is gone too", async () => {
      const sessionId = await startSession("conn-1");
      await messages.putOnce({ sessionId, userId: MAYA, personaId: "companion", seq: 1, role: "assistant", messageId: "m1", content: "answer 1", status: "screened" });
      pusher.close("conn-2");

      const resumed = await send("conn-2", MAYA, "resume", { sessionId, afterSeq: 0 });

      expect(resumed.payload.replayed).toBe(0);
      expect((await messages.get(sessionId, 1, "assistant"))?.status).toBe("screened");
    });
  });

  describe("sweep", () => {
    it("ends idle, long-disconnected and expired sessions once each, announcing why", async () => {
      const idle = await startSession("conn-idle");
      const gone = await startSession("conn-gone");
      const busy = await startSession("conn-busy");
      clock.advance(14 * MINUTE);
      await say(busy, "still here", "conn-busy");
      await say(gone, "about to drop", "conn-gone");
      await gateway.disconnect("conn-gone", MAYA);
      clock.advance(2 * MINUTE);

      const ended = await gateway.sweep();
      const again = await gateway.sweep();

      expect([ended, again]).toEqual([2, 0]);
      expect(publisher.ofType("SessionEnded").map((e) => [e.data.sessionId, e.data.reason]).sort()).toEqual([[gone, "disconnect"], [idle, "idle"]].sort());
      expect(await sessions.get(busy)).toMatchObject({ status: "active" });
    });

    it("leaves live a session a message reached between the sweep's scan and its end", async () => {
      // Prepare: the scan finds the session idle; the teen's message is handled before the sweep gets to end it.
      let sessionId = "";
      let answer: Frame | undefined;
      sessions = new (class extends InMemorySessionStore {
        override async listStale(...args: Parameters<InMemorySessionStore["listStale"]>) {
          const found = await super.listStale(...args);
          answer = await say(sessionId, "sorry, was at dinner");
          return found;
        }
      })(clock);
      gateway = build();
      sessionId = await startSession();
      clock.advance(16 * MINUTE);

      // Act
      const ended = await gateway.sweep();

      // Assess
      expect(answer).toMatchObject({ type: "message_received", payload: { sessionId, seq: 1 } });
      expect(ended).toBe(0);
      expect(publisher.ofType("SessionEnded")).toEqual([]);
      expect(await sessions.get(sessionId)).toMatchObject({ status: "active", lastSeq: 1 });
    });

    it("announces an end whose SessionEnded was lost: on the retried end, else in the sweep, under the same event id", async () => {
      // Prepare: the bus takes each session's first SessionEnded and the call fails all the same (a timeout), or refuses it.
      const flaky = new RecordingPublisher("gateway", clock);
      const failedOnce = new Set<string>();
      publisher = {
        published: flaky.published,
        ofType: flaky.ofType.bind(flaky),
        publish: async (...requests: Parameters<RecordingPublisher["publish"]>) => {
          const ending = requests.find((r) => r.type === "SessionEnded")?.sessionId;
          if (!ending || failedOnce.has(ending)) return flaky.publish(...requests);
          failedOnce.add(ending);
          if (ending === retried) await flaky.publish(...requests);
          throw new Error("PutEvents timed out");
        },
      } as unknown as RecordingPublisher;
      gateway = build();
      const retried = await startSession("conn-1");
      const abandoned = await startSession("conn-2");
      const endOf = (sessionId: string) => gateway.handle("conn-1", MAYA, JSON.stringify({ type: "end_session", payload: { sessionId } })).catch(() => "INTERNAL_ERROR");
      expect([await endOf(retried), await endOf(abandoned)]).toEqual(["INTERNAL_ERROR", "INTERNAL_ERROR"]);

      // Act
      const again = JSON.parse(await endOf(retried)) as Frame;
      const swept = await gateway.sweep();
      const sweptAgain = await gateway.sweep();
      const onceMore = await endOf(retried);

      // Assess
      expect(again).toEqual({ type: "session_ended", payload: { sessionId: retried, reason: "client_end" } });
      expect(JSON.parse(onceMore)).toEqual(again);
      expect([swept, sweptAgain]).toEqual([0, 0]);
      const announced = publisher.ofType("SessionEnded");
      expect(announced.map((e) => [e.data.sessionId, e.data.reason])).toEqual([
        [retried, "client_end"],
        [retried, "client_end"],
        [abandoned, "client_end"],
      ]);
      expect(announced[0]?.metadata.eventId).toBe(announced[1]?.metadata.eventId);
      expect(announced[0]?.data).toEqual(announced[1]?.data);
      expect(await sessions.get(abandoned)).toMatchObject({ status: "ended" });
      expect((await sessions.get(abandoned))?.endAnnouncementPending).toBeUndefined();
    });
  });
});
