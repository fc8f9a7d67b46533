// The notifier pushes each turn's ending once, to the connection the session is on now, and reports what became of it.
import { InMemoryConnectionStore } from "@innerworld/conversation/connections";
import { InMemoryMessageStore } from "@innerworld/conversation/messages";
import { InMemorySessionStore, type SessionRecord } from "@innerworld/conversation/sessions";
import { InMemoryTurnOutcomes } from "@innerworld/conversation/turns";
import { RecordingPublisher, type PublishRequest } from "@innerworld/events";
import { TURN_AT, delivered, messageScreenedRequest, replyScreenedRequest, stepFailedRequest, turn, type Turn } from "@innerworld/events/factories";
import { manualClock } from "@innerworld/platform/clock";
import { RecordingPusher } from "@innerworld/platform/delivery";
import { InMemoryTombstoneStore } from "@innerworld/platform/tombstones";
import { crisisResources } from "@innerworld/screening";
import { blockedInputReply, crisisReply } from "@innerworld/screening/replies";
import { GENERATION_FAILED_MESSAGE, GENERATION_REFUSED_MESSAGE, PERSONA_DELETED_MESSAGE, TURN_TIMED_OUT_MESSAGE } from "@innerworld/conversation/turn-failure";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createNotifier } from "./notifyClient";

