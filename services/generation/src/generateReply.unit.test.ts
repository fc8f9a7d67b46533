// Generation answers an allowed message from persona, remembered context and the turns the teen saw, streams when asked, and gives up cleanly.
import { createChatModel, type ReplyModel, type ReplyResult } from "@innerworld/chat-model/models";
import { InMemoryMessageStore, type NewMessage } from "@innerworld/conversation/messages";
import { InMemoryTurnOutcomes } from "@innerworld/conversation/turns";
import { RecordingPublisher, deterministicEventId, type ConsumedEvent, type EventData } from "@innerworld/events";
import { TURN_AT, delivered, messageScreenedRequest, turn, type Turn } from "@innerworld/events/factories";
import { InMemoryContextCacheStore } from "@innerworld/memory/context-cache";
import { InMemoryPersonaStore, seedBuiltInPersonas } from "@innerworld/personas/store";
import { manualClock, type ManualClock } from "@innerworld/platform/clock";
import { RecordingPusher } from "@innerworld/platform/delivery";
import { softResourceLine, worriedAboutSomeoneLine } from "@innerworld/screening";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GENERATION_RESERVE_MS, createReplyGenerator, isGenerationUnderWay, replyCharLimit, type GenerationPorts } from "./generateReply";

type Prompt = Parameters<ReplyModel["generate"]>[0];

/** The offline model, with every prompt it was given kept for the test to read. */
const promptRecording = (model: ReplyModel = createChatModel({})) => {
  const prompts: string[][] = [];
  const text = (prompt: Prompt) => prompt.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)));
  const recording: ReplyModel = {
    models: model.models,
    circuitStates: () => model.circuitStates(),
    generate: (prompt, options) => {
      prompts.push(text(prompt));
      return model.generate(prompt, options);
    },
    stream: (prompt, options) => {
      prompts.push(text(prompt));
      return model.stream(prompt, options);
    },
  };
  return { model: recording, prompts };
};

/** A model that streams the given sentences, as an endpoint would. */
const streaming = (sentences: string[]): ReplyModel => {
  const result: ReplyResult = { text: sentences.join(" "), model: "gpt-test", usage: { inputTokens: 100, outputTokens: 20 }, latencyMs: 30, fallbackUsed: false };
  return {
    models: ["gpt-test"],
    circuitStates: () => ({}),
    generate: async () => result,
    stream: () => ({
      result: Promise.resolve(result),
      async *[Symbol.asyncIterator]() {
        for (const [index, sentence] of sentences.entries()) yield { sentence, index };
      },
    }),
  };
};

/** A model chain whose every model failed (after its own retries and fallbacks). */
const unavailable: ReplyModel = {
  models: ["gpt-test", "gpt-fallback"],
  circuitStates: () => ({}),
  generate: () => Promise.reject(Object.assign(new Error("No model could answer: gpt-test timed out; gpt-fallback 503"), { code: "MODEL_UNAVAILABLE" })),
  stream: () => {
    throw Object.assign(new Error("No model could answer: gpt-test timed out"), { code: "MODEL_UNAVAILABLE" });
  },
};
/** A model chain whose provider declines every request for what it holds. */
const refusing: ReplyModel = {
  ...unavailable,
  generate: () => Promise.reject(Object.assign(new Error("The request was refused: gpt-test failed (400 content_policy_violation)"), { code: "REPLY_REFUSED" })),
};

