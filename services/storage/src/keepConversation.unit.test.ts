// Storage keeps both sides of every turn once, moves their status only forward, and announces each transcript once.
import { InMemoryFeedbackStore } from "@innerworld/conversation/feedback";
import { InMemoryMessageStore } from "@innerworld/conversation/messages";
import { InMemorySessionStore, type SessionRecord } from "@innerworld/conversation/sessions";
import { RecordingPublisher, type Publisher } from "@innerworld/events";
import { blockedInputReply, crisisReply } from "@innerworld/screening/replies";
import { manualClock } from "@innerworld/platform/clock";
import {
  TURN_AT,
  delivered,
  messageReceivedRequest,
  messageScreenedRequest,
  replyDeliveredRequest,
  replyScreenedRequest,
  sessionEndedRequest,
  sessionStartedRequest,
  stepFailedRequest,
  turn,
  type Turn,
} from "@innerworld/events/factories";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createConversationKeeper } from "./keepConversation";

describe("storage: keepConversation", () => {
  let clock: ReturnType<typeof manualClock>;
  let sessions: InMemorySessionStore;
  let messages: InMemoryMessageStore;
  let feedback: InMemoryFeedbackStore;
  let publisher: RecordingPublisher;
  let keeper: ReturnType<typeof createConversationKeeper>;
  let erased: string[];
  const eraseUser = async (userId: string) => {
    erased.push(userId);
  };
  /** Users DELETE /me erased (their tombstones). */
  let tombstones: Set<string>;
  const wasErased = async (userId: string) => tombstones.has(userId);
  let session: SessionRecord;
  let t: Turn;

  beforeEach(async () => {
    clock = manualClock(TURN_AT);
    sessions = new InMemorySessionStore(clock);
    messages = new InMemoryMessageStore(clock);
    feedback = new InMemoryFeedbackStore(clock);
    publisher = new RecordingPublisher("storage", clock);
    erased = [];
    tombstones = new Set();
    keeper = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, wasErased });
    session = await sessions.start({ userId: "user-maya", personaId: "companion", connectionId: "conn-maya-1", maxActive: 3 });
    t = turn({ sessionId: session.sessionId });
  });

  it("erases the user's conversations on UserDeleted", async () => {
    await keeper.userDeleted(delivered({ type: "UserDeleted", correlationId: "user-maya", userId: "user-maya", data: { userId: "user-maya", deletedAt: TURN_AT } }));
    expect(erased).toEqual(["user-maya"]);
  });

  it("keeps the teen's message once, however often MessageReceived is delivered", async () => {
    // Prepare
    const received = messageReceivedRequest(t, { content: "i have a chem test friday", receivedAt: "2026-12-04T15:59:58.000Z" });

    // Act
    await keeper.messageReceived(delivered(received));
    await keeper.messageReceived(delivered(messageReceivedRequest(t, { content: "a different body on redelivery" }), { receiveCount: 2 }));

    // Assess
    const stored = await messages.listSession(t.sessionId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ role: "user", seq: 1, messageId: t.messageId, userId: "user-maya", content: "i have a chem test friday", status: "received", createdAt: "2026-12-04T15:59:58.000Z" });
  });

  it("marks a crisis message and keeps the fixed crisis reply, in the teen's language, as the assistant's side of the turn", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.messageScreened(delivered(messageScreenedRequest(t, { content: undefined, locale: "es-MX", verdict: { action: "crisis", categories: ["self_harm"], lexiconVersion: "2026.03" } })));

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "crisis" });
    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({
      content: crisisReply("es-MX"),
      model: "safety",
      replyId: `notice-${t.messageId}`,
      status: "screened",
      categories: ["self_harm"],
    });
  });

  it("marks a blocked message with the blocked reply, and leaves an allowed one to its reply", async () => {
    const allowed = turn({ sessionId: t.sessionId, seq: 2 });
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));
    await keeper.messageReceived(delivered(messageReceivedRequest(allowed)));

    await keeper.messageScreened(delivered(messageScreenedRequest(t, { content: undefined, verdict: { action: "block", categories: ["harassment"], lexiconVersion: "2026.03" } })));
    await keeper.messageScreened(delivered(messageScreenedRequest(allowed)));

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "blocked" });
    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ content: blockedInputReply() });
    expect(await messages.get(t.sessionId, 2, "user")).toMatchObject({ status: "received" });
    expect(await messages.get(t.sessionId, 2, "assistant")).toBeUndefined();
  });

  it("keeps the screened reply once, replaced or not", async () => {
    await keeper.replyScreened(delivered(replyScreenedRequest(t, { text: "Something safer instead.", replaced: true, verdict: { action: "block", categories: ["sexual"], lexiconVersion: "2026.03" } })));
    await keeper.replyScreened(delivered(replyScreenedRequest(t, { text: "a second copy" }), { receiveCount: 2 }));

    const reply = await messages.get(t.sessionId, 1, "assistant");
    expect(reply).toMatchObject({ content: "Something safer instead.", replaced: true, categories: ["sexual"], model: "offline", replyId: `reply-${t.messageId}`, status: "screened" });
    expect(await messages.listSession(t.sessionId)).toHaveLength(1);
  });

  it("records delivery, or the connection gone, on the stored reply", async () => {
    const gone = turn({ sessionId: t.sessionId, seq: 2 });
    await keeper.replyScreened(delivered(replyScreenedRequest(t)));
    await keeper.replyScreened(delivered(replyScreenedRequest(gone)));

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t)));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(gone, { status: "connection_gone" })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "delivered" });
    expect(await messages.get(t.sessionId, 2, "assistant")).toMatchObject({ status: "undelivered" });
  });

  it("fails a delivery report that overtook its reply, so the queue brings it back after the reply is stored", async () => {
    const report = replyDeliveredRequest(t);

    await expect(keeper.replyDelivered(delivered(report))).rejects.toThrow(/not stored yet/);
    await keeper.replyScreened(delivered(replyScreenedRequest(t)));
    await keeper.replyDelivered(delivered(report, { receiveCount: 2 }));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "delivered" });
  });

  it("drops a delivery report whose reply is missing because its teen was erased, instead of waiting for it", async () => {
    tombstones.add(t.userId);

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t)));

    expect(await messages.get(t.sessionId, 1, "assistant")).toBeUndefined();
  });

  it("does not let a late delivery report undo a later state, nor fail on a report for a delivered reply", async () => {
    await keeper.replyScreened(delivered(replyScreenedRequest(t)));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(t)));

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { status: "connection_gone" })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "delivered" });
  });

  it("marks the turn failed when a step gave up, and ignores failures of background steps", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.stepFailed(delivered(stepFailedRequest(turn({ sessionId: t.sessionId }), { sessionId: undefined, seq: undefined, messageId: undefined, step: "graph-extraction" })));
    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "received" });
    await keeper.stepFailed(delivered(stepFailedRequest(t)));

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "failed" });
  });

  it("announces the finished transcript once, with its message count, however often SessionEnded arrives", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));
    await keeper.replyScreened(delivered(replyScreenedRequest(t)));
    await sessions.end(t.sessionId, "client_end");
    const ended = sessionEndedRequest(t, { endedAt: "2026-12-04T16:05:00.000Z" });

    await keeper.sessionEnded(delivered(ended));
    await keeper.sessionEnded(delivered(ended, { receiveCount: 2 }));

    const announced = publisher.ofType("TranscriptReady");
    expect(announced).toHaveLength(1);
    expect(announced[0]?.data).toEqual({ sessionId: t.sessionId, personaId: "companion", messageCount: 2, startedAt: session.startedAt, endedAt: "2026-12-04T16:05:00.000Z" });
    expect(announced[0]?.metadata).toMatchObject({ userId: "user-maya", sessionId: t.sessionId, correlationId: t.sessionId, producer: "storage" });
    expect((await sessions.get(t.sessionId))?.transcriptPublishedAt).toBe(TURN_AT);
  });

  it("announces the transcript again on redelivery when the first publish failed, and only then marks it", async () => {
    const failing: Publisher = { publish: () => Promise.reject(new Error("EventBridge is unreachable")) };
    const ended = sessionEndedRequest(t);

    await expect(createConversationKeeper({ sessions, messages, feedback, publisher: failing, eraseUser, wasErased }).sessionEnded(delivered(ended))).rejects.toThrow("EventBridge is unreachable");
    expect((await sessions.get(t.sessionId))?.transcriptPublishedAt).toBeUndefined();
    await keeper.sessionEnded(delivered(ended, { receiveCount: 2 }));

    expect(publisher.ofType("TranscriptReady")).toHaveLength(1);
  });

  it("asks for feedback once at the end of a session that had turns, and not for an empty one", async () => {
    await sessions.nextTurn(t.sessionId, "user-maya", "conn-maya-1");
    const empty = await sessions.start({ userId: "user-maya", personaId: "companion", connectionId: "conn-maya-1", maxActive: 3 });

    await keeper.sessionEnded(delivered(sessionEndedRequest(t)));
    await keeper.sessionEnded(delivered(sessionEndedRequest(t), { receiveCount: 2 }));
    await keeper.sessionEnded(delivered(sessionEndedRequest(turn({ sessionId: empty.sessionId }))));

    const requested = publisher.ofType("FeedbackRequested");
    expect(new Set(requested.map((e) => e.metadata.eventId)).size).toBe(1);
    expect(requested[0]?.data).toMatchObject({ requestId: `feedback-${t.sessionId}-end`, sessionId: t.sessionId, reason: "session_end", requestedAt: TURN_AT });
    expect(await feedback.listBySession(empty.sessionId)).toEqual([]);
  });

  it("keeps a replayed session end's feedback request but never announces it, so a replay reaches no teen", async () => {
    await sessions.nextTurn(t.sessionId, "user-maya", "conn-maya-1");
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, wasErased, feedbackAfterTurns: 1 });

    await asking.sessionEnded(delivered(sessionEndedRequest(t), { replayName: "rebuild-graphs" }));
    await asking.replyScreened(delivered(replyScreenedRequest(t), { replayName: "rebuild-graphs" }));

    expect(publisher.ofType("FeedbackRequested")).toEqual([]);
    expect((await feedback.listBySession(t.sessionId)).map((r) => [r.requestId, r.status]).sort()).toEqual([
      [`feedback-${t.sessionId}-end`, "open"],
      [`feedback-${t.sessionId}-turn-1`, "open"],
    ]);
  });

  it("asks for feedback after the configured turn as well", async () => {
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, wasErased, feedbackAfterTurns: 2 });

    await asking.replyScreened(delivered(replyScreenedRequest(t)));
    await asking.replyScreened(delivered(replyScreenedRequest(turn({ sessionId: t.sessionId, seq: 2 }))));

    expect(publisher.ofType("FeedbackRequested").map((e) => [e.data.reason, e.data.requestId])).toEqual([["after_turns", `feedback-${t.sessionId}-turn-2`]]);
  });

  it("fails SessionEnded for a session it has no record of, so the queue retries it", async () => {
    await expect(keeper.sessionEnded(delivered(sessionEndedRequest(turn())))).rejects.toThrow(/is not recorded/);
    expect(publisher.published).toEqual([]);
  });

  it("only warns about a SessionStarted whose session it cannot find", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    await keeper.sessionStarted(delivered(sessionStartedRequest(t)));
    await keeper.sessionStarted(delivered(sessionStartedRequest(turn())));

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/unknown session/);
    warn.mockRestore();
  });
});
