// The persona saga end to end: friends answer a survey, a persona is written and drawn, and its owner chats with it.
import { SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { localCredentials } from "@innerworld/emulators/net";
import { tapBus } from "@innerworld/testing/bus-tap";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFrom, networkOfFriend } from "./fromNetwork";

const OWNER = "teen-survey-owner";

describe("persona saga: a survey friends answer becomes a persona to chat with", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;
  let ownerToken: string;

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ defaultBehaviour: { reply: "Haha same, tell me more." } });
    Object.assign(process.env, {
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL_API_KEY: "test-key",
      INNERWORLD_MODEL: "chat-model",
      // Chat goes to the model server; the persona is written offline, so its traits are known to the test.
      INNERWORLD_SYNTHESISER: "offline",
    });
    env = await startTestCloud({ clock: clockStartingAt("2026-11-18T16:00:00Z") });
    ownerToken = await mintToken(env.cloud.endpoints, { sub: OWNER });
  });
  afterAll(async () => {
    await env.stop();
    await server.close();
  });

  const api = async (method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${env.cloud.endpoints.readApiUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: (text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  /** Each friend answers from a network of their own, as friends at home do; the same friend always from the same one. */
  const networks = new Map<string, string>();
  const answer = (surveyId: string, body: { respondentId: string; answers: { questionId: string; answer: string }[] }, headers: Record<string, string> = {}) => {
    const network = networks.get(body.respondentId) ?? networkOfFriend(networks.size);
    networks.set(body.respondentId, network);
    return callFrom(network, `${env.cloud.endpoints.readApiUrl}/surveys/${surveyId}/responses`, "POST", body, headers);
  };

  const friendAnswers = (friend: string, threeWords: string, passions: string, talk: string) => ({
    respondentId: `browser-${friend}-0001`,
    answers: [
      { questionId: "three_words", answer: threeWords },
      { questionId: "passions", answer: passions },
      { questionId: "talk_style", answer: talk },
    ],
  });

  const createSurvey = async (subjectName: string) => {
    const created = await api("POST", "/surveys", { subjectName }, ownerToken);
    expect(created.status).toBe(201);
    return created.json as { surveyId: string; shareUrl: string; questions: { id: string; text: string; kind: string }[] };
  };

  it("creates a survey, keeps three answers and drops an abusive one, writes and draws the persona, and lets its owner chat with it", { timeout: 60_000 }, async () => {
    const owner = await ChatClient.connect(env.cloud.endpoints, OWNER);
    const survey = await createSurvey("Maya");
    expect(survey.shareUrl).toMatch(new RegExp(`/surveys/${survey.surveyId}$`));

    // A friend sees the questions only.
    const publicView = await api("GET", `/surveys/${survey.surveyId}`);
    expect(publicView.status).toBe(200);
    expect(Object.keys(publicView.json).sort()).toEqual(["language", "questions", "subjectName", "surveyId"]);
    expect((publicView.json.questions as unknown[]).length).toBeGreaterThanOrEqual(3);

    expect((await answer(survey.surveyId, friendAnswers("ana", "funny, loyal and loud", "marine biology, anime", "playful and joking"))).status).toBe(202);
    // An abusive response: every answer dropped and counted, nothing kept, the friend still thanked.
    const abusive = await answer(survey.surveyId, { respondentId: "browser-troll-0001", answers: [{ questionId: "three_words", answer: "she is a stupid bitch" }, { questionId: "passions", answer: "nothing, kys" }] });
    expect(abusive.status).toBe(202);
    expect((await answer(survey.surveyId, friendAnswers("ben", "Loyal, creative, funny!!", "anime and drawing", "playful and joking"))).status).toBe(202);
    // A friend in crisis: the answer is dropped and counted, and the thanks carries the helplines.
    const worried = await answer(survey.surveyId, { respondentId: "browser-dee-0001", answers: [{ questionId: "three_words", answer: "honestly i want to kill myself tonight" }] }, { "accept-language": "en-US" });
    expect(worried.status).toBe(202);
    expect(JSON.stringify(worried.json.support)).toContain("988");
    // The same friend twice is refused.
    expect((await answer(survey.surveyId, friendAnswers("ben", "kind", "cats", "playful and joking"))).status).toBe(409);
    const owned = await api("GET", `/surveys/${survey.surveyId}`, undefined, ownerToken);
    expect(owned.json).toMatchObject({ status: "collecting", droppedCount: 3 });
    expect((await answer(survey.surveyId, friendAnswers("cleo", "kind and funny", "drawing, marine biology", "warm and encouraging"))).status).toBe(202);

    const ready = await until(async () => {
      const view = await api("GET", `/surveys/${survey.surveyId}`, undefined, ownerToken);
      return view.json.status === "ready" ? view.json : undefined;
    }, "the survey's persona to be ready", 20_000);
    expect(ready).toMatchObject({ responseCount: 3, droppedCount: 3 });
    const personaId = ready.personaId as string;

    const notice = await owner.waitFor("persona_ready", (p) => p.personaId === personaId);
    expect(notice.payload).toMatchObject({ surveyId: survey.surveyId, name: "Maya", portrait: true });

    const portrait = await api("GET", `/personas/${personaId}/portrait`, undefined, ownerToken);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get("content-type")).toBe("image/svg+xml");
    expect(portrait.text).toMatch(/^<svg[^>]*aria-label="Portrait of Maya"/);
    // Another user can neither see the persona's picture nor tell that it exists.
    expect((await api("GET", `/personas/${personaId}/portrait`, undefined, await mintToken(env.cloud.endpoints, { sub: "someone-else" }))).status).toBe(404);

    const persona = await api("GET", `/personas/${personaId}`, undefined, ownerToken);
    expect(persona.status).toBe(200);
    expect(persona.json).toMatchObject({ status: "ready" });

    server.requests.length = 0;
    const session = await owner.request("start_session", { personaId }, "session_started");
    await owner.request("message", { sessionId: session.payload.sessionId, content: "hey, what are you up to?" }, "reply");
    const system = server.requests.find((r) => r.messages)?.messages?.find((m) => m.role === "system")?.content ?? "";
    for (const trait of ["funny", "loyal"]) expect(system).toContain(trait);
    expect(system).toContain("marine biology");
    // Dropped answers never reach a model.
    expect(JSON.stringify(server.requests)).not.toMatch(/stupid|kys/);
    await owner.close();
  });

  it("asks a Spanish-speaking teen's friends in Spanish, thanks them in Spanish and writes the persona in Spanish", { timeout: 60_000 }, async () => {
    const ownerEs = await mintToken(env.cloud.endpoints, { sub: "teen-survey-es" });
    const created = await api("POST", "/surveys", { subjectName: "Ximena" }, ownerEs, { "accept-language": "es-MX,es;q=0.9" });
    expect(created.status).toBe(201);
    const surveyId = created.json.surveyId as string;
    const publicView = await api("GET", `/surveys/${surveyId}`);
    expect(publicView.json).toMatchObject({ language: "es", questions: expect.arrayContaining([expect.objectContaining({ id: "passions", text: "¿De qué podría hablar durante horas?" })]) });

    const thanks = [];
    for (const [friend, words, passions, talk] of [
      ["sofi", "chistosa, leal y ruidosa", "el fútbol y la música", "con bromas y mucha chispa"],
      ["dani", "Leal, creativa, ¡chistosa!", "de fútbol o de anime", "con bromas y mucha chispa"],
      ["vale", "amable y chistosa", "la música, el anime", "con cariño, dando ánimos"],
    ] as const) {
      const answered = await answer(surveyId, friendAnswers(`es-${friend}`, words, passions, talk));
      expect(answered.status).toBe(202);
      thanks.push(answered.json.message);
    }
    expect(new Set(thanks)).toEqual(new Set(["¡Gracias por responder! Tus palabras ayudan a crear algo que a tu amigo le va a encantar."]));

    const ready = await until(async () => {
      const view = await api("GET", `/surveys/${surveyId}`, undefined, ownerEs);
      return view.json.status === "ready" ? view.json : undefined;
    }, "the Spanish survey's persona to be ready", 20_000);
    const persona = await api("GET", `/personas/${ready.personaId as string}`, undefined, ownerEs);
    expect(persona.json).toMatchObject({ name: "Ximena", description: expect.stringMatching(/^Ximena, según 3 amistades: chistosa, leal/) });
    expect(JSON.stringify(persona.json)).toContain("Eres chistosa, leal");
    expect(JSON.stringify(persona.json)).not.toMatch(/You are|light up talking about|de fútbol/);
  });

  it("starts the saga exactly once when ten friends answer at the same moment", { timeout: 60_000 }, async () => {
    const tap = await tapBus(env, ["SurveyCompleted"]);
    const survey = await createSurvey("Leo");
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => answer(survey.surveyId, friendAnswers(`friend${i}`, "chill and honest", "skateboarding", "calm and thoughtful")).then((r) => r.status)),
    );
    expect(statuses).toEqual(Array(10).fill(202));
    // Every response counted by storage and the persona ready: any second SurveyCompleted would have been published by now.
    await until(async () => {
      const view = (await api("GET", `/surveys/${survey.surveyId}`, undefined, ownerToken)).json;
      return view.status === "ready" && view.responseCount === 10 ? true : undefined;
    }, "Leo's persona, with all ten responses counted", 30_000);
    await tap.waitFor("SurveyCompleted", (e) => (e.detail as { data: { surveyId: string } }).data.surveyId === survey.surveyId);
    const completed = tap.events.filter((e) => (e.detail as { data: { surveyId: string } }).data.surveyId === survey.surveyId);
    expect(completed).toHaveLength(1);
    await tap.close();
  });

  it("leaves a usable persona, without a portrait, when the portrait cannot be stored however often it is retried", { timeout: 60_000 }, async () => {
    const s3 = new S3Client({ endpoint: env.cloud.endpoints.s3Endpoint, region: env.cloud.endpoints.region, credentials: localCredentials, forcePathStyle: true });
    const bucket = env.cloud.endpoints.portraitBucket;
    // The bucket goes away: every PutObject of the portrait service fails until its retries are exhausted.
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    for (const object of Contents) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    // Retries come back after the queue's visibility timeout; shorten it as an operator would.
    await env.sqs.send(new SetQueueAttributesCommand({ QueueUrl: env.cloud.endpoints.queues.portrait?.queueUrl ?? "", Attributes: { VisibilityTimeout: "1" } }));

    const owner = await ChatClient.connect(env.cloud.endpoints, OWNER);
    const survey = await createSurvey("Noor");
    for (const friend of ["a", "b", "c"]) await answer(survey.surveyId, friendAnswers(`noor-${friend}`, "brave, curious", "robotics", "direct and honest"));
    const ready = await until(async () => {
      const view = await api("GET", `/surveys/${survey.surveyId}`, undefined, ownerToken);
      return view.json.status === "ready" ? view.json : undefined;
    }, "Noor's persona to be ready without a portrait", 30_000);
    const personaId = ready.personaId as string;
    expect((await owner.waitFor("persona_ready", (p) => p.personaId === personaId)).payload).toMatchObject({ portrait: false });
    expect((await api("GET", `/personas/${personaId}`, undefined, ownerToken)).json).toMatchObject({ status: "ready" });
    // The bucket back (as after an operator's fix): the persona still has no picture, and says so.
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    expect((await api("GET", `/personas/${personaId}/portrait`, undefined, ownerToken)).status).toBe(404);
    const session = await owner.request("start_session", { personaId }, "session_started");
    expect(session.payload.personaId).toBe(personaId);
    await owner.close();
    s3.destroy();
  });

  it("answers bad input with typed errors, never a 5xx", async () => {
    const survey = await createSurvey("Ivy");
    const cases: [string, string, unknown, number][] = [
      ["POST", "/surveys", { subjectName: "" }, 400],
      ["POST", `/surveys/${survey.surveyId}/responses`, { respondentId: "browser-x-0001", answers: [{ questionId: "nope", answer: "x" }] }, 400],
      ["POST", `/surveys/${survey.surveyId}/responses`, { respondentId: "browser-x-0001", answers: [{ questionId: "talk_style", answer: "yelling" }] }, 400],
      ["POST", `/surveys/${survey.surveyId}/responses`, "not an object", 400],
      ["GET", "/surveys/not-a-survey-id", undefined, 404],
      ["GET", `/surveys/${"9".repeat(2000)}`, undefined, 404],
      ["POST", "/surveys/00000000-0000-4000-8000-000000000000/responses", { respondentId: "browser-x-0001", answers: [{ questionId: "a", answer: "b" }] }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const token = path === "/surveys" ? ownerToken : undefined;
      expect({ method, path: path.slice(0, 60), status: (await api(method, path, body, token)).status }).toEqual({ method, path: path.slice(0, 60), status });
    }
    expect((await api("POST", "/surveys", { subjectName: "No token" })).status).toBe(401);
    // What a careless or hostile client sends over the wire: each refused with its own code, none of it kept.
    const answers = `/surveys/${survey.surveyId}/responses`;
    // fetch sends a Blob of no type with no Content-Type at all, cross-site and without asking first, as a browser does.
    const untyped = async (path: string, body: unknown) => {
      const response = await fetch(`${env.cloud.endpoints.readApiUrl}${path}`, { method: "POST", body: new Blob([JSON.stringify(body)]) });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const wire: [string, { status: number; json?: Record<string, unknown> }, number, string][] = [
      ["JSON sent as plain text", await api("POST", answers, { respondentId: "browser-x-0001", answers: [{ questionId: "three_words", answer: "kind" }] }, undefined, { "content-type": "text/plain;charset=UTF-8" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["JSON sent with no type", await untyped(answers, { respondentId: "browser-x-0001", answers: [{ questionId: "three_words", answer: "kind" }] }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a body of megabytes", await api("POST", answers, { respondentId: "browser-x-0001", answers: [{ questionId: "three_words", answer: "kind ".repeat(400_000) }] }), 413, "BODY_TOO_LARGE"],
      ["a control character", await api("POST", answers, { respondentId: "browser-x-0001", answers: [{ questionId: "three_words", answer: "kind \u001b[2J and loyal" }] }), 400, "INVALID_RESPONSE"],
      ["a question that reorders its text", await api("POST", "/surveys", { subjectName: "Ivy", questions: [{ id: "a", kind: "text", text: "Is she \u202ekind?" }] }, ownerToken), 400, "INVALID_SURVEY"],
    ];
    expect(wire.map(([what, result]) => [what, result.status, (result.json?.error as { code?: string } | undefined)?.code])).toEqual(wire.map(([what, , status, code]) => [what, status, code]));
    const owned = await api("GET", `/surveys/${survey.surveyId}`, undefined, ownerToken);
    expect(owned.json).toMatchObject({ responseCount: 0, droppedCount: 0 });
  });
});
