// createChatModel against a real local OpenAI-compatible server: prompts, streaming, fallbacks, circuit breakers, timeouts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChatModel, isModelUnavailableError, isReplyRefusedError, modelConfigFromEnv, type ModelConfig, type ReplySentence } from "@innerworld/chat-model/models";
import { getPersona } from "@innerworld/chat-model/personas";
import { buildPrompt } from "@innerworld/chat-model/prompt";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";

const courage = getPersona("courage");
const prompt = buildPrompt({
  persona: courage,
  contextBlock: "- Goal: make the varsity soccer team\n- Person: Maya (best friend)",
  history: [
    { role: "user", content: "tryouts are on friday" },
    { role: "assistant", content: "That takes guts! How are you feeling about it?" },
  ],
  userMessage: "kinda nervous tbh",
  tokenBudget: 4000,
});
const REPLY = "You've trained hard for this, Dr. Maya would agree! Nerves mean you care. What's one warm-up that calms you down?";

let server: OpenAiCompatibleServer;
const clock = { now: 0 };

beforeEach(async () => {
  clock.now = 0;
  server = await startOpenAiCompatibleServer({
    behaviours: { primary: { reply: REPLY }, backup: { reply: "Backup here. Deep breaths help. Want to try one together?" } },
  });
});

afterEach(async () => {
  await server.close();
});

/**
 * Each model's deadline where the deadline is not what a test is about: far beyond what a local answer takes on a busy
 * machine, so only a model that never answers runs into it.
 */
const ROOMY_TIMEOUT_MS = 15_000;
/**
 * The deadline the timeout tests give every model: it must expire on the primary, scripted to stay silent for a
 * minute, yet leave the backup room to answer on a loaded machine, since the backup gets the same deadline.
 */
const SHORT_TIMEOUT_MS = 3_000;
const SILENT_MS = 60_000;

function model(overrides: Partial<ModelConfig> = {}) {
  return createChatModel(
    { baseUrl: server.baseUrl, apiKey: "sk-local", model: "primary", fallbackModels: ["backup"], maxRetries: 0, timeoutMs: ROOMY_TIMEOUT_MS, ...overrides },
    { now: () => clock.now },
  );
}

