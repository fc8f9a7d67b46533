import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MODERATION_MODEL, createInMemoryModeration, createOpenAiModeration, isModerationError, screenInput, screenOutput, screenWithModeration } from "./index";

// The category keys omni-moderation-latest answers with, all false; a test switches some on.
const OPENAI_CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;

function moderationResponse(flaggedCategories: readonly string[]) {
  const categories = Object.fromEntries(OPENAI_CATEGORIES.map((name) => [name, flaggedCategories.includes(name)]));
  const scores = Object.fromEntries(OPENAI_CATEGORIES.map((name) => [name, flaggedCategories.includes(name) ? 0.93 : 0.0004]));
  const inputTypes = Object.fromEntries(OPENAI_CATEGORIES.map((name) => [name, flaggedCategories.includes(name) ? ["text"] : []]));
  return {
    id: "modr-970d409ef3bef3b70c73d8232df86e7d",
    model: "omni-moderation-latest",
    results: [{ flagged: flaggedCategories.length > 0, categories, category_scores: scores, category_applied_input_types: inputTypes }],
  };
}

interface RecordedRequest {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: { model?: string; input?: string };
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let requests: RecordedRequest[];
let handler: Handler;

beforeAll(async () => {
  server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    let raw = "";
    incoming.setEncoding("utf8");
    incoming.on("data", (chunk: string) => (raw += chunk));
    incoming.on("end", () => {
      const request: RecordedRequest = { method: incoming.method, url: incoming.url, authorization: incoming.headers.authorization, body: JSON.parse(raw || "{}") };
      requests.push(request);
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
  handler = (_request, response) => sendJson(response, 200, moderationResponse([]));
});

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

describe("createOpenAiModeration against a server speaking /v1/moderations", () => {
  it("a flagged answer raises the local verdict and maps OpenAI's categories to ours", async () => {
    // Prepare: a message our lexicon does not know, which the endpoint reads as self-harm intent.
    handler = (_request, response) => sendJson(response, 200, moderationResponse(["self-harm", "self-harm/intent"]));
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl });
    const text = "im going to stop eating until i just fade out";
    const local = screenInput(text);

    // Act
    const verdict = await screenWithModeration(text, local, moderation);

    // Assess
    expect(local.action).toBe("allow");
    expect(verdict.action).toBe("crisis");
    expect(verdict.categories).toEqual(["crisis", "self_harm"]);
    expect(verdict.matches).toEqual([
      { category: "crisis", term: "moderation", ruleId: "moderation.openai.crisis" },
      { category: "self_harm", term: "moderation", ruleId: "moderation.openai.self_harm" },
    ]);
    expect(verdict.moderation).toEqual({ outcome: "flagged", categories: ["crisis", "self_harm"] });
    expect(requests).toEqual([{ method: "POST", url: "/v1/moderations", authorization: "Bearer sk-test-key", body: { model: MODERATION_MODEL, input: text } }]);
  });

  it("a flagged reply blocks, and keeps what the local rules found", async () => {
    handler = (_request, response) => sendJson(response, 200, moderationResponse(["harassment", "harassment/threatening"]));
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl: `${baseUrl}/` });
    const text = "Damn, people like you deserve what's coming.";
    const local = screenOutput(text);

    const verdict = await screenWithModeration(text, local, moderation, "output");

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toEqual(["harassment", "violence", "profanity"]);
    expect(verdict.matches.slice(0, local.matches.length)).toEqual(local.matches);
  });

  it("a clean answer keeps the local verdict: moderation never lowers it", async () => {
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl });
    const text = "wtf my teacher gave us three essays";
    const local = screenInput(text);

    const verdict = await screenWithModeration(text, local, moderation);

