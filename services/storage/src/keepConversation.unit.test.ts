// Storage keeps both sides of every turn once (the reply from its delivery report), moves their status only forward, and announces each transcript once.
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
  sessionEndedRequest,
  sessionStartedRequest,
  stepFailedRequest,
  turn,
  type Turn,
} from "@innerworld/events/factories";
import { beforeEach, describe, expect, it } from "vitest";
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
  let session: SessionRecord;
  let t: Turn;

  beforeEach(async () => {
    clock = manualClock(TURN_AT);
    sessions = new InMemorySessionStore(clock);
    messages = new InMemoryMessageStore(clock);
    feedback = new InMemoryFeedbackStore(clock);
    publisher = new RecordingPublisher("storage", clock);
    erased = [];
    keeper = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser });
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

  it("keeps the notice of a crisis carried on from earlier in the session as the notifier showed it", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.messageScreened(
      delivered(messageScreenedRequest(t, { content: undefined, locale: "en-US", verdict: { action: "crisis", categories: ["crisis"], level: "crisis", category: "farewell", decidedBy: "earlier_crisis" } })),
    );

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "crisis" });
    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ content: crisisReply("en-US", true), model: "safety", status: "screened" });
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

  it("keeps the reply once, from its delivery report, with the status it ended in, replaced or not", async () => {
    const gone = turn({ sessionId: t.sessionId, seq: 2 });
    const withheld = turn({ sessionId: t.sessionId, seq: 3 });
    const safer = { personaId: "companion", text: "Something safer instead.", replaced: true, categories: ["sexual"], model: "offline" };

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { reply: safer })));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { reply: { ...safer, text: "a second copy" } }), { receiveCount: 2 }));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(gone, { status: "connection_gone" })));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(withheld, { status: "withheld" })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ content: "Something safer instead.", replaced: true, categories: ["sexual"], model: "offline", replyId: `reply-${t.messageId}`, status: "delivered" });
    // Not shown: resume brings it.
    expect(await messages.get(t.sessionId, 2, "assistant")).toMatchObject({ status: "undelivered" });
    expect(await messages.get(t.sessionId, 3, "assistant")).toMatchObject({ status: "undelivered" });
    expect(await messages.listSession(t.sessionId)).toHaveLength(3);
  });

  it("keeps a reply's usage, cost and speaker from the report", async () => {
    const usage = { inputTokens: 120, outputTokens: 30 };
    const cost = { usd: 0.000036, inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 };

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { replyIndex: 1, reply: { personaId: "courage", personaName: "Courage", text: "You've got this.", replaced: false, categories: [], model: "gpt-test", usage, cost } })));

    expect(await messages.get(t.sessionId, 1, "assistant", 1)).toMatchObject({ personaId: "courage", personaName: "Courage", usage, cost, replyIndex: 1, model: "gpt-test" });
  });

  it("keeps the resource line a reply carried, by its kind, and none on a reply without one", async () => {
    const plain = turn({ sessionId: t.sessionId, seq: 2 });
    const withLine = { personaId: "companion", text: "I'm glad you told me.\n\nIf things ever feel like too much, you can reach 988.", replaced: false, categories: [], model: "offline" };

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { reply: { ...withLine, resourceLineKind: "soft" } })));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(plain, { reply: withLine })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ resourceLineKind: "soft" });
    // Its words alone do not make it one: the next turn would show the line again.
    expect((await messages.get(t.sessionId, 2, "assistant"))?.resourceLineKind).toBeUndefined();
  });

  it("keeps a safety notice from its delivery report when the report overtakes MessageScreened, with its status", async () => {
    const crisis = { action: "crisis" as const, categories: ["self_harm"], lexiconVersion: "2026.03" };
    const notice = { personaId: "companion", text: crisisReply(), replaced: false, categories: ["self_harm"], model: "safety" };
    const report = replyDeliveredRequest(t, { replyId: `notice-${t.messageId}`, reply: notice });
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.replyDelivered(delivered(report));
    await keeper.messageScreened(delivered(messageScreenedRequest(t, { content: undefined, verdict: crisis })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "delivered", model: "safety", content: crisisReply(), replyId: `notice-${t.messageId}`, categories: ["self_harm"] });
    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "crisis" });
    expect(await messages.listSession(t.sessionId)).toHaveLength(2);
  });

  it("moves a notice MessageScreened kept first to the status its report carries", async () => {
    const block = { action: "block" as const, categories: ["harassment"], lexiconVersion: "2026.03" };
    const notice = { personaId: "companion", text: blockedInputReply(), replaced: false, categories: ["harassment"], model: "safety" };
    await keeper.messageScreened(delivered(messageScreenedRequest(t, { content: undefined, verdict: block })));

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { replyId: `notice-${t.messageId}`, status: "connection_gone", reply: notice })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "undelivered", model: "safety" });
  });

  it("only warns, through the runtime's logger, about an old report without its reply whose reply is not stored (a replay of events from before reports carried it)", async () => {
    const warned: string[] = [];
    const logging = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, logger: { warn: (message) => warned.push(message) } });

    await logging.replyDelivered(delivered(replyDeliveredRequest(t, { reply: undefined })));
    await logging.replyDelivered(delivered(replyDeliveredRequest(t, { replyId: `notice-${t.messageId}`, reply: undefined })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toBeUndefined();
    expect(warned).toEqual(["a delivery report for a reply that is not stored", "a delivery report for a reply that is not stored"]);
  });

  it("does not let a late or old delivery report undo a later state", async () => {
    await keeper.replyDelivered(delivered(replyDeliveredRequest(t)));

    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { status: "connection_gone" })));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(t, { status: "connection_gone", reply: undefined })));

    expect(await messages.get(t.sessionId, 1, "assistant")).toMatchObject({ status: "delivered" });
  });

  it("marks the turn failed when a step gave up, and ignores failures of background steps", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.stepFailed(delivered(stepFailedRequest(turn({ sessionId: t.sessionId }), { sessionId: undefined, seq: undefined, messageId: undefined, step: "graph-extraction" })));
    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "received" });
    await keeper.stepFailed(delivered(stepFailedRequest(t)));

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "failed" });
  });

  it("keeps a refused turn's REPLY_REFUSED with the message, so a resume tells it by the same code", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));

    await keeper.stepFailed(delivered(stepFailedRequest(t, { errorCode: "REPLY_REFUSED", retryable: false })));

    expect(await messages.get(t.sessionId, 1, "user")).toMatchObject({ status: "failed", failure: { code: "REPLY_REFUSED", retryable: false } });
  });

  it("announces the finished transcript once, with its message count, however often SessionEnded arrives", async () => {
    await keeper.messageReceived(delivered(messageReceivedRequest(t)));
    await keeper.replyDelivered(delivered(replyDeliveredRequest(t)));
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

    await expect(createConversationKeeper({ sessions, messages, feedback, publisher: failing, eraseUser }).sessionEnded(delivered(ended))).rejects.toThrow("EventBridge is unreachable");
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
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, feedbackAfterTurns: 1 });

    await asking.sessionEnded(delivered(sessionEndedRequest(t), { replayName: "rebuild-graphs" }));
    await asking.replyDelivered(delivered(replyDeliveredRequest(t), { replayName: "rebuild-graphs" }));

    expect(publisher.ofType("FeedbackRequested")).toEqual([]);
    expect((await feedback.listBySession(t.sessionId)).map((r) => [r.requestId, r.status]).sort()).toEqual([
      [`feedback-${t.sessionId}-end`, "open"],
      [`feedback-${t.sessionId}-turn-1`, "open"],
    ]);
  });

  it("asks for feedback after the configured turn as well", async () => {
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, feedbackAfterTurns: 2 });

    await asking.replyDelivered(delivered(replyDeliveredRequest(t)));
    await asking.replyDelivered(delivered(replyDeliveredRequest(turn({ sessionId: t.sessionId, seq: 2 }))));

    expect(publisher.ofType("FeedbackRequested").map((e) => [e.data.reason, e.data.requestId])).toEqual([["after_turns", `feedback-${t.sessionId}-turn-2`]]);
  });

  it("asks a teen whose client speaks Spanish about the chat in Spanish, at its end and after the configured turn, and anyone else in English", async () => {
    // Prepare: the locale each client sent with start_session; the English session asks as before.
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, feedbackAfterTurns: 1 });
    const spanish = await sessions.start({ userId: "user-ximena", personaId: "companion", connectionId: "conn-ximena-1", maxActive: 3, locale: "es-MX" });
    const spanishTurn = turn({ sessionId: spanish.sessionId, userId: "user-ximena" });
    await sessions.nextTurn(spanish.sessionId, "user-ximena", "conn-ximena-1");
    await sessions.nextTurn(t.sessionId, "user-maya", "conn-maya-1");

    // Act
    await asking.replyDelivered(delivered(replyDeliveredRequest(spanishTurn)));
    await asking.sessionEnded(delivered(sessionEndedRequest(spanishTurn)));
    await asking.sessionEnded(delivered(sessionEndedRequest(t)));

    // Assess: the announcement and the stored request (which a reconnect offers again) ask the same question.
    const asked = publisher.ofType("FeedbackRequested").map((e) => [e.data.requestId, e.data.question, e.data.options]);
    expect(asked).toEqual([
      [`feedback-${spanish.sessionId}-turn-1`, "¿Qué tal estuvo esta conversación?", ["great", "okay", "not great"]],
      [`feedback-${spanish.sessionId}-end`, "¿Qué tal estuvo esta conversación?", ["great", "okay", "not great"]],
      [`feedback-${t.sessionId}-end`, "How was this conversation?", ["great", "okay", "not great"]],
    ]);
    expect((await feedback.listOpenByUser("user-ximena")).map((r) => r.question)).toEqual(["¿Qué tal estuvo esta conversación?", "¿Qué tal estuvo esta conversación?"]);
  });

  it("asks for no feedback after a configured turn answered by a safety notice", async () => {
    const asking = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, feedbackAfterTurns: 1 });
    const notice = { personaId: "companion", text: crisisReply(), replaced: false, categories: ["self_harm"], model: "safety" };

    await asking.replyDelivered(delivered(replyDeliveredRequest(t, { replyId: `notice-${t.messageId}`, reply: notice })));

    expect(publisher.ofType("FeedbackRequested")).toEqual([]);
    expect(await feedback.listBySession(t.sessionId)).toEqual([]);
  });

  it("fails SessionEnded for a session it has no record of, so the queue retries it", async () => {
    await expect(keeper.sessionEnded(delivered(sessionEndedRequest(turn())))).rejects.toThrow(/is not recorded/);
    expect(publisher.published).toEqual([]);
  });

  it("only warns about a replayed SessionEnded whose session is no longer recorded, and publishes nothing for it", async () => {
    const warned: string[] = [];
    const logging = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, logger: { warn: (message) => warned.push(message) } });

    await logging.sessionEnded(delivered(sessionEndedRequest(turn()), { replayName: "rebuild-graphs" }));

    expect(warned).toEqual([expect.stringMatching(/no longer recorded/)]);
    expect(publisher.published).toEqual([]);
  });

  it("only warns, through the runtime's logger, about a SessionStarted whose session it cannot find", async () => {
    const warned: string[] = [];
    const logging = createConversationKeeper({ sessions, messages, feedback, publisher, eraseUser, logger: { warn: (message) => warned.push(message) } });

    await logging.sessionStarted(delivered(sessionStartedRequest(t)));
    await logging.sessionStarted(delivered(sessionStartedRequest(turn())));

    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/unknown session/);
  });
});
