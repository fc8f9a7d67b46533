// The LLM extractor against a real local OpenAI-compatible server: structured output request, user-only prompt, normalisation, retries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExtractor, isExtractionFailedError, RECORD_USER_GRAPH, type CreateExtractorOptions, type TranscriptMessage } from "../../src/extraction";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer, type RecordedRequest } from "@innerworld/emulators/model-server";

const MODEL = "extractor-model";
const referenceDate = new Date("2026-11-18T16:00:00.000Z");

const transcript: TranscriptMessage[] = [
  { role: "user", content: "I have a math test on Friday and I'm so nervous", createdAt: "2026-11-18T15:58:00.000Z" },
  { role: "assistant", content: "Captain Nova here! Have you tried asking Professor Zorblax for help?", createdAt: "2026-11-18T15:58:05.000Z" },
  { role: "user", content: "my mum says I should study with Jordan", createdAt: "2026-11-18T15:59:00.000Z" },
  { role: "user", content: "also i quit soccer lol", createdAt: "2026-11-18T15:59:30.000Z" },
];

/** What a model answers: untidy on purpose (odd casing, padding, a synonym type, an unknown type, a dangling relation). */
const ANSWER = {
  entities: [
    { type: "event", name: "  math test ", aliases: null, attributes: [{ key: "date", value: "2026-11-20" }] },
    { type: "Emotion", name: "nervous", aliases: [], attributes: null },
    { type: "PERSON", name: "Mum", aliases: ["my mum"], attributes: [{ key: "relation", value: "parent" }] },
    { type: "Person", name: "Jordan", aliases: null, attributes: null },
    { type: "Activity", name: "soccer", aliases: null, attributes: null },
    { type: "Spaceship", name: "USS Homework", aliases: null, attributes: null },
  ],
  relations: [
    { type: "temporal", from: "user", to: "math test", time: "2026-11-20", ended: null },
    { type: "feltDuring", from: "User", to: "nervous", time: null, ended: null },
    { type: "about", from: "nervous", to: "math test", time: null, ended: null },
    { type: "mentions", from: "user", to: "my mum", time: "not a date", ended: false },
    { type: "mentions", from: "user", to: "Jordan", time: null, ended: null },
    { type: "involves", from: "user", to: "soccer", time: null, ended: true },
    { type: "mentions", from: "user", to: "USS Homework", time: null, ended: null },
    { type: "befriends", from: "user", to: "Jordan", time: null, ended: null },
  ],
};

let server: OpenAiCompatibleServer;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer({ behaviours: { [MODEL]: { reply: JSON.stringify(ANSWER) } } });
});

afterEach(async () => {
  await server.close();
});

/**
 * A ChatOpenAI pointed at the server, built by createExtractor (the memory package does not depend on
 * @langchain/openai). Its own transport retries are off, so every request the server sees is the extractor's.
 */
function llmExtractor(options: CreateExtractorOptions = {}) {
  return createExtractor({ baseUrl: server.baseUrl, model: MODEL, maxRetries: 0, timeoutMs: 10_000 }, options);
}

const chatRequests = (): RecordedRequest[] => server.requestsFor(MODEL);