    expect(local.action).toBe("flag");
    expect(verdict).toEqual({ ...local, moderation: { outcome: "clean", categories: [] } });
    expect(requests).toHaveLength(1);
  });

  it("a 500 keeps the local verdict and records the failure", async () => {
    handler = (_request, response) => sendJson(response, 500, { error: { message: "The server had an error while processing your request.", type: "server_error" } });
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl });
    const text = "ur so annoying lol";
    const local = screenInput(text);

    const verdict = await screenWithModeration(text, local, moderation);

    expect(verdict.action).toBe(local.action);
    expect(verdict.categories).toEqual(local.categories);
    expect(verdict.matches).toEqual(local.matches);
    expect(verdict.moderation?.outcome).toBe("failed");
    expect(verdict.moderation?.error?.code).toBe("MODERATION_HTTP_ERROR");
    expect(verdict.moderation?.error?.message).toContain("500");
    const failure = await moderation.moderate(text).catch((error: unknown) => error);
    expect(isModerationError(failure) && failure.status).toBe(500);
  });

  it("a server that does not answer in time keeps the local verdict and records a timeout", async () => {
    handler = () => {
      // Never answer; the client must give up by itself.
    };
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl, timeoutMs: 150 });
    const text = "can you help me with my history essay";
    const local = screenInput(text);

    // The verdict's MODERATION_TIMEOUT is the proof that the client gave up by itself: a server that never answers
    // would otherwise hold the call until the test's own timeout.
    const verdict = await screenWithModeration(text, local, moderation);

    expect(verdict).toEqual({ ...local, moderation: { outcome: "failed", error: { code: "MODERATION_TIMEOUT", message: "moderation did not answer within 150 ms" } } });
    expect(requests).toHaveLength(1);
  });

  it("a server that sends headers and then stalls is a timeout too", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id":"modr-1","results":[');
    };
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl, timeoutMs: 150 });

    const failure = await moderation.moderate("hello").catch((error: unknown) => error);

    expect(isModerationError(failure) && failure.code).toBe("MODERATION_TIMEOUT");
  });

  it("an answer that is not OpenAI's shape is a bad response, and the local verdict stands", async () => {
    handler = (_request, response) => sendJson(response, 200, { ok: true });
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl });
    const local = screenInput("hello");

    const verdict = await screenWithModeration("hello", local, moderation);

    expect(verdict.action).toBe("allow");
    expect(verdict.moderation?.error?.code).toBe("MODERATION_BAD_RESPONSE");
  });

  it("an endpoint that refuses connections is unreachable, and the local verdict stands", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl: `http://127.0.0.1:${port}/v1` });

    const verdict = await screenWithModeration("hello", screenInput("hello"), moderation);

    expect(verdict.action).toBe("allow");
    expect(verdict.moderation?.error?.code).toBe("MODERATION_UNREACHABLE");
  });

  it("a local crisis is already the most severe verdict: moderation is not asked", async () => {
    const moderation = createOpenAiModeration({ apiKey: "sk-test-key", baseUrl });
    const local = screenInput("i want to kill myself");

    const verdict = await screenWithModeration("i want to kill myself", local, moderation);

    expect(verdict).toEqual({ ...local, moderation: { outcome: "skipped" } });
    expect(requests).toHaveLength(0);
  });
});

describe("screenWithModeration with other ports", () => {
  it("without a port, the local verdict stands and the skip is recorded", async () => {
    const local = screenInput("hello");

    expect(await screenWithModeration("hello", local)).toEqual({ ...local, moderation: { outcome: "skipped" } });
  });

  it("any thrown error keeps the local verdict", async () => {
    const moderation = createInMemoryModeration(() => new Error("socket hang up"));
    const local = screenInput("damn");

    const verdict = await screenWithModeration("damn", local, moderation);

    expect(verdict.action).toBe("flag");
    expect(verdict.moderation).toEqual({ outcome: "failed", error: { code: "MODERATION_UNREACHABLE", message: "socket hang up" } });
    expect(moderation.asked).toEqual(["damn"]);
  });

  it("sexual content involving minors from moderation blocks a teen's message", async () => {
    const moderation = createInMemoryModeration(() => ({ flagged: true, categories: ["sexual_minors"] }));

    const verdict = await screenWithModeration("…", screenInput("…"), moderation);

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toEqual(["sexual_minors"]);
  });
});