describe("generation: generateReply", () => {
  let clock: ManualClock;
  let personas: InMemoryPersonaStore;
  let messages: InMemoryMessageStore;
  let contexts: InMemoryContextCacheStore;
  let publisher: RecordingPublisher;
  let pusher: RecordingPusher;
  let outcomes: InMemoryTurnOutcomes;
  let t: Turn;
  const generator = (overrides: Partial<GenerationPorts> = {}) => createReplyGenerator({ messages, contexts, personas, publisher, pusher, outcomes, clock, model: createChatModel({}), personaModels: [], ...overrides }).generate;
  const earlier = async (seq: number, user: string, assistant: string, extra: { status?: NewMessage["status"]; model?: string; resourceLineKind?: NewMessage["resourceLineKind"] } = {}) => {
    const base = { sessionId: t.sessionId, seq, messageId: `m${seq}`, userId: t.userId, personaId: "companion" };
    await messages.putOnce({ ...base, role: "user", content: user, status: extra.status ?? "delivered" });
    await messages.putOnce({
      ...base,
      role: "assistant",
      content: assistant,
      status: "delivered",
      ...(extra.model ? { model: extra.model } : {}),
      ...(extra.resourceLineKind ? { resourceLineKind: extra.resourceLineKind } : {}),
    });
  };

  beforeEach(async () => {
    clock = manualClock(TURN_AT);
    personas = new InMemoryPersonaStore();
    await seedBuiltInPersonas(personas);
    messages = new InMemoryMessageStore(clock);
    contexts = new InMemoryContextCacheStore(clock);
    publisher = new RecordingPublisher("generation", clock);
    pusher = new RecordingPusher();
    outcomes = new InMemoryTurnOutcomes(clock);
    t = turn({ seq: 3 });
  });

  it("answers from the persona, the user's remembered context and the turns the teen saw, and publishes the reply", async () => {
    // Prepare
    await contexts.put({ userId: t.userId, block: "Upcoming: chemistry test on Fri 4 Dec (today)", version: 7, tokenCount: 12, entityCount: 1, lineFactIds: [[`Event:${t.userId}:chemistry-test`]] });
    await earlier(1, "hey, rough day", "I'm sorry it was rough. Want to talk about it?");
    await earlier(2, "some words safety stopped", "a safety notice", { status: "blocked", model: "safety" });
    const { model, prompts } = promptRecording();

    // Act
    await generator({ model })(delivered(messageScreenedRequest(t, { content: "the chem test is today and i'm scared" })));

    // Assess
    const prompt = prompts[0]?.join("\n") ?? "";
    expect(prompt).toContain("Upcoming: chemistry test on Fri 4 Dec (today)");
    expect(prompt).toContain("hey, rough day");
    expect(prompt).toContain("I'm sorry it was rough. Want to talk about it?");
    expect(prompt).not.toContain("some words safety stopped");
    expect(prompt).not.toContain("a safety notice");
    expect(prompts[0]?.at(-1)).toBe("the chem test is today and i'm scared");
    const [reply] = publisher.ofType("ReplyGenerated");
    expect(reply?.data).toMatchObject({
      messageId: t.messageId,
      sessionId: t.sessionId,
      seq: 3,
      replyId: deterministicEventId("generation", "reply", t.messageId),
      model: "offline",
      streamed: false,
      connectionId: t.connectionId,
      context: { version: 7, factIds: [`Event:${t.userId}:chemistry-test`], lines: ["Upcoming: chemistry test on Fri 4 Dec (today)"] },
    });
    expect(reply?.data.text.length).toBeGreaterThan(0);
    const status = (state: string) => ({ type: "agent_status", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", status: state } });
    // thinking, then responding; the reply itself (the notifier's) ends the turn.
    expect(pusher.framesTo(t.connectionId)).toEqual([status("thinking"), status("responding")]);
  });

  // The block lives an hour from its build; a session that talks on past that hour keeps its memory in the prompt.
  it("keeps the remembered context in the prompts of a session that talks past the block's hour, pushing its end on once", async () => {
    await contexts.put({ userId: t.userId, block: "Recently on their mind: Jordan", version: 4, tokenCount: 6, entityCount: 1 });
    const { model, prompts } = promptRecording();
    const keptAlive = vi.spyOn(contexts, "keepAlive");
    const generate = generator({ model });

    clock.advance(30 * 60_000);
    await generate(delivered(messageScreenedRequest(turn({ seq: 3, sessionId: t.sessionId, userId: t.userId }), { content: "jordan texted me" })));
    clock.advance(20 * 60_000);
    await generate(delivered(messageScreenedRequest(turn({ seq: 4, sessionId: t.sessionId, userId: t.userId }), { content: "we made up" })));
    clock.advance(11 * 60_000);
    await generate(delivered(messageScreenedRequest(turn({ seq: 5, sessionId: t.sessionId, userId: t.userId }), { content: "feeling better now" })));

    expect(prompts.map((prompt) => prompt.join("\n").includes("Recently on their mind: Jordan"))).toEqual([true, true, true]);
    // Half an hour in, the block had long to live; fifty minutes in it was given another hour, once.
    expect(keptAlive.mock.calls).toEqual([[t.userId, 4]]);
  });

  it("leaves history of later turns and context of no one out of the prompt", async () => {
    await earlier(5, "a message from a later turn", "its answer");
    const { model, prompts } = promptRecording();

    await generator({ model })(delivered(messageScreenedRequest(t, { content: "what should i do" })));

    expect(prompts[0]?.join("\n")).not.toContain("a message from a later turn");
    expect(publisher.ofType("ReplyGenerated")[0]?.data.context).toBeUndefined();
  });

  it("makes the same reply id when a turn is answered again (its first attempt died), so it cannot be answered twice", async () => {
    const screened = messageScreenedRequest(t);

    await generator()(delivered(screened));
    // Past the first attempt's time, with no outcome for the turn: the first attempt is taken to have died.
    clock.advance(60_000);
    await generator()(delivered(screened, { receiveCount: 2 }));

    const [first, again] = publisher.ofType("ReplyGenerated");
    expect(again?.metadata.eventId).toBe(first?.metadata.eventId);
    expect(again?.data.replyId).toBe(first?.data.replyId);
  });

  it("sends a copy of a turn that comes while the first attempt may still be answering back to the queue, asking the model nothing", async () => {
    const { model, prompts } = promptRecording();
    const screened = messageScreenedRequest(t, { stream: true });
    await generator({ model })(delivered(screened));
    const frames = pusher.framesTo(t.connectionId).length;

    const copy = generator({ model })(delivered(screened, { receiveCount: 2 })).catch((error: unknown) => error);

    expect(isGenerationUnderWay(await copy)).toBe(true);
    expect(await copy).toMatchObject({ code: "GENERATION_UNDER_WAY", retryable: true });
    expect(prompts).toHaveLength(1);
    expect(publisher.ofType("ReplyGenerated")).toHaveLength(1);
    expect(pusher.framesTo(t.connectionId)).toHaveLength(frames);
  });

  it("answers nothing for a copy of a turn that has ended, even after the first attempt's time: no second stream, no second model call", async () => {
    const { model, prompts } = promptRecording();
    const screened = messageScreenedRequest(t, { stream: true });
    await generator({ model })(delivered(screened));
    const frames = pusher.framesTo(t.connectionId).length;
    await outcomes.claim(t.messageId, "replied", "reply");

    await generator({ model })(delivered(screened, { receiveCount: 2 }));
    clock.advance(6 * 60_000);
    await generator({ model })(delivered(screened, { receiveCount: 3 }));

    expect(prompts).toHaveLength(1);
    expect(publisher.ofType("ReplyGenerated")).toHaveLength(1);
    expect(pusher.framesTo(t.connectionId)).toHaveLength(frames);
  });

  it("answers a copy of a group turn again when the first attempt died between personas, though the first reply was shown: every persona answers, each under its own reply id, silently", async () => {
    const group = messageScreenedRequest(t, { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"], stream: true });
    // Publishing the second persona's reply fails once (EventBridge throttled): the first attempt ends there.
    let publishes = 0;
    const failingOnce = Object.assign(Object.create(publisher) as RecordingPublisher, {
      publish: (...requests: Parameters<RecordingPublisher["publish"]>) => {
        publishes += 1;
        return publishes === 2 ? Promise.reject(new Error("ThrottlingException")) : publisher.publish(...requests);
      },
    });
    await expect(generator({ publisher: failingOnce })(delivered(group))).rejects.toThrow("ThrottlingException");
    // The notifier showed the first persona's reply: the turn has an outcome.
    const [shown] = publisher.ofType("ReplyGenerated");
    await outcomes.claim(t.messageId, "replied", shown?.data.replyId ?? "");

    const framesBefore = pusher.framesTo(t.connectionId).length;
    expect(framesBefore).toBeGreaterThan(0);

    clock.advance(6 * 60_000);
    await generator({ publisher: failingOnce })(delivered(group, { receiveCount: 2 }));

    // The client saw the turn end with the first reply: the copy pushes no status frame and streams nothing; the
    // notifier shows the second reply from its event.
    expect(pusher.framesTo(t.connectionId)).toHaveLength(framesBefore);
    expect(publisher.ofType("ReplyGenerated").slice(1).map((e) => e.data.streamed)).toEqual([false, false]);
    const replies = publisher.ofType("ReplyGenerated").map((e) => [e.data.personaId, e.data.replyId]);
    expect(replies.map(([personaId]) => personaId)).toEqual(["courage", "courage", "comfort"]);
    expect(replies[1]?.[1]).toBe(replies[0]?.[1]);
    expect(new Set(replies.map(([, replyId]) => replyId)).size).toBe(2);
  });

  it("streams a reply sentence by sentence when the client asked for it", async () => {
    const replyId = deterministicEventId("generation", "reply", t.messageId);

    await generator({ model: streaming(["That sounds stressful.", "Want to make a plan?"]) })(delivered(messageScreenedRequest(t, { stream: true })));

    expect(pusher.framesTo(t.connectionId)).toEqual([
      { type: "agent_status", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", status: "thinking" } },
      { type: "agent_status", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", status: "responding" } },
      { type: "stream_start", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId } },
      { type: "stream_chunk", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId, index: 0, text: "That sounds stressful." } },
      { type: "stream_chunk", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId, index: 1, text: "Want to make a plan?" } },
    ]);
    expect(publisher.ofType("ReplyGenerated")[0]?.data).toMatchObject({ streamed: true, text: "That sounds stressful. Want to make a plan?", model: "gpt-test" });
  });

  /** A pusher whose `thinking` frame waits until released, as a slow @connections answer would. */
  const heldThinking = () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new RecordingPusher();
    const record = slow.push.bind(slow);
    vi.spyOn(slow, "push").mockImplementation(async (connectionId, frame) => {
      if (frame.includes('"thinking"')) await held;
      return record(connectionId, frame);
    });
    return { pusher: slow, release };
  };
  const statuses = (frames: ReturnType<RecordingPusher["framesTo"]>) => frames.map((frame) => ("status" in frame.payload ? frame.payload.status : frame.type));

  it.each([
    { stream: true, method: "stream" as const, frames: ["thinking", "responding", "stream_start", "stream_chunk", "stream_chunk"] },
    { stream: false, method: "generate" as const, frames: ["thinking", "responding"] },
  ])("asks the model while thinking is on its way, and sends every later frame and the reply after it (stream: $stream)", async ({ stream, method, frames }) => {
    const held = heldThinking();
    const model = streaming(["That sounds stressful.", "Want to make a plan?"]);
    const asked = vi.spyOn(model, method);

    const generating = generator({ model, pusher: held.pusher })(delivered(messageScreenedRequest(t, { stream })));
    await vi.waitFor(() => expect(asked).toHaveBeenCalled(), { timeout: 10_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.pusher.framesTo(t.connectionId)).toEqual([]);
    expect(publisher.ofType("ReplyGenerated")).toHaveLength(0);
    held.release();
    await generating;

    expect(statuses(held.pusher.framesTo(t.connectionId))).toEqual(frames);
    expect(publisher.ofType("ReplyGenerated")).toHaveLength(1);
  });

  it("ends a turn whose every model failed only after thinking has gone out, so the failure the teen is shown comes after it", async () => {
    const held = heldThinking();
    const asked = vi.spyOn(unavailable, "generate");
    let settled = false;

    const generating = generator({ model: unavailable, pusher: held.pusher })(delivered(messageScreenedRequest(t)));
    void generating.catch(() => undefined).finally(() => (settled = true));
    await vi.waitFor(() => expect(asked).toHaveBeenCalled(), { timeout: 10_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    held.release();

    await expect(generating).rejects.toMatchObject({ code: "GENERATION_FAILED" });
    expect(statuses(held.pusher.framesTo(t.connectionId))).toEqual(["thinking"]);
  });

  it("reads the remembered context and the history beside the attempt's write, not after it", async () => {
    let releaseAttempt: () => void = () => undefined;
    const attemptHeld = new Promise<void>((resolve) => (releaseAttempt = resolve));
    const begin = outcomes.beginStep.bind(outcomes);
    vi.spyOn(outcomes, "beginStep").mockImplementation(async (...args) => {
      await attemptHeld;
      return begin(...args);
    });
    const contextRead = vi.spyOn(contexts, "get");
    const historyRead = vi.spyOn(messages, "recent");

    const generating = generator()(delivered(messageScreenedRequest(t)));
    await vi.waitFor(() => expect(contextRead).toHaveBeenCalledWith(t.userId), { timeout: 10_000 });
    expect(historyRead).toHaveBeenCalled();
    expect(publisher.ofType("ReplyGenerated")).toHaveLength(0);
    releaseAttempt();
    await generating;

    expect(publisher.ofType("ReplyGenerated")).toHaveLength(1);
  });

  it("prices every reply: its tokens at its model's prices from the operator's table; a model without a price gets no cost", async () => {
    const prices = { "gpt-test": { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 } };

    await generator({ model: streaming(["That sounds stressful."]), prices })(delivered(messageScreenedRequest(t)));
    await generator({ model: streaming(["That sounds stressful."]), prices: {} })(delivered(messageScreenedRequest(turn({ seq: 4 }))));

    const [priced, unpriced] = publisher.ofType("ReplyGenerated");
    // 100 prompt tokens at $2 per million and 20 completion tokens at $8 per million.
    expect(priced?.data).toMatchObject({ usage: { inputTokens: 100, outputTokens: 20 }, cost: { usd: 0.00036, inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 } });
    expect(unpriced?.data.usage).toEqual({ inputTokens: 100, outputTokens: 20 });
    expect(unpriced?.data.cost).toBeUndefined();
  });

  it("stops streaming at the first sentence the output rules refuse; the whole reply still travels to final screening", async () => {
    await generator({ model: streaming(["I hear you.", "You should just kill yourself.", "Anyway, good luck."]) })(delivered(messageScreenedRequest(t, { stream: true })));

    const chunks = pusher.framesTo(t.connectionId).filter((f) => f.type === "stream_chunk");
    expect(chunks.map((f) => f.payload.text)).toEqual(["I hear you."]);
    expect(publisher.ofType("ReplyGenerated")[0]?.data.text).toContain("You should just kill yourself.");
  });

  it("does not stream to a client that has gone; the reply is published for resume", async () => {
    pusher.close(t.connectionId);

    await generator({ model: streaming(["That sounds stressful."]) })(delivered(messageScreenedRequest(t, { stream: true })));

    expect(publisher.ofType("ReplyGenerated")[0]?.data).toMatchObject({ streamed: false, text: "That sounds stressful." });
  });

  it("ends the step with GENERATION_FAILED, not a retry, when every model failed", async () => {
    const answering = generator({ model: unavailable });

    const whole = answering(delivered(messageScreenedRequest(t)));
    const streamed = answering(delivered(messageScreenedRequest(turn({ seq: 4 }), { stream: true })));

    await expect(whole).rejects.toMatchObject({ code: "GENERATION_FAILED", retryable: false, clientMayRetry: true });
    await expect(streamed).rejects.toMatchObject({ code: "GENERATION_FAILED" });
    expect(publisher.published).toEqual([]);
  });

  /** A model that streams its first sentences and then breaks off (a cut connection, say) with every fallback spent. */
  const breakingAfter = (sentences: string[], before?: () => void): ReplyModel => ({
    models: ["gpt-test"],
    circuitStates: () => ({}),
    generate: () => Promise.reject(Object.assign(new Error("No model could answer: gpt-test stream cut"), { code: "MODEL_UNAVAILABLE" })),
    stream: () => ({
      result: new Promise<ReplyResult>(() => undefined),
      async *[Symbol.asyncIterator]() {
        for (const [index, sentence] of sentences.entries()) yield { sentence, index };
        before?.();
        throw Object.assign(new Error("No model could answer: gpt-test stream cut"), { code: "MODEL_UNAVAILABLE" });
      },
    }),
  });

  it("takes back a stream that broke off after the teen saw it begin: stream_end retracted, then the step fails", async () => {
    const replyId = deterministicEventId("generation", "reply", t.messageId);

    const generating = generator({ model: breakingAfter(["That sounds stressful."]) })(delivered(messageScreenedRequest(t, { stream: true })));

    await expect(generating).rejects.toMatchObject({ code: "GENERATION_FAILED" });
    expect(pusher.framesTo(t.connectionId).slice(2)).toEqual([
      { type: "stream_start", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId } },
      { type: "stream_chunk", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId, index: 0, text: "That sounds stressful." } },
      { type: "stream_end", payload: { sessionId: t.sessionId, messageId: t.messageId, personaId: "companion", replyId, seq: t.seq, text: "", retracted: true, model: "unknown" } },
    ]);
    expect(publisher.published).toEqual([]);
  });

  /** A model whose second sentence comes after the turn's deadline; `then` runs as the clock passes it. */
  const lateModel = (then: () => Promise<unknown> | void = () => undefined): ReplyModel => {
    const model = streaming(["That sounds stressful.", "Want to make a plan?"]);
    return {
      ...model,
      stream: (prompt, options) => {
        const inner = model.stream(prompt, options);
        return {
          result: inner.result,
          async *[Symbol.asyncIterator]() {
            let first = true;
            for await (const piece of inner) {
              if (!first) {
                clock.advance(20_000);
                await then();
              }
              first = false;
              yield piece;
            }
          },
        };
      },
    };
  };
  const lateTurn = () => delivered(messageScreenedRequest(t, { stream: true, receivedAt: new Date(TURN_AT).toISOString() }));

  it("shows nothing more of a turn past its deadline, takes back what it streamed once the watchdog ended the turn, and still publishes its reply for a resume", async () => {
    await generator({ model: lateModel(() => outcomes.claim(t.messageId, "timed_out", "watchdog")), turnDeadlineSeconds: 20 })(lateTurn());

    expect(statuses(pusher.framesTo(t.connectionId))).toEqual(["thinking", "responding", "stream_start", "stream_chunk", "stream_end"]);
    expect(pusher.framesTo(t.connectionId).at(-1)?.payload).toMatchObject({ retracted: true, text: "" });
    expect(publisher.ofType("ReplyGenerated")[0]?.data).toMatchObject({ text: "That sounds stressful. Want to make a plan?" });
  });

  it("does not take back a stream that ran past its deadline while the watchdog has not ended the turn: its reply may still win and be shown whole", async () => {
    await generator({ model: lateModel(), turnDeadlineSeconds: 20 })(lateTurn());

    expect(statuses(pusher.framesTo(t.connectionId))).toEqual(["thinking", "responding", "stream_start", "stream_chunk"]);
    expect(publisher.ofType("ReplyGenerated")[0]?.data).toMatchObject({ text: "That sounds stressful. Want to make a plan?" });
  });

  it("closes a group persona that could not answer with an error naming it, and lets the turn stand on the replies given", async () => {
    const offline = createChatModel({});
    let calls = 0;
    const secondFails: ReplyModel = {
      ...offline,
      generate: (prompt, options) => (++calls === 2 ? unavailable.generate(prompt, options) : offline.generate(prompt, options)),
    };

    await generator({ model: secondFails })(delivered(messageScreenedRequest(t, { content: "@courage @comfort @compass hi all", personaIds: ["courage", "comfort", "compass"] })));

    expect(publisher.ofType("ReplyGenerated").map((e) => e.data.personaId)).toEqual(["courage", "compass"]);
    const comforts = pusher.framesTo(t.connectionId).filter((frame) => frame.payload.personaId === "comfort");
    expect(comforts.map((frame) => frame.type)).toEqual(["agent_status", "error"]);
    expect(comforts[1]?.payload).toMatchObject({ code: "GENERATION_FAILED", messageId: t.messageId, retryable: false });
  });

  it("closes a group persona's thinking with an error past the deadline too, and when it fails otherwise than by its models", async () => {
    const offline = createChatModel({});
    let calls = 0;
    let clock = Date.parse(TURN_AT);
    // The second persona's model answers after the deadline has passed, and then breaks in a way no fallback covers.
    const lateAndBroken: ReplyModel = {
      ...offline,
      generate: async (prompt, options) => {
        if (++calls !== 2) return offline.generate(prompt, options);
        clock += 25_000;
        throw new TypeError("the model's answer could not be read");
      },
    };
    const generating = generator({ model: lateAndBroken, clock: () => clock, turnDeadlineSeconds: 20 })(
      delivered(messageScreenedRequest(t, { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"], receivedAt: new Date(TURN_AT).toISOString() })),
    );

    await expect(generating).rejects.toThrow("the model's answer could not be read");
    const comforts = pusher.framesTo(t.connectionId).filter((frame) => frame.payload.personaId === "comfort");
    expect(comforts.map((frame) => frame.type)).toEqual(["agent_status", "error"]);
    expect(comforts[1]?.payload).toMatchObject({ code: "GENERATION_FAILED", messageId: t.messageId, retryable: false });
  });

  it("gives the models up shortly before the function's timeout: a lone persona's turn fails as GENERATION_FAILED, a group's later persona is closed with its error", async () => {
    const offline = createChatModel({});
    /** A model that answers only when told to stop waiting, and then with the reason it was told. */
    const hangsUntilAborted = (prompt: Parameters<ReplyModel["generate"]>[0], options: Parameters<ReplyModel["generate"]>[1]) =>
      new Promise<ReplyResult>((_, reject) => options?.signal?.addEventListener("abort", () => reject(options.signal?.reason)));
    // 30 ms of the function's time left beyond the reserve.
    const nearTimeout = <T extends ConsumedEvent>(event: T): T => ({ ...event, context: { ...event.context, getRemainingTimeInMillis: () => GENERATION_RESERVE_MS + 30 } });

    const lone = generator({ model: { ...offline, generate: hangsUntilAborted } })(nearTimeout(delivered(messageScreenedRequest(t))));
    await expect(lone).rejects.toMatchObject({ code: "GENERATION_FAILED", message: expect.stringMatching(/time ran out/) });

    let calls = 0;
    const secondHangs: ReplyModel = { ...offline, generate: (prompt, options) => (++calls === 2 ? hangsUntilAborted(prompt, options) : offline.generate(prompt, options)) };
    const group = turn({ sessionId: t.sessionId, connectionId: t.connectionId, seq: 2 });
    await generator({ model: secondHangs })(nearTimeout(delivered(messageScreenedRequest(group, { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"] }))));
    expect(publisher.ofType("ReplyGenerated").map((e) => e.data.personaId)).toEqual(["courage"]);
    const comforts = pusher.framesTo(t.connectionId).filter((frame) => frame.payload.personaId === "comfort" && frame.payload.messageId === group.messageId);
    expect(comforts.map((frame) => frame.type)).toEqual(["agent_status", "error"]);
  });

  it("still asks a group's later personas when the first could not answer, closing the first with its error", async () => {
    const offline = createChatModel({});
    let calls = 0;
    const firstFails: ReplyModel = { ...offline, generate: (prompt, options) => (++calls === 1 ? unavailable.generate(prompt, options) : offline.generate(prompt, options)) };

    await generator({ model: firstFails })(delivered(messageScreenedRequest(t, { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"] })));

    expect(publisher.ofType("ReplyGenerated").map((e) => e.data.personaId)).toEqual(["comfort"]);
    const courages = pusher.framesTo(t.connectionId).filter((frame) => frame.payload.personaId === "courage");
    expect(courages.map((frame) => frame.type)).toEqual(["agent_status", "error"]);
    expect(courages[1]?.payload).toMatchObject({ code: "GENERATION_FAILED", messageId: t.messageId, retryable: false });
  });

  it("fails a group turn none of whose personas could answer, after asking each; the turn's error closes the last", async () => {
    let calls = 0;
    const counting: ReplyModel = { ...unavailable, generate: (prompt, options) => (++calls, unavailable.generate(prompt, options)) };

    const generating = generator({ model: counting })(delivered(messageScreenedRequest(t, { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"] })));

    await expect(generating).rejects.toMatchObject({ code: "GENERATION_FAILED", clientMayRetry: true });
    expect(calls).toBe(2);
    const errors = pusher.framesTo(t.connectionId).filter((frame) => frame.type === "error");
    expect(errors.map((frame) => frame.payload.personaId)).toEqual(["courage"]);
  });

  it("ends a turn whose prompt the model refused for what it holds with REPLY_REFUSED, without asking the teen to send it again", async () => {
    const generating = generator({ model: refusing })(delivered(messageScreenedRequest(t)));

    await expect(generating).rejects.toMatchObject({ code: "REPLY_REFUSED", clientMayRetry: false, retryable: false, deadLetter: false });
  });

  it("closes a group persona whose prompt was refused with REPLY_REFUSED, and one whose models failed with GENERATION_FAILED", async () => {
    const offline = createChatModel({});
    let calls = 0;
    const refusesFirstFailsSecond: ReplyModel = {
      ...offline,
      generate: (prompt, options) => {
        calls += 1;
        if (calls === 1) return refusing.generate(prompt, options);
        return calls === 2 ? unavailable.generate(prompt, options) : offline.generate(prompt, options);
      },
    };

    await generator({ model: refusesFirstFailsSecond })(delivered(messageScreenedRequest(t, { content: "@courage @comfort @compass hi all", personaIds: ["courage", "comfort", "compass"] })));

    expect(publisher.ofType("ReplyGenerated").map((e) => e.data.personaId)).toEqual(["compass"]);
    const errors = pusher.framesTo(t.connectionId).filter((frame) => frame.type === "error");
    expect(errors.map((frame) => [frame.payload.personaId, frame.payload.code, frame.payload.retryable])).toEqual([
      ["courage", "REPLY_REFUSED", false],
      ["comfort", "GENERATION_FAILED", false],
    ]);
  });

  it("fails a group turn every persona of which was refused with REPLY_REFUSED, and one with any persona's models down with GENERATION_FAILED", async () => {
    const group = { content: "@courage @comfort hi both", personaIds: ["courage", "comfort"] };
    await expect(generator({ model: refusing })(delivered(messageScreenedRequest(t, group)))).rejects.toMatchObject({ code: "REPLY_REFUSED", clientMayRetry: false });

    let calls = 0;
    const refusesFirstOnly: ReplyModel = { ...unavailable, generate: (prompt, options) => (++calls === 1 ? refusing.generate(prompt, options) : unavailable.generate(prompt, options)) };
    const later = turn({ sessionId: t.sessionId, connectionId: t.connectionId, seq: 2 });
    await expect(generator({ model: refusesFirstOnly })(delivered(messageScreenedRequest(later, group)))).rejects.toMatchObject({ code: "GENERATION_FAILED", clientMayRetry: true });
  });

  it("draws on the last historyTurns turns however many personas answered each", async () => {
    const group = ["courage", "comfort", "compass"];
    for (let seq = 1; seq <= 5; seq += 1) {
      const base = { sessionId: t.sessionId, seq, messageId: `m${seq}`, userId: t.userId };
      await messages.putOnce({ ...base, personaId: "courage", role: "user", content: `question ${seq}`, status: "delivered" });
      for (const [index, personaId] of group.entries()) {
        await messages.putOnce({ ...base, personaId, role: "assistant", content: `answer ${seq} from ${personaId}.`, status: "delivered", replyIndex: index });
      }
    }
    const { model, prompts } = promptRecording();

    await generator({ model, historyTurns: 3 })(delivered(messageScreenedRequest(turn({ sessionId: t.sessionId, connectionId: t.connectionId, seq: 6 }), { content: "@courage hi", personaIds: group })));

    const prompt = prompts[0]?.join("\n") ?? "";
    for (const seq of [3, 4, 5]) expect(prompt).toContain(`question ${seq}`);
    expect(prompt).toContain("answer 3 from courage.");
    expect(prompt).not.toContain("question 2");
    expect(prompt).not.toContain("answer 2 from");
  });

  it("asks a persona's own model only while the allowed list still names it", async () => {
    const courage = await personas.get("courage");
    if (!courage) throw new Error("courage is a built-in");
    await personas.put({ ...courage, personaId: "own-persona", builtIn: false, ownerId: t.userId, model: { ...courage.model, model: "costly-model" } });
    const asked: (string | undefined)[] = [];
    const offline = createChatModel({});
    const recording: ReplyModel = { ...offline, generate: (prompt, options) => (asked.push(options?.settings?.model), offline.generate(prompt, options)) };

    await generator({ model: recording, personaModels: ["costly-model"] })(delivered(messageScreenedRequest(turn({ ...t, personaId: "own-persona" }))));
    await generator({ model: recording, personaModels: ["gpt-test"] })(delivered(messageScreenedRequest(turn({ sessionId: t.sessionId, connectionId: t.connectionId, personaId: "own-persona", seq: 4 }))));

    expect(asked).toEqual(["costly-model", undefined]);
  });

  it("cuts a reply from a model that ignores its token limit at the persona's length, and stops streaming there", async () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `This is sentence number ${i + 1} of a reply that goes on and on.`);
    const limit = replyCharLimit(220);

    await generator({ model: streaming(sentences) })(delivered(messageScreenedRequest(t, { stream: true })));

    const text = String(publisher.ofType("ReplyGenerated")[0]?.data.text);
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text.length).toBeGreaterThan(limit / 2);
    expect(text).toMatch(/on and on\.$/);
    const chunks = pusher.framesTo(t.connectionId).filter((frame) => frame.type === "stream_chunk");
    expect(chunks.length).toBeLessThan(40);
    expect(chunks.map((frame) => frame.payload.text).join(" ")).toBe(text);
  });

  it("ends a turn whose persona was deleted meanwhile with PERSONA_DELETED, which the client cannot fix by sending again and an operator has nothing to redrive", async () => {
    await expect(generator()(delivered(messageScreenedRequest(turn({ personaId: "persona-deleted" }))))).rejects.toMatchObject({
      code: "PERSONA_DELETED",
      retryable: false,
      clientMayRetry: false,
      deadLetter: false,
    });
    expect(publisher.published).toEqual([]);
  });

  it("lets the personas of a group that still exist answer when one of them was deleted meanwhile", async () => {
    await generator()(delivered(messageScreenedRequest(t, { content: "@courage @comfort hi both", personaIds: ["courage", "persona-deleted", "comfort"] })));

    expect(publisher.ofType("ReplyGenerated").map((e) => e.data.personaId)).toEqual(["courage", "comfort"]);
  });

  it("ends a group turn whose every persona was deleted meanwhile with PERSONA_DELETED", async () => {
    const gone = messageScreenedRequest(t, { content: "hi all", personaIds: ["persona-deleted", "persona-also-deleted"] });

    await expect(generator()(delivered(gone))).rejects.toMatchObject({ code: "PERSONA_DELETED" });
    expect(publisher.published).toEqual([]);
  });

  describe("the resource line after a crisis", () => {
    // A message read as ordinary after a crisis earlier in the session: answered, then the teen is asked how they are now.
    const afterCrisis = { action: "allow" as const, categories: [], level: "concern" as const, category: "passive_ideation", decidedBy: "earlier_crisis" as const };
    const checkIn = (locale = "en-US", data: Partial<EventData<"MessageScreened">> = {}) =>
      delivered(messageScreenedRequest(t, { content: "can we talk about something else", verdict: afterCrisis, locale, ...data }));
    const published = () => publisher.ofType("ReplyGenerated").map((e) => e.data);

    it("puts the soft line under the first check-in and records its kind on ReplyGenerated", async () => {
      await earlier(2, "how was your weekend", "Pretty calm. How about yours?");

      await generator()(checkIn());

      const [reply] = published();
      expect(reply).toMatchObject({ resourceLine: softResourceLine("en-US"), resourceLineKind: "soft" });
      expect(reply?.text.endsWith(`\n\n${softResourceLine("en-US")}`)).toBe(true);
    });

    it("leaves the line out after a reply recorded with it, though the teen's locale changed since", async () => {
      // Shown in Spanish; the teen's next turn comes in English, whose line that reply's text does not hold.
      await earlier(2, "ok", `Aquí sigo contigo.\n\n${softResourceLine("es-MX")}`, { resourceLineKind: "soft" });

      await generator()(checkIn("en-US"));

      const [reply] = published();
      expect(reply?.resourceLine).toBeUndefined();
      expect(reply?.resourceLineKind).toBeUndefined();
      expect(reply?.text).not.toContain(softResourceLine("en-US"));
    });

    it("shows the line again after a reply that only quotes its words, not recorded with it", async () => {
      // The persona repeated the line in its own words (or the reply was kept before the line was recorded): not shown by us.
      await earlier(2, "what was that number again", `You asked for it: ${softResourceLine("en-US")}`);

      await generator()(checkIn("en-US"));

      expect(published()[0]).toMatchObject({ resourceLine: softResourceLine("en-US"), resourceLineKind: "soft" });
    });

    it("shows the teen's own line after a reply that carried the line for someone they know", async () => {
      await earlier(2, "my friend said she wants to die", `Thank you for telling me.\n\n${worriedAboutSomeoneLine("en-US")}`, { resourceLineKind: "someone_at_risk" });

      await generator()(checkIn("en-US"));

      expect(published()[0]).toMatchObject({ resourceLineKind: "soft" });
    });

    it("leaves the line out in a group whose turn before carried it on its first reply, not its last", async () => {
      const base = { sessionId: t.sessionId, seq: 2, messageId: "m2", userId: t.userId, personaId: "courage" };
      await messages.putOnce({ ...base, role: "user", content: "ok", status: "delivered" });
      await messages.putOnce({ ...base, role: "assistant", content: `I'm glad you're here.\n\n${softResourceLine("en-US")}`, status: "delivered", resourceLineKind: "soft" });
      await messages.putOnce({ ...base, personaId: "comfort", replyIndex: 1, role: "assistant", content: "Me too.", status: "delivered" });

      await generator()(checkIn("en-US", { personaIds: ["courage", "comfort"] }));

      expect(published().length).toBeGreaterThan(0);
      expect(published().every((reply) => reply.resourceLineKind === undefined && !reply.text.includes(softResourceLine("en-US")))).toBe(true);
    });
  });

  it("refuses a screened message that carries no content", async () => {
    await expect(generator()(delivered(messageScreenedRequest(t, { content: undefined })))).rejects.toMatchObject({ code: "GENERATION_FAILED" });
    expect(publisher.published).toEqual([]);
  });
});
