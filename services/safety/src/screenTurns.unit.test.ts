// Safety screens every teen message (with the session's recent ones) before the model and every reply before the teen, with one verdict per message however often it arrives.
import { RecordingPublisher } from "@innerworld/events";
import { TURN_AT, delivered, messageReceivedRequest, replyGeneratedRequest, turn } from "@innerworld/events/factories";
import { manualClock } from "@innerworld/platform/clock";
import { createInMemoryModeration, createScreener as createMessageScreener, DEFAULT_MODEL_PATH, loadScreeningClassifier, type ModerationPort } from "@innerworld/screening";
import { replacedOutputReply } from "@innerworld/screening/replies";
import { softResourceLine } from "@innerworld/screening";
import { beforeEach, describe, expect, it } from "vitest";
import { createScreener, type RecentUserMessages } from "./screenTurns";

const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);

/** The service's logic with the real screener (committed classifier), and moderation for teens' messages and replies alike. */
const safetyWith = (publisher: RecordingPublisher, options: { moderation?: ModerationPort; recentUserMessages?: RecentUserMessages } = {}) =>
  createScreener({
    publisher,
    screener: createMessageScreener({ classifier, ...(options.moderation ? { moderation: options.moderation } : {}) }),
    ...options,
  });

describe("safety: screenTurns", () => {
  let publisher: RecordingPublisher;
  let screener: ReturnType<typeof createScreener>;

  beforeEach(() => {
    publisher = new RecordingPublisher("safety", manualClock(TURN_AT));
    screener = safetyWith(publisher);
  });

  it("lets an ordinary message through to generation with its content, once per message", async () => {
    // Prepare
    const t = turn();
    const received = messageReceivedRequest(t, { content: "ugh my chem test is on friday", stream: true, locale: "en-GB" });

    // Act
    await screener.messageReceived(delivered(received));
    await screener.messageReceived(delivered(received, { receiveCount: 2 }));

    // Assess
    const [screened, again] = publisher.ofType("MessageScreened");
    expect(screened?.data).toMatchObject({ messageId: t.messageId, seq: 1, content: "ugh my chem test is on friday", stream: true, locale: "en-GB", connectionId: t.connectionId });
    expect(screened?.data.verdict.action).toBe("allow");
    expect(again?.metadata.eventId).toBe(screened?.metadata.eventId);
    expect(screened?.metadata).toMatchObject({ correlationId: t.messageId, producer: "safety" });
  });

  it("keeps a crisis message from the model: crisis verdict, no content", async () => {
    await screener.messageReceived(delivered(messageReceivedRequest(turn(), { content: "i want to kill myself" })));

    const screened = publisher.ofType("MessageScreened")[0]?.data;
    expect(screened?.verdict.action).toBe("crisis");
    expect(screened?.content).toBeUndefined();
  });

  it("masks personal data the teen typed before a model sees it", async () => {
    await screener.messageReceived(delivered(messageReceivedRequest(turn(), { content: "text me at 415-555-0132 after school" })));

    const screened = publisher.ofType("MessageScreened")[0]?.data;
    expect(screened?.content).toBeDefined();
    expect(screened?.content).not.toContain("415-555-0132");
  });

  it("adds what the moderation layer flags, and keeps the local verdict when it is down", async () => {
    const flagging = safetyWith(publisher, { moderation: createInMemoryModeration(() => ({ flagged: true, categories: ["harassment"] })) });
    const down = safetyWith(publisher, { moderation: createInMemoryModeration(() => new Error("moderation endpoint unreachable")) });

    await flagging.messageReceived(delivered(messageReceivedRequest(turn(), { content: "you are such a clown" })));
    await down.messageReceived(delivered(messageReceivedRequest(turn(), { content: "ugh my chem test is on friday" })));

    const [flagged, local] = publisher.ofType("MessageScreened").map((e) => e.data.verdict);
    expect(flagged?.categories).toContain("harassment");
    expect(flagged?.action).not.toBe("allow");
    expect(local?.action).toBe("allow");
  });

  it("passes a safe reply on unchanged", async () => {
    const t = turn();

    await screener.replyGenerated(delivered(replyGeneratedRequest(t, { text: "Want to make a study plan together?", streamed: true })));

    expect(publisher.ofType("ReplyScreened")[0]?.data).toMatchObject({
      messageId: t.messageId,
      replyId: `reply-${t.messageId}`,
      text: "Want to make a study plan together?",
      replaced: false,
      streamed: true,
      model: "offline",
    });
  });

  it("replaces a reply that fails the output rules with a safe one", async () => {
    await screener.replyGenerated(delivered(replyGeneratedRequest(turn(), { text: "You should just kill yourself." })));

    const screened = publisher.ofType("ReplyScreened")[0]?.data;
    expect(screened).toMatchObject({ text: replacedOutputReply(), replaced: true });
    expect(screened?.verdict.action).not.toBe("allow");
  });

  it("replaces a concern turn's failed reply in the teen's language and keeps the soft resource line under it", async () => {
    const resourceLine = softResourceLine("es-MX");
    const text = `Deberías hacerte daño.\n\n${resourceLine}`;

    await screener.replyGenerated(delivered(replyGeneratedRequest(turn(), { text, locale: "es-MX", resourceLine, resourceLineKind: "soft" })));

    const screened = publisher.ofType("ReplyScreened")[0]?.data;
    // Its kind travels on with it, so storage records that the teen was shown the line.
    expect(screened).toMatchObject({ text: `${replacedOutputReply("es-MX")}\n\n${resourceLine}`, replaced: true, resourceLineKind: "soft" });
    expect(replacedOutputReply("es-MX")).not.toBe(replacedOutputReply("en-US"));
  });

  it("a crisis in words no rule lists: crisis, with the deciding layer and the model version, and no content for the model", async () => {
    await screener.messageReceived(delivered(messageReceivedRequest(turn(), { content: "planning my exit from this server called life" })));

    const screened = publisher.ofType("MessageScreened")[0]?.data;
    expect(screened?.verdict).toMatchObject({ action: "crisis", level: "crisis", decidedBy: "classifier", modelVersion: classifier.version });
    expect(screened?.content).toBeUndefined();
  });

  it("counts a concern as a concern, and a flag of profanity or a phone number as none", async () => {
    const counted: string[] = [];
    const metrics = { count: (name: string) => counted.push(name), milliseconds: () => undefined, flush: () => undefined };
    const counting = createScreener({ publisher, screener: createMessageScreener({ classifier }), metrics });

    await counting.messageReceived(delivered(messageReceivedRequest(turn(), { content: "i feel so empty lately" })));
    const afterConcern = [...counted];
    await counting.messageReceived(delivered(messageReceivedRequest(turn(), { content: "this damn homework, text me at 555-123-4567" })));

    expect(afterConcern).toEqual(["ConcernVerdicts"]);
    expect(counted).toEqual(["ConcernVerdicts"]);
  });

  it("counts the check-in after a crisis apart from concerns", async () => {
    const counted: string[] = [];
    const metrics = { count: (name: string) => counted.push(name), milliseconds: () => undefined, flush: () => undefined };
    const said = ["i cut myself last night", "what should we do this weekend"];
    const counting = createScreener({
      publisher,
      screener: createMessageScreener({ classifier }),
      metrics,
      recentUserMessages: async (_sessionId, beforeSeq, count) => said.slice(0, beforeSeq - 1).slice(-count),
    });

    await counting.messageReceived(delivered(messageReceivedRequest(turn({ seq: 1 }), { content: said[0] as string })));
    await counting.messageReceived(delivered(messageReceivedRequest(turn({ seq: 2 }), { content: said[1] as string })));

    expect(counted).toEqual(["CrisisVerdicts", "CheckInsAfterCrisis"]);
    expect(publisher.ofType("MessageScreened").at(-1)?.data.verdict).toMatchObject({ level: "concern", decidedBy: "earlier_crisis" });
  });

  it("a concern passes to generation with its level, and the content", async () => {
    await screener.messageReceived(delivered(messageReceivedRequest(turn(), { content: "i feel so empty lately" })));

    const screened = publisher.ofType("MessageScreened")[0]?.data;
    expect(screened?.verdict).toMatchObject({ action: "allow", level: "concern", category: "hopelessness", decidedBy: "classifier" });
    expect(screened?.content).toBe("i feel so empty lately");
  });

  it.each([
    ["i gave my guitar to my cousin today", "i'm so tired of everything"],
    ["i told my best friend i love her", "i'm just so tired of it all"],
  ])("reads the session's earlier messages: after %j, %j is a crisis", async (farewell, tired) => {
    const said = [farewell, tired];
    const safety = safetyWith(publisher, { recentUserMessages: async (_sessionId, beforeSeq, count) => said.slice(0, beforeSeq - 1).slice(-count) });

    await safety.messageReceived(delivered(messageReceivedRequest(turn({ seq: 1 }), { content: said[0] })));
    await safety.messageReceived(delivered(messageReceivedRequest(turn({ seq: 2 }), { content: said[1] })));

    const second = publisher.ofType("MessageScreened").map((e) => e.data.verdict)[1];
    expect(second).toMatchObject({ action: "crisis", level: "crisis", decidedBy: "context" });
  });

  it("when the earlier messages cannot be read, an uncertain message is a concern, not safe", async () => {
    const safety = safetyWith(publisher, { recentUserMessages: () => Promise.reject(new Error("DynamoDB unreachable")) });

    await safety.messageReceived(delivered(messageReceivedRequest(turn(), { content: "it's almost time" })));

    expect(publisher.ofType("MessageScreened")[0]?.data.verdict).toMatchObject({ level: "concern", decidedBy: "context" });
  });
});