async function collect(stream: AsyncIterable<ReplySentence>): Promise<ReplySentence[]> {
  const sentences: ReplySentence[] = [];
  for await (const sentence of stream) sentences.push(sentence);
  return sentences;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("createChatModel against an OpenAI-compatible endpoint", () => {
  it("sends the built prompt and returns the reply with the server's usage", async () => {
    const result = await model().generate(prompt.messages, { settings: courage.model });

    const [request] = server.requestsFor("primary");
    expect(result).toMatchObject({ text: REPLY, model: "primary", fallbackUsed: false });
    expect(result.usage).toEqual({
      inputTokens: request?.response?.usage?.prompt_tokens,
      outputTokens: request?.response?.usage?.completion_tokens,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(request?.headers.authorization).toBe("Bearer sk-local");
    expect(request?.body).toMatchObject({ temperature: courage.model.temperature, max_tokens: courage.model.maxTokens, stream: false });
    expect(request?.messages?.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(request?.messages?.[0]?.content).toContain(courage.voice);
    expect(request?.messages?.[0]?.content).toContain("<user_context>\n- Goal: make the varsity soccer team");
    expect(request?.messages?.at(-1)?.content).toBe("kinda nervous tbh");
    expect(server.requestsFor("backup")).toEqual([]);
  });

  it("reads its configuration from the environment", async () => {
    const config = modelConfigFromEnv({
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL: "primary",
      INNERWORLD_FALLBACK_MODELS: "backup",
      INNERWORLD_MODEL_TIMEOUT_MS: String(ROOMY_TIMEOUT_MS),
    });

    const result = await createChatModel(config).generate(prompt.messages);

    expect(result.model).toBe("primary");
    expect(server.requestsFor("primary")[0]?.headers.authorization).toBe("Bearer not-needed");
  });

  it("streams sentences in order, then the result with the usage from the final chunk", async () => {
    server.setBehaviour("primary", { reply: REPLY, chunkDelayMs: 2 });

    const stream = model().stream(prompt.messages);
    const sentences = await collect(stream);
    const result = await stream.result;

    expect(sentences).toEqual([
      { sentence: "You've trained hard for this, Dr. Maya would agree!", index: 0 },
      { sentence: "Nerves mean you care.", index: 1 },
      { sentence: "What's one warm-up that calms you down?", index: 2 },
    ]);
    const [request] = server.requestsFor("primary");
    expect(request?.stream).toBe(true);
    expect(request?.body).toMatchObject({ stream_options: { include_usage: true } });
    expect(result).toMatchObject({ text: REPLY, model: "primary", fallbackUsed: false });
    expect(result.usage).toEqual({
      inputTokens: request?.response?.usage?.prompt_tokens,
      outputTokens: request?.response?.usage?.completion_tokens,
    });
  });

  it("falls back when the primary fails, and says so", async () => {
    server.setBehaviour("primary", { fail: { status: 500 } });

    const result = await model().generate(prompt.messages);
    const stream = model().stream(prompt.messages);
    const sentences = await collect(stream);

    expect(result).toMatchObject({ model: "backup", fallbackUsed: true, text: "Backup here. Deep breaths help. Want to try one together?" });
    expect(sentences.map((s) => s.sentence)).toEqual(["Backup here.", "Deep breaths help.", "Want to try one together?"]);
    expect(await stream.result).toMatchObject({ model: "backup", fallbackUsed: true });
    expect(server.requestsFor("primary")).toHaveLength(2);
    expect(server.requestsFor("backup")[0]?.messages).toEqual(server.requestsFor("primary")[0]?.messages);
  });

  it("treats an empty reply as a failure and falls back", async () => {
    server.setBehaviour("primary", { reply: "" });

    const result = await model().generate(prompt.messages);
    const stream = model().stream(prompt.messages);
    await collect(stream);

    expect(result).toMatchObject({ model: "backup", fallbackUsed: true });
    expect(await stream.result).toMatchObject({ model: "backup", fallbackUsed: true });
  });

  it("retries a model up to maxRetries before falling back", async () => {
    server.setBehaviour("primary", { fail: { status: 503, times: 1 }, reply: "Second try worked." });

    // The client waits 1–2 s (randomised backoff) before its retry, inside the model's deadline: the roomy one leaves room for it.
    const result = await model({ maxRetries: 1 }).generate(prompt.messages);

    expect(result).toMatchObject({ model: "primary", fallbackUsed: false, text: "Second try worked." });
    expect(server.requestsFor("primary").map((request) => request.response?.status)).toEqual([503, 200]);
    expect(server.requestsFor("backup")).toEqual([]);
  });

  it("opens the primary's circuit after the threshold, stops calling it, and tries it again after resetMs", async () => {
    server.setBehaviour("primary", { fail: { status: 500 } });
    const replies = model({ circuitBreaker: { failureThreshold: 2, resetMs: 30_000 } });

    await replies.generate(prompt.messages);
    await replies.generate(prompt.messages);
    expect(replies.circuitStates().primary).toBe("open");
    const whileOpen = [await replies.generate(prompt.messages), await replies.generate(prompt.messages)];
    for await (const _sentence of replies.stream(prompt.messages)) void _sentence;

    expect(server.requestsFor("primary")).toHaveLength(2);
    expect(whileOpen.every((result) => result.model === "backup" && result.fallbackUsed)).toBe(true);

    // After resetMs one trial goes through; the primary has recovered, so the circuit closes.
    server.setBehaviour("primary", { reply: REPLY });
    clock.now = 30_000;
    const recovered = await replies.generate(prompt.messages);

    expect(recovered).toMatchObject({ model: "primary", fallbackUsed: false });
    expect(server.requestsFor("primary")).toHaveLength(3);
    expect(replies.circuitStates().primary).toBe("closed");
  });

  it("reopens the circuit when the half-open trial fails", async () => {
    server.setBehaviour("primary", { fail: { status: 500 } });
    const replies = model({ circuitBreaker: { failureThreshold: 1, resetMs: 1000 } });
    await replies.generate(prompt.messages);

    clock.now = 1000;
    await replies.generate(prompt.messages);
    await replies.generate(prompt.messages);

    expect(server.requestsFor("primary")).toHaveLength(2);
    expect(replies.circuitStates().primary).toBe("open");
  });

  it("throws a retryable ModelUnavailableError when every model fails, then fails fast while circuits are open", async () => {
    server.setBehaviour("primary", { fail: { status: 500 } });
    server.setBehaviour("backup", { fail: { status: 429 } });
    const replies = model({ circuitBreaker: { failureThreshold: 1, resetMs: 60_000 } });

    const error = await rejection(replies.generate(prompt.messages));
    const fast = await rejection(replies.generate(prompt.messages));
    const stream = replies.stream(prompt.messages);
    const streamError = await rejection(collect(stream));

    expect(isModelUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "MODEL_UNAVAILABLE",
      retryable: true,
      attempts: [
        { model: "primary", outcome: "failed", status: 500 },
        { model: "backup", outcome: "failed", status: 429 },
      ],
    });
    expect(fast).toMatchObject({ attempts: [{ model: "primary", outcome: "circuit-open" }, { model: "backup", outcome: "circuit-open" }] });
    expect(isModelUnavailableError(streamError)).toBe(true);
    await expect(stream.result).rejects.toBe(streamError);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up on a model that does not answer within timeoutMs and lets the fallback answer", async () => {
    server.setBehaviour("primary", { delayMs: SILENT_MS });

    // The backup answering is the proof: the primary would have answered had the call waited out its delay.
    const result = await model({ timeoutMs: SHORT_TIMEOUT_MS }).generate(prompt.messages);

    expect(result).toMatchObject({ model: "backup", fallbackUsed: true });
    expect(result.latencyMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 50);
  });

  it("reports timeouts as such when nothing answers in time", async () => {
    server.setBehaviour("primary", { delayMs: SILENT_MS });
    server.setBehaviour("backup", { delayMs: SILENT_MS });

    const error = await rejection(model({ timeoutMs: 200 }).generate(prompt.messages));

    expect(error).toMatchObject({ code: "MODEL_UNAVAILABLE", attempts: [{ outcome: "timeout" }, { outcome: "timeout" }] });
  });

  it("treats a stream that goes silent before its first sentence as a timeout and falls back", async () => {
    server.setBehaviour("primary", { reply: REPLY, chunkDelayMs: SILENT_MS });

    const stream = model({ timeoutMs: SHORT_TIMEOUT_MS }).stream(prompt.messages);
    const sentences = await collect(stream);

    // The backup's sentence coming first is the proof the silent primary was given up on.
    expect(sentences[0]?.sentence).toBe("Backup here.");
    expect(await stream.result).toMatchObject({ model: "backup", fallbackUsed: true });
  });

  it("does not switch models once a sentence was streamed: it fails with the partial text", async () => {
    server.setBehaviour("primary", { reply: "One. Two. Three.", dropAfterChunks: 4 });

    const stream = model().stream(prompt.messages);
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const { sentence } of stream) seen.push(sentence);
      })(),
    );

    expect(seen).toEqual(["One."]);
    expect(error).toMatchObject({ code: "MODEL_UNAVAILABLE", partialText: "One." });
    expect(server.requestsFor("backup")).toEqual([]);
  });

  it("stops at once when the caller aborts, without falling back or blaming the model", async () => {
    server.setBehaviour("primary", { delayMs: 10_000 });
    const replies = model({ circuitBreaker: { failureThreshold: 1, resetMs: 60_000 } });
    const controller = new AbortController();

    const pending = rejection(replies.generate(prompt.messages, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await pending;

    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requestsFor("backup")).toEqual([]);
    expect(replies.circuitStates().primary).toBe("closed");
  });

  it("stops the chain at a 400 refusing the request, without counting it against any model's circuit", async () => {
    server.setBehaviour("primary", { fail: { status: 400, code: "content_policy_violation", message: "Your request was rejected by our safety system." } });
    const replies = model({ circuitBreaker: { failureThreshold: 3, resetMs: 30_000 } });

    const refusals = [];
    for (let turn = 0; turn < 4; turn += 1) refusals.push(await rejection(replies.generate(prompt.messages)));
    const streamed = replies.stream(prompt.messages);
    const streamRefusal = await rejection(collect(streamed));

    expect(refusals.every(isReplyRefusedError)).toBe(true);
    expect(refusals[0]).toMatchObject({ code: "REPLY_REFUSED", retryable: false, reason: "content_policy_violation", attempts: [{ model: "primary", outcome: "failed", status: 400 }] });
    expect(isReplyRefusedError(streamRefusal)).toBe(true);
    // The same request would be refused by every model behind the endpoint: the fallback is never asked for it.
    expect(server.requestsFor("backup")).toEqual([]);
    // Five refused turns later, everyone else's turn still reaches the primary.
    expect(replies.circuitStates()).toEqual({ primary: "closed", backup: "closed" });
    server.setBehaviour("primary", { reply: REPLY });
    expect(await replies.generate(prompt.messages)).toMatchObject({ model: "primary", fallbackUsed: false });
  });

  it("falls back past a model the endpoint does not know (404), without opening its circuit", async () => {
    server.setBehaviour("primary", { fail: { status: 404, code: "model_not_found" } });
    const replies = model({ circuitBreaker: { failureThreshold: 1, resetMs: 30_000 } });

    const results = [await replies.generate(prompt.messages), await replies.generate(prompt.messages)];

    expect(results.map((result) => result.model)).toEqual(["backup", "backup"]);
    expect(server.requestsFor("primary")).toHaveLength(2);
    expect(replies.circuitStates().primary).toBe("closed");
  });

  it("counts a stream that closes without a finish reason as failed: falls back while nothing was shown", async () => {
    server.setBehaviour("primary", { reply: "Half a thought that never", endWithoutFinish: true });
    const replies = model({ circuitBreaker: { failureThreshold: 1, resetMs: 30_000 } });

    const stream = replies.stream(prompt.messages);
    const sentences = await collect(stream);

    expect(sentences.map((s) => s.sentence)).toEqual(["Backup here.", "Deep breaths help.", "Want to try one together?"]);
    expect(await stream.result).toMatchObject({ model: "backup", fallbackUsed: true });
    expect(replies.circuitStates().primary).toBe("open");
  });

  it("fails a stream that closes without a finish reason after a sentence was shown, with the partial text", async () => {
    server.setBehaviour("primary", { reply: "One. Two. Three", endWithoutFinish: true });

    const stream = model().stream(prompt.messages);
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const { sentence } of stream) seen.push(sentence);
      })(),
    );

    expect(seen).toEqual(["One.", "Two."]);
    expect(error).toMatchObject({ code: "MODEL_UNAVAILABLE", partialText: "One. Two." });
    await expect(stream.result).rejects.toBe(error);
    expect(server.requestsFor("backup")).toEqual([]);
  });

  it("keeps a reply cut by its token limit up to its last whole sentence, streamed or whole", async () => {
    server.setBehaviour("primary", { reply: "That takes guts. I think you should really try the", finishReason: "length" });

    const whole = await model().generate(prompt.messages);
    const stream = model().stream(prompt.messages);
    const sentences = await collect(stream);

    expect(whole).toMatchObject({ text: "That takes guts.", model: "primary" });
    expect(sentences).toEqual([{ sentence: "That takes guts.", index: 0 }]);
    expect(await stream.result).toMatchObject({ text: "That takes guts.", model: "primary" });
  });

  it("ends a reply cut before its first sentence ended at its last whole word", async () => {
    server.setBehaviour("primary", { reply: "I think you should really try the", finishReason: "length" });

    const whole = await model().generate(prompt.messages);
    const stream = model().stream(prompt.messages);
    const sentences = await collect(stream);

    expect(whole.text).toBe("I think you should really try…");
    expect(sentences.map((s) => s.sentence)).toEqual(["I think you should really try…"]);
  });

  it("treats a reply the content filter stopped as no reply: the fallback answers", async () => {
    server.setBehaviour("primary", { reply: "Something the filter caught", finishReason: "content_filter" });

    const whole = await model().generate(prompt.messages);
    const stream = model().stream(prompt.messages);
    const sentences = await collect(stream);

    expect(whole).toMatchObject({ model: "backup", fallbackUsed: true });
    expect(sentences[0]?.sentence).toBe("Backup here.");
    expect(await stream.result).toMatchObject({ model: "backup", fallbackUsed: true });
  });

  it("never calls the endpoint when none is configured", async () => {
    const result = await createChatModel({}).generate(prompt.messages);

    expect(result.model).toBe("offline");
    expect(server.requests).toEqual([]);
  });
});