describe("the LLM extractor against a local OpenAI-compatible server", () => {
  it("is named after the model and asks for strict structured output named record_user_graph", async () => {
    // Prepare
    const extractor = llmExtractor();

    // Act
    await extractor.extract(transcript, { referenceDate });

    // Assess
    expect(extractor.name).toBe(MODEL);
    const [request] = chatRequests();
    const body = request?.body as { response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: { required?: string[] } } } };
    expect(body.response_format?.type).toBe("json_schema");
    expect(body.response_format?.json_schema?.name).toBe(RECORD_USER_GRAPH);
    expect(body.response_format?.json_schema?.strict).toBe(true);
    expect(body.response_format?.json_schema?.schema?.required).toEqual(["entities", "relations"]);
  });

  it("sends the model only the user's messages, with the date to resolve relative dates against", async () => {
    // Prepare
    const extractor = llmExtractor();

    // Act
    await extractor.extract(transcript, { referenceDate });

    // Assess
    const messages = chatRequests()[0]?.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    const sent = JSON.stringify(messages);
    expect(sent).not.toContain("Zorblax");
    expect(sent).not.toContain("Captain Nova");
    expect(sent).toContain("I have a math test on Friday");
    expect(sent).toContain("i quit soccer");
    const system = String(messages[0]?.content);
    expect(system).toContain("Wednesday 2026-11-18");
    expect(system).toMatch(/only the teen's own messages/i);
    // Each message says when it was sent, on the teen's clock: its dates count from there.
    expect(String(messages[1]?.content)).toContain("[Wednesday 2026-11-18 15:58] I have a math test on Friday");
  });

  it("validates and normalises the answer: names trimmed, types coerced, unknown types and dangling relations dropped", async () => {
    // Prepare
    const extractor = llmExtractor();

    // Act
    const extraction = await extractor.extract(transcript, { referenceDate });

    // Assess
    expect(extraction.entities.map((entity) => [entity.type, entity.name])).toEqual([
      ["Event", "math test"],
      ["Feeling", "nervous"],
      ["Person", "Mum"],
      ["Person", "Jordan"],
      ["Activity", "soccer"],
    ]);
    expect(extraction.entities.find((entity) => entity.name === "Mum")?.attributes).toEqual({ relation: "parent" });
    expect(extraction.relations).toEqual([
      { type: "temporal", from: "user", to: "math test", time: "2026-11-20" },
      { type: "felt_during", from: "user", to: "nervous" },
      { type: "about", from: "nervous", to: "math test" },
      { type: "mentions", from: "user", to: "Mum" },
      { type: "mentions", from: "user", to: "Jordan" },
      { type: "involves", from: "user", to: "soccer", ended: true },
    ]);
  });

  it("mines a session too long for one prompt in several, newest first, and puts the answers together oldest first", async () => {
    // Prepare: room for the two last messages together (38 + 22 characters), not for the first with them.
    let served = 0;
    server.setBehaviour(MODEL, {
      reply: () =>
        JSON.stringify(
          served++ === 0
            ? { entities: [{ type: "Activity", name: "soccer", aliases: null, attributes: null }], relations: [{ type: "involves", from: "user", to: "soccer", time: null, ended: true }] }
            : { entities: [{ type: "Event", name: "math test", aliases: null, attributes: null }], relations: [{ type: "temporal", from: "user", to: "math test", time: "2026-11-20", ended: null }] },
        ),
    });
    const extractor = llmExtractor({ maxPromptChars: 60 });

    // Act
    const extraction = await extractor.extract(transcript, { referenceDate });

    // Assess
    const prompts = chatRequests().map((request) => String(request.messages?.[1]?.content));
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain("my mum says I should study with Jordan");
    expect(prompts[0]).toContain("also i quit soccer lol");
    expect(prompts[0]).not.toContain("math test");
    expect(prompts[1]).toContain("I have a math test on Friday");
    expect(extraction.entities.map((entity) => entity.name)).toEqual(["math test", "soccer"]);
    expect(extraction.messagesLeftOut).toBeUndefined();
  });

  it("mines no further prompt once the caller's time has run out, and says how many messages it left out", async () => {
    // Prepare
    const extractor = llmExtractor({ maxPromptChars: 60 });

    // Act: no time left after the newest prompt.
    const extraction = await extractor.extract(transcript, { referenceDate, timeLeftMs: () => 0 });

    // Assess
    expect(chatRequests()).toHaveLength(1);
    expect(String(chatRequests()[0]?.messages?.[1]?.content)).toContain("also i quit soccer lol");
    expect(extraction.messagesLeftOut).toBe(1);
    expect(extraction.entities).toHaveLength(5);
  });

  it("asks again once after an answer that is not valid for the schema", async () => {
    // Prepare
    let served = 0;
    server.setBehaviour(MODEL, { reply: () => (served++ === 0 ? "Sure! Here are the entities: Jordan, soccer." : JSON.stringify(ANSWER)) });
    const extractor = llmExtractor();

    // Act
    const extraction = await extractor.extract(transcript, { referenceDate });

    // Assess
    expect(chatRequests()).toHaveLength(2);
    expect(extraction.entities).toHaveLength(5);
  });

  it("gives up with ExtractionFailedError when the retries are used up", async () => {
    // Prepare
    server.setBehaviour(MODEL, { reply: JSON.stringify({ entities: [{ type: "Person" }], relations: [] }) });
    const extractor = llmExtractor({ maxRetries: 0 });

    // Act
    const failure = await extractor.extract(transcript, { referenceDate }).catch((error: unknown) => error);

    // Assess
    expect(isExtractionFailedError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: "EXTRACTION_FAILED", extractor: MODEL, attempts: 1 });
    expect(chatRequests()).toHaveLength(1);
  });

  it("does not re-ask after a failed call: transport retries belong to the model client", async () => {
    // Prepare
    server.setBehaviour(MODEL, { fail: { status: 500 } });
    const extractor = llmExtractor({ maxRetries: 3 });

    // Act
    const failure = await extractor.extract(transcript, { referenceDate }).catch((error: unknown) => error);

    // Assess
    expect(isExtractionFailedError(failure)).toBe(true);
    expect(chatRequests()).toHaveLength(1);
  });

  it("does not call the model for a transcript with nothing from the user", async () => {
    // Prepare
    const extractor = llmExtractor();
    const onlyAssistant: TranscriptMessage[] = [{ role: "assistant", content: "Hi! I'm Captain Nova.", createdAt: "2026-11-18T15:00:00.000Z" }];

    // Act
    const extraction = await extractor.extract(onlyAssistant, { referenceDate });

    // Assess
    expect(extraction).toEqual({ entities: [], relations: [] });
    expect(chatRequests()).toHaveLength(0);
  });
});