describe("notifier: notifyClient", () => {
  let sessions: InMemorySessionStore;
  let connections: InMemoryConnectionStore;
  let messages: InMemoryMessageStore;
  let outcomes: InMemoryTurnOutcomes;
  let publisher: RecordingPublisher;
  let pusher: RecordingPusher;
  let notifier: ReturnType<typeof createNotifier>;
  let session: SessionRecord;
  let t: Turn;
  /** When each user deleted their account, as the tombstones table says (read only before a reply is kept for resume). */
  let tombstones: InMemoryTombstoneStore;
  /** What the teen sees of a turn, without the agent_status frames around it (their own test is below). */
  const shown = (connectionId: string) => pusher.framesTo(connectionId).filter((f) => f.type !== "agent_status");

  /** The end-of-session feedback request for Maya's session. */
  const feedbackRequestedOfMaya = (): PublishRequest<"FeedbackRequested"> => ({
    type: "FeedbackRequested",
    correlationId: t.sessionId,
    userId: "user-maya",
    sessionId: t.sessionId,
    data: { requestId: `feedback-${t.sessionId}-end`, sessionId: t.sessionId, question: "How was this conversation?", options: ["great", "okay", "not great"], reason: "session_end", requestedAt: TURN_AT, expiresAt: "2026-12-06T16:00:00.000Z" },
  });

  beforeEach(async () => {
    const clock = manualClock(TURN_AT);
    tombstones = new InMemoryTombstoneStore();
    sessions = new InMemorySessionStore(clock);
    connections = new InMemoryConnectionStore(clock);
    messages = new InMemoryMessageStore(clock);
    outcomes = new InMemoryTurnOutcomes(clock);
    publisher = new RecordingPublisher("notifier", clock);
    pusher = new RecordingPusher();
    notifier = createNotifier({ sessions, messages, tombstones, connections, publisher, pusher, outcomes, clock });
    session = await sessions.start({ userId: "user-maya", personaId: "companion", connectionId: "conn-maya-1", maxActive: 3 });
    t = turn({ sessionId: session.sessionId, connectionId: "conn-maya-1" });
  });

  it("pushes the reply to the connection a resume moved the session to, and reports it delivered there", async () => {
    // Prepare: the gateway's resume moves the session and marks the turns still in flight moved with it.
    await sessions.attach(t.sessionId, "conn-maya-2");
    await outcomes.moveTo(t.messageId, "conn-maya-2");
    const sessionReads = vi.spyOn(sessions, "get");

    // Act
    await notifier.replyScreened(delivered(replyScreenedRequest(t, { text: "Want to make a plan together?" })));

    // Assess: the claim said where the session is; the session was not read.
    expect(sessionReads).not.toHaveBeenCalled();
    expect(shown("conn-maya-1")).toEqual([]);
    expect(shown("conn-maya-2")).toEqual([
      { type: "reply", payload: { sessionId: t.sessionId, messageId: t.messageId, replyId: `reply-${t.messageId}`, seq: 1, text: "Want to make a plan together?", personaId: "companion", model: "offline", replaced: false } },
    ]);
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data)).toEqual([
      {
        messageId: t.messageId,
        replyId: `reply-${t.messageId}`,
        sessionId: t.sessionId,
        seq: 1,
        connectionId: "conn-maya-2",
        status: "delivered",
        deliveredAt: TURN_AT,
        // The report carries the reply: storage keeps it from here, once, with this status.
        reply: { personaId: "companion", text: "Want to make a plan together?", replaced: false, categories: [], model: "offline" },
      },
    ]);
  });

  it("carries the reply's resource line on its report, so storage keeps it with the reply", async () => {
    await notifier.replyScreened(delivered(replyScreenedRequest(t, { resourceLineKind: "someone_at_risk" })));

    expect(publisher.ofType("ReplyDelivered")[0]?.data.reply).toMatchObject({ resourceLineKind: "someone_at_risk" });
  });

  it("ends a streamed reply with stream_end, saying whether final screening retracted it", async () => {
    await notifier.replyScreened(delivered(replyScreenedRequest(t, { streamed: true, replaced: true, text: "Let's talk about something else." })));

    expect(shown("conn-maya-1")).toEqual([
      { type: "stream_end", payload: expect.objectContaining({ messageId: t.messageId, text: "Let's talk about something else.", retracted: true }) },
    ]);
  });

  it("does not show a reply again on a connection a resume already showed it on, and reports it delivered", async () => {
    // Prepare: the teen came back on a new connection and the resume found the stored reply before the notifier ran.
    await connections.open("conn-maya-2", "user-maya");
    await sessions.attach(t.sessionId, "conn-maya-2");
    await outcomes.moveTo(t.messageId, "conn-maya-2");
    await connections.markShown("conn-maya-2", `reply-${t.messageId}`);

    // Act
    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    // Assess
    expect(shown("conn-maya-2")).toEqual([]);
    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "delivered", connectionId: "conn-maya-2" });
  });

  it("pushes a reply whose turn a resume did not re-point to the connection the session is on now, once", async () => {
    // Prepare: the teen left conn-maya-1 and resumed on conn-maya-2 before this turn's message was stored, so the
    // resume did not move the turn; the session is on the new connection.
    pusher.close("conn-maya-1");
    await connections.open("conn-maya-2", "user-maya");
    await sessions.attach(t.sessionId, "conn-maya-2");

    // Act: the reply, then a redelivery of it.
    const event = delivered(replyScreenedRequest(t, { text: "Still here." }));
    await notifier.replyScreened(event);
    await notifier.replyScreened(event);

    // Assess
    expect(shown("conn-maya-2")).toEqual([{ type: "reply", payload: expect.objectContaining({ messageId: t.messageId, text: "Still here." }) }]);
    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "delivered", connectionId: "conn-maya-2" });
  });

  it("does not show a reply on the session's new connection again when the resume there already showed it", async () => {
    pusher.close("conn-maya-1");
    await connections.open("conn-maya-2", "user-maya");
    await sessions.attach(t.sessionId, "conn-maya-2");
    await connections.markShown("conn-maya-2", `reply-${t.messageId}`);

    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    expect(shown("conn-maya-2")).toEqual([]);
    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "delivered", connectionId: "conn-maya-2" });
  });

  describe("a resume racing a reply whose connection is gone", () => {
    beforeEach(async () => {
      // The teen's old socket is gone and the session knows it; the resume on conn-maya-2 is under way.
      pusher.close("conn-maya-1");
      await sessions.markDisconnected(t.sessionId, "conn-maya-1");
      await connections.open("conn-maya-2", "user-maya");
    });

    it("pushes the reply to the new connection when the resume marked the turn after the claim, before the reply gave up", async () => {
      // Prepare: the claim finds no move; the resume's mark lands right after it (its session move comes later).
      const claim = outcomes.claim.bind(outcomes);
      outcomes.claim = async (...args) => {
        const won = await claim(...args);
        await outcomes.moveTo(t.messageId, "conn-maya-2");
        return won;
      };

      // Act
      await notifier.replyScreened(delivered(replyScreenedRequest(t, { text: "Tunnel's over, I'm here." })));

      // Assess: shown on the new connection, reported and kept as delivered there.
      expect(shown("conn-maya-2")).toEqual([{ type: "reply", payload: expect.objectContaining({ messageId: t.messageId, text: "Tunnel's over, I'm here." }) }]);
      expect(publisher.ofType("ReplyDelivered").map((e) => [e.data.status, e.data.connectionId])).toEqual([["delivered", "conn-maya-2"]]);
      expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "replied", settledAs: "shown" });
      expect((await messages.get(t.sessionId, 1, "assistant"))?.status).toBe("delivered");
    });

    it("keeps the reply in the messages table before it settles with nowhere to go, so a resume marking the turn later can list it", async () => {
      // Prepare: watch what is stored at the moment the outcome settles.
      const settle = outcomes.settle.bind(outcomes);
      const storedWhenSettled: (string | undefined)[] = [];
      outcomes.settle = async (...args) => {
        storedWhenSettled.push((await messages.get(t.sessionId, 1, "assistant"))?.content);
        return settle(...args);
      };

      // Act: the reply finds nowhere; the resume's mark comes after.
      await notifier.replyScreened(delivered(replyScreenedRequest(t, { text: "Kept for you." })));
      const seenByTheMark = await outcomes.moveTo(t.messageId, "conn-maya-2");

      // Assess: kept (as undelivered) before the settle the mark then finds.
      expect(storedWhenSettled).toEqual(["Kept for you."]);
      expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ replyId: `reply-${t.messageId}`, status: "undelivered", userId: "user-maya" });
      expect(seenByTheMark).toMatchObject({ settledAs: "nowhere", decidedBy: `reply-${t.messageId}` });
      expect(pusher.pushed).toEqual([]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "connection_gone" });
    });

    it("keeps nothing for a teen who deleted their account after sending the message: the reply is not written back", async () => {
      // Prepare: DELETE /me came after the turn was received, before its reply found the connection gone.
      await tombstones.put("user-maya", new Date(Date.parse(TURN_AT) + 1000).toISOString());

      // Act
      await notifier.replyScreened(delivered(replyScreenedRequest(t, { text: "Kept for you." })));

      // Assess
      expect(await messages.listSession(t.sessionId)).toEqual([]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "connection_gone" });
    });

    it("keeps nothing for a session that is not recorded (erased, or never known): no resume can come for it", async () => {
      const unknown = turn({ connectionId: "conn-maya-1" });

      await notifier.replyScreened(delivered(replyScreenedRequest(unknown)));

      expect(await messages.listSession(unknown.sessionId)).toEqual([]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "connection_gone" });
    });
  });

  it("reports connection_gone when the socket has closed", async () => {
    pusher.close("conn-maya-1");

    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "connection_gone", connectionId: "conn-maya-1" });
  });

  it("shows nothing to a session whose client disconnected: its connection is gone, and the reply is reported connection_gone for resume", async () => {
    await sessions.markDisconnected(t.sessionId, "conn-maya-1");
    pusher.close("conn-maya-1");

    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    expect(pusher.pushed).toEqual([]);
    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "connection_gone", connectionId: "conn-maya-1" });
  });

  it("reads the session only for a turn that names no connection, and then pushes to the session's", async () => {
    const unnamed = turn({ sessionId: session.sessionId, connectionId: undefined });

    await notifier.replyScreened(delivered(replyScreenedRequest(unnamed)));

    expect(shown("conn-maya-1").map((f) => f.type)).toEqual(["reply"]);
  });

  it("falls back to the turn's connection when the session has no record", async () => {
    const unknown = turn({ connectionId: "conn-other" });

    await notifier.replyScreened(delivered(replyScreenedRequest(unknown)));

    expect(shown("conn-other").map((f) => f.type)).toEqual(["reply"]);
  });

  it("answers a crisis carried on from earlier in the session with the notice that says so, and the helplines", async () => {
    await notifier.messageScreened(
      delivered(messageScreenedRequest(t, { content: undefined, locale: "es-MX", verdict: { action: "crisis", categories: ["crisis"], level: "crisis", category: "plan_intent", decidedBy: "earlier_crisis" } })),
    );

    const [notice] = shown("conn-maya-1");
    expect(notice?.payload).toMatchObject({ text: crisisReply("es-MX", true), resources: crisisResources("es-MX").resources });
    expect(crisisReply("es-MX", true)).not.toBe(crisisReply("es-MX"));
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data.reply?.text)).toEqual([crisisReply("es-MX", true)]);
  });

  it("answers a crisis message with the helplines of the teen's locale, and a blocked one with the fixed reply, each in the teen's language", async () => {
    const blocked = turn({ sessionId: t.sessionId, seq: 2 });

    await notifier.messageScreened(delivered(messageScreenedRequest(t, { content: undefined, locale: "en-GB", verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } })));
    await notifier.messageScreened(delivered(messageScreenedRequest(blocked, { content: undefined, locale: "es-US", verdict: { action: "block", categories: ["harassment"], lexiconVersion: "2026.03" } })));

    const [crisis, block] = shown("conn-maya-1");
    expect(crisis).toEqual({ type: "safety_notice", payload: { sessionId: t.sessionId, messageId: t.messageId, seq: 1, text: crisisReply("en-GB"), categories: ["self_harm"], resources: crisisResources("en-GB").resources } });
    expect(crisisResources("en-GB").resources.length).toBeGreaterThan(0);
    expect(block?.payload).toMatchObject({ text: blockedInputReply("es-US"), resources: [], seq: 2 });
    expect(blockedInputReply("es-US")).not.toBe(blockedInputReply("en-GB"));
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data.replyId)).toEqual([`notice-${t.messageId}`, `notice-${blocked.messageId}`]);
    // Each report carries its notice, so storage can keep it whether the report or MessageScreened reaches it first.
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data.reply)).toEqual([
      { personaId: "companion", text: crisisReply("en-GB"), replaced: false, categories: ["self_harm"], model: "safety" },
      { personaId: "companion", text: blockedInputReply("es-US"), replaced: false, categories: ["harassment"], model: "safety" },
    ]);
  });

  it("sends no status frame around a reply or a safety notice: the frame itself ends the turn", async () => {
    await notifier.replyScreened(delivered(replyScreenedRequest(t)));
    const notice = turn({ sessionId: t.sessionId, seq: 2 });
    await notifier.messageScreened(delivered(messageScreenedRequest(notice, { content: undefined, verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } })));

    expect(pusher.framesTo("conn-maya-1").map((f) => (f.type === "agent_status" ? `${String(f.payload.status)}` : f.type))).toEqual(["reply", "safety_notice"]);
  });

  it("pushes a redelivered reply only once", async () => {
    const reply = replyScreenedRequest(t);

    await notifier.replyScreened(delivered(reply));
    await notifier.replyScreened(delivered(reply, { receiveCount: 2 }));

    expect(pusher.pushed.filter((p) => p.frame.type !== "agent_status")).toHaveLength(1);
    // The redelivery reports again under the same eventId (storage keeps the reply from the report, so a first attempt
    // that pushed and then failed to publish must not lose it); a report already made is dropped as a copy.
    const reports = publisher.ofType("ReplyDelivered");
    expect(reports.map((e) => e.data.status)).toEqual(["delivered", "delivered"]);
    expect(new Set(reports.map((e) => e.metadata.eventId)).size).toBe(1);
  });

  it("reports a redelivered reply whose connection was gone as connection_gone again, never delivered", async () => {
    pusher.close("conn-maya-1");
    const reply = replyScreenedRequest(t);

    await notifier.replyScreened(delivered(reply));
    await notifier.replyScreened(delivered(reply, { receiveCount: 2 }));

    const reports = publisher.ofType("ReplyDelivered");
    expect(reports.map((e) => e.data.status)).toEqual(["connection_gone", "connection_gone"]);
    expect(new Set(reports.map((e) => e.metadata.eventId)).size).toBe(1);
  });

  it("reports a redelivered notice for a disconnected session as connection_gone again", async () => {
    await sessions.markDisconnected(t.sessionId, "conn-maya-1");
    pusher.close("conn-maya-1");
    const notice = messageScreenedRequest(t, { content: undefined, verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } });

    await notifier.messageScreened(delivered(notice));
    await notifier.messageScreened(delivered(notice, { receiveCount: 2 }));

    expect(publisher.ofType("ReplyDelivered").map((e) => e.data.status)).toEqual(["connection_gone", "connection_gone"]);
  });

  it("reports a reply withheld, carrying it, when the push kept failing: the next attempt finds the unsettled claim", async () => {
    const failing = { ...pusher, push: async () => Promise.reject(new Error("@connections 500")) };
    const flaky = createNotifier({ sessions, messages, tombstones, connections, publisher, pusher: failing as unknown as RecordingPusher, outcomes, clock: manualClock(TURN_AT) });
    const reply = replyScreenedRequest(t);

    await expect(flaky.replyScreened(delivered(reply))).rejects.toThrow("@connections 500");
    await flaky.replyScreened(delivered(reply, { receiveCount: 2 }));

    expect(publisher.ofType("ReplyDelivered").map((e) => [e.data.status, e.data.reply?.text])).toEqual([["withheld", expect.any(String)]]);
  });

  it("reports a reply withheld, carrying it, on the last attempt when its turn's outcome cannot be claimed, so storage keeps it before the record dead-letters", async () => {
    const unreachable = new InMemoryTurnOutcomes();
    unreachable.claim = async () => Promise.reject(new Error("DynamoDB throttled"));
    const stuck = createNotifier({ sessions, messages, tombstones, connections, publisher, pusher, outcomes: unreachable, clock: manualClock(TURN_AT) });
    const reply = replyScreenedRequest(t, { text: "Still here for you." });

    await expect(stuck.replyScreened(delivered(reply))).rejects.toThrow("DynamoDB throttled");
    await expect(stuck.replyScreened(delivered(reply, { receiveCount: 2 }))).rejects.toThrow("DynamoDB throttled");
    expect(publisher.ofType("ReplyDelivered")).toEqual([]);
    await expect(stuck.replyScreened(delivered(reply, { receiveCount: 3 }))).rejects.toThrow("DynamoDB throttled");

    expect(pusher.pushed).toEqual([]);
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data)).toEqual([expect.objectContaining({ status: "withheld", reply: expect.objectContaining({ text: "Still here for you." }) })]);
  });

  it("pushes a redelivered safety notice only once: the turn's claim is its only guard (no idempotency record)", async () => {
    const notice = messageScreenedRequest(t, { content: undefined, verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } });

    await notifier.messageScreened(delivered(notice));
    await notifier.messageScreened(delivered(notice, { receiveCount: 2 }));

    expect(pusher.pushed.map((p) => (p.frame.type === "agent_status" ? String(p.frame.payload.status) : p.frame.type))).toEqual(["safety_notice"]);
    expect(new Set(publisher.ofType("ReplyDelivered").map((e) => e.metadata.eventId)).size).toBe(1);
  });

  it("pushes a safety notice again when its first push failed: the helplines are not left to a resume", async () => {
    const failing = { ...pusher, push: async () => Promise.reject(new Error("@connections 500")) };
    const flaky = createNotifier({ sessions, messages, tombstones, connections, publisher, pusher: failing as unknown as RecordingPusher, outcomes, clock: manualClock(TURN_AT) });
    const notice = messageScreenedRequest(t, { content: undefined, verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } });
    await expect(flaky.messageScreened(delivered(notice))).rejects.toThrow("@connections 500");

    await notifier.messageScreened(delivered(notice, { receiveCount: 2 }));
    await notifier.messageScreened(delivered(notice, { receiveCount: 3 }));

    expect(shown("conn-maya-1").map((f) => f.type)).toEqual(["safety_notice"]);
    expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "noticed", settledAs: "shown" });
    // Every report of the notice says the same under its one event id, so storage keeps one.
    expect(publisher.ofType("ReplyDelivered").map((e) => e.data.status)).toEqual(["delivered", "delivered"]);
    expect(new Set(publisher.ofType("ReplyDelivered").map((e) => e.metadata.eventId)).size).toBe(1);
  });

  it("pushes a safety notice that comes after the turn timed out, after the error, once: a teen in crisis sees the helplines live", async () => {
    await connections.open("conn-maya-1", "user-maya");
    await outcomes.claim(t.messageId, "timed_out", "watchdog");
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "watchdog", errorCode: "TURN_TIMED_OUT", failedEventType: "MessageReceived" })));
    const notice = messageScreenedRequest(t, { content: undefined, locale: "es-MX", verdict: { action: "crisis", categories: ["active_ideation"], lexiconVersion: "2026.03" } });

    await notifier.messageScreened(delivered(notice));
    await notifier.messageScreened(delivered(notice, { receiveCount: 2 }));

    expect(shown("conn-maya-1").map((f) => f.payload.code ?? f.type)).toEqual(["TURN_TIMED_OUT", "safety_notice"]);
    expect(shown("conn-maya-1")[1]?.payload).toMatchObject({ resources: crisisResources("es-MX").resources });
    // The turn's outcome stays the watchdog's; the connection remembers the notice, so a resume does not replay it.
    expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "timed_out", decidedBy: "watchdog" });
    expect(await connections.markShown("conn-maya-1", `notice-${t.messageId}`)).toBe(false);
  });

  it("reports a reply whose first attempt claimed the turn and died before showing it as withheld, with the reply, so storage keeps it for resume", async () => {
    await outcomes.claim(t.messageId, "replied", `reply-${t.messageId}`);

    await notifier.replyScreened(delivered(replyScreenedRequest(t), { receiveCount: 2 }));

    expect(pusher.pushed).toEqual([]);
    expect(publisher.ofType("ReplyDelivered").map((e) => [e.data.status, e.data.reply?.text])).toEqual([["withheld", "That sounds stressful. Want to make a quick plan for the next few days?"]]);
  });

  it("withholds a reply that arrives after the turn timed out, and reports it withheld for resume", async () => {
    // The watchdog claims the turn, then reports it.
    await outcomes.claim(t.messageId, "timed_out", "watchdog");
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "watchdog", errorCode: "TURN_TIMED_OUT", failedEventType: "MessageReceived" })));

    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    expect(shown("conn-maya-1").map((f) => f.payload.code ?? f.type)).toEqual(["TURN_TIMED_OUT"]);
    expect(shown("conn-maya-1")[0]?.payload).toMatchObject({ message: TURN_TIMED_OUT_MESSAGE, retryable: true });
    expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "withheld" });
  });

  describe("a reply and a timeout the notifier handles late (it was down past the turn's deadline)", () => {
    const timeout = () => delivered(stepFailedRequest(t, { step: "watchdog", errorCode: "TURN_TIMED_OUT", failedEventType: "MessageReceived" }));
    beforeEach(async () => {
      await connections.open("conn-maya-1", "user-maya");
      // The watchdog decided the turn while the notifier was down; its StepFailed waits in the queue with the reply.
      await outcomes.claim(t.messageId, "timed_out", "watchdog");
    });

    it("shows the reply when it comes first, and not the timeout after it", async () => {
      await notifier.replyScreened(delivered(replyScreenedRequest(t, { text: "Sorry, I was slow. How did it go?" })));
      await notifier.stepFailed(timeout());

      expect(shown("conn-maya-1").map((f) => f.payload.text ?? f.payload.code)).toEqual(["Sorry, I was slow. How did it go?"]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "delivered", connectionId: "conn-maya-1" });
      expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "replied", decidedBy: `reply-${t.messageId}`, settledAs: "shown" });
    });

    it("keeps the reply for resume when the timeout was shown first, and a redelivered timeout is shown again", async () => {
      await notifier.stepFailed(timeout());
      await notifier.replyScreened(delivered(replyScreenedRequest(t)));
      await notifier.stepFailed(timeout());

      expect(shown("conn-maya-1").map((f) => f.payload.code ?? f.type)).toEqual(["TURN_TIMED_OUT", "TURN_TIMED_OUT"]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "withheld" });
      expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "timed_out", decidedBy: "watchdog", settledAs: "shown" });
    });

    it("leaves a streamed reply's end to resume: generation may have retracted the stream at the deadline", async () => {
      await notifier.replyScreened(delivered(replyScreenedRequest(t, { streamed: true })));
      await notifier.stepFailed(timeout());

      expect(shown("conn-maya-1").map((f) => f.payload.code ?? f.type)).toEqual(["TURN_TIMED_OUT"]);
      expect(publisher.ofType("ReplyDelivered")[0]?.data).toMatchObject({ status: "withheld" });
    });
  });

  it("tells the client its turn failed in generation, with a code it can retry on", async () => {
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "generation", retryable: true })));

    expect(shown("conn-maya-1")).toEqual([
      { type: "error", payload: { code: "GENERATION_FAILED", message: GENERATION_FAILED_MESSAGE, retryable: true, sessionId: t.sessionId, messageId: t.messageId } },
    ]);
    expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "failed", settledAt: TURN_AT });
  });

  it("tells the client its turn's prompt was refused with REPLY_REFUSED, not as an outage, and not to send it again", async () => {
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "generation", errorCode: "REPLY_REFUSED", retryable: false })));

    expect(shown("conn-maya-1")).toEqual([
      { type: "error", payload: { code: "REPLY_REFUSED", message: GENERATION_REFUSED_MESSAGE, retryable: false, sessionId: t.sessionId, messageId: t.messageId } },
    ]);
  });

  it("tells the client its message went unanswered because the persona was deleted, with a code not to retry on", async () => {
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "generation", errorCode: "PERSONA_DELETED", retryable: false })));

    expect(shown("conn-maya-1")).toEqual([
      { type: "error", payload: { code: "PERSONA_DELETED", message: PERSONA_DELETED_MESSAGE, retryable: false, sessionId: t.sessionId, messageId: t.messageId } },
    ]);
  });

  it("settles the turn's outcome once the reply is pushed, so the watchdog leaves it alone; a claim never pushed stays unsettled", async () => {
    await notifier.replyScreened(delivered(replyScreenedRequest(t)));
    expect(await outcomes.get(t.messageId)).toMatchObject({ outcome: "replied", decidedBy: `reply-${t.messageId}`, settledAt: TURN_AT });

    // A redelivery of a turn whose first delivery died after claiming: it finds its own claim and pushes nothing, which
    // is why the claim without settledAt is what the watchdog looks for.
    const orphan = turn({ sessionId: session.sessionId, connectionId: "conn-maya-1", messageId: "m-orphan" });
    await outcomes.claim(orphan.messageId, "replied", `reply-${orphan.messageId}`);
    await notifier.replyScreened(delivered(replyScreenedRequest(orphan)));
    expect((await outcomes.get(orphan.messageId))?.settledAt).toBeUndefined();
  });

  it("keeps quiet about a failure after the turn already ended, and about background steps", async () => {
    await notifier.replyScreened(delivered(replyScreenedRequest(t)));

    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "safety", errorCode: "MODERATION_DOWN" })));
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "graph-extraction", sessionId: undefined, messageId: undefined, seq: undefined, connectionId: undefined })));
    // The watchdog's own consumer giving up on a delivery publishes under the step name "watchdog" too; only its
    // TURN_TIMED_OUT has decided the turn, so this one must win the turn first, and loses to the reply.
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "watchdog", errorCode: "AWS_REQUEST_FAILED", failedEventType: "MessageReceived" })));

    expect(shown("conn-maya-1").map((f) => f.type)).toEqual(["reply"]);
  });

  it("names any other failed step in a STEP_FAILED error", async () => {
    await notifier.stepFailed(delivered(stepFailedRequest(t, { step: "safety", errorCode: "MODERATION_DOWN", retryable: false })));

    expect(shown("conn-maya-1")[0]?.payload).toMatchObject({ code: "STEP_FAILED", message: "The safety step failed: MODERATION_DOWN", retryable: false });
  });

  it("offers a feedback request on the teen's other connections when the push to one fails, then fails so the queue tries again", async () => {
    await connections.open("conn-maya-phone", "user-maya");
    await connections.open("conn-maya-laptop", "user-maya");
    const push = pusher.push.bind(pusher);
    vi.spyOn(pusher, "push").mockImplementation((connectionId, frame) => (connectionId === "conn-maya-phone" ? Promise.reject(new Error("ECONNRESET")) : push(connectionId, frame)));
    const requested = feedbackRequestedOfMaya();

    await expect(notifier.feedbackRequested(delivered(requested))).rejects.toThrow("could not be pushed to 1 of the user's connections");

    expect(pusher.pushed.map((p) => p.connectionId)).toEqual(["conn-maya-laptop"]);
  });

  it("offers a feedback request on every connection the teen has open, and no one else's", async () => {
    await connections.open("conn-maya-phone", "user-maya");
    await connections.open("conn-maya-laptop", "user-maya");
    await connections.open("conn-sam", "user-sam");
    const requested = feedbackRequestedOfMaya();

    await notifier.feedbackRequested(delivered(requested));

    expect(pusher.pushed.map((p) => p.connectionId).sort()).toEqual(["conn-maya-laptop", "conn-maya-phone"]);
    expect(shown("conn-maya-phone")[0]).toMatchObject({ type: "feedback_request", payload: { requestId: `feedback-${t.sessionId}-end`, options: ["great", "okay", "not great"] } });
  });
});
