// The local model server speaks the Chat Completions wire format, streaming included, and records what it received.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "../../src/model-server";

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}
interface CompletionJson {
  object: string;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: Usage;
}
interface ChunkJson {
  object: string;
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: Usage | null;
}
interface ErrorJson {
  error: { type: string; message: string };
}

let server: OpenAiCompatibleServer;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer({ behaviours: { "tiny-model": { reply: "Hello there. How are you?" } } });
});

afterEach(async () => {
  await server.close();
});

const completion = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** The `data:` payloads of an SSE body, in order. */
async function sseEvents(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((event) => event.trim().length > 0)
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      return event.slice("data: ".length);
    });
}

const messages = [
  { role: "system", content: "You are a test." },
  { role: "user", content: "hi!" },
];

describe("startOpenAiCompatibleServer", () => {
  it("listens on 127.0.0.1 with a /v1 base URL", () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it("answers a non-streaming completion in OpenAI's shape, with usage", async () => {
    const response = await completion({ model: "tiny-model", messages });
    const body = (await response.json()) as CompletionJson;

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ object: "chat.completion", model: "tiny-model" });
    expect(body.choices[0]).toMatchObject({ index: 0, message: { role: "assistant", content: "Hello there. How are you?" }, finish_reason: "stop" });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(server.requestsFor("tiny-model")[0]).toMatchObject({ stream: false, messages, response: { status: 200, usage: body.usage } });
  });

  it("streams deltas, then a finish chunk, then a usage chunk with no choices, then [DONE]", async () => {
    const response = await completion({ model: "tiny-model", messages, stream: true, stream_options: { include_usage: true } });
    const events = await sseEvents(response);

    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as ChunkJson);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    const content = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? "")).join("");
    expect(content).toBe("Hello there. How are you?");
    expect(chunks.filter((chunk) => chunk.choices.length > 1)).toEqual([]);
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(chunks.at(-1)).toMatchObject({ object: "chat.completion.chunk", choices: [] });
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it("sends no usage chunk unless asked for one", async () => {
    const events = await sseEvents(await completion({ model: "tiny-model", messages, stream: true }));

    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as ChunkJson);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !("usage" in chunk))).toBe(true);
  });

  it("fails a scripted number of times with the scripted status, then recovers", async () => {
    server.setBehaviour("flaky", { fail: { status: 503, times: 2 }, reply: "Back now." });

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await completion({ model: "flaky", messages })).status);
    const failed = (await (await completion({ model: "flaky", messages })).json()) as CompletionJson;

    expect(statuses).toEqual([503, 503, 200]);
    expect(failed.choices[0]?.message.content).toBe("Back now.");
    server.setBehaviour("down", { fail: { status: 500 } });
    const error = (await (await completion({ model: "down", messages })).json()) as ErrorJson;
    expect(error.error).toMatchObject({ type: "server_error" });
  });

  it("replies with a function of the request and lists scripted models", async () => {
    server.setBehaviour("echo", { reply: (request) => `You sent ${request.messages?.length} messages.` });

    const body = (await (await completion({ model: "echo", messages })).json()) as CompletionJson;
    const models = (await (await fetch(`${server.baseUrl}/models`)).json()) as { data: { id: string }[] };

    expect(body.choices[0]?.message.content).toBe("You sent 2 messages.");
    expect(models.data.map((model) => model.id)).toEqual(["echo", "tiny-model"]);
  });

  it("rejects malformed requests and unknown routes with OpenAI-style errors, and records them", async () => {
    const invalid = await fetch(`${server.baseUrl}/chat/completions`, { method: "POST", body: "{not json" });
    const missing = await completion({ model: "tiny-model" });
    const unknown = await fetch(`${server.baseUrl}/embeddings`, { method: "POST", body: "{}" });

    expect([invalid.status, missing.status, unknown.status]).toEqual([400, 400, 404]);
    expect(((await invalid.json()) as ErrorJson).error.type).toBe("invalid_request_error");
    expect(server.requests.map((request) => request.response?.status)).toEqual([400, 400, 404]);
  });

  it("requires the API key when given one", async () => {
    const guarded = await startOpenAiCompatibleServer({ apiKey: "sk-local" });
    try {
      const denied = await fetch(`${guarded.baseUrl}/chat/completions`, { method: "POST", body: JSON.stringify({ model: "m", messages }) });
      const allowed = await fetch(`${guarded.baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer sk-local" },
        body: JSON.stringify({ model: "m", messages }),
      });
      expect([denied.status, allowed.status]).toEqual([401, 200]);
    } finally {
      await guarded.close();
    }
  });

  it("closes promptly even while a scripted delay is pending", { timeout: 45_000 }, async () => {
    server.setBehaviour("slow", { delayMs: 60_000 });
    const pending = completion({ model: "slow", messages }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await server.close();
    server = await startOpenAiCompatibleServer();

    // Well under the 60 s the pending request was scripted to wait, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
