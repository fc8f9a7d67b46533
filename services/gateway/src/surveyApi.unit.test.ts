// The survey HTTP API over in-memory stores: what an owner and a friend can do, and the typed answers to what they cannot.
import { RecordingPublisher, SURVEY_PUBLIC_ROUTES, SURVEY_ROUTES } from "@innerworld/events";
import { InMemoryPersonaStore, newPersonaRecord } from "@innerworld/personas/store";
import { screenInput } from "@innerworld/screening";
import { InMemoryPortraitStore } from "@innerworld/surveys/portrait-store";
import { InMemorySurveyStore, RESPONSE_RETENTION_SECONDS } from "@innerworld/surveys/store";
import { manualClock } from "@innerworld/platform/clock";
import { httpApiEvent } from "@innerworld/events/test-events";
import { describe, expect, it, vi } from "vitest";
import { createSourceKeys, SOURCE_LIMITS, type Survey } from "@innerworld/surveys";
import { randomUUID } from "node:crypto";
import { createSurveyApi, SURVEY_RATE_LIMITS, THANK_YOU } from "./surveyApi";

const NOW = Date.parse("2026-11-18T16:00:00Z");

/** What a JSON client (the web app, a friend's browser) sends: a body labelled application/json unless a test says otherwise. */
const jsonClientEvent = (input: Parameters<typeof httpApiEvent>[0]) =>
  httpApiEvent({ ...input, headers: { ...(input.body === undefined ? {} : { "content-type": "application/json" }), ...input.headers } });
const sourceKeys = createSourceKeys("survey-api-tests-source-secret-0123456789");

const setUp = () => {
  const clock = manualClock(new Date(NOW).toISOString());
  const surveys = new InMemorySurveyStore(clock);
  const personas = new InMemoryPersonaStore();
  const portraits = new InMemoryPortraitStore();
  const publisher = new RecordingPublisher("gateway");
  const taken = new Map<string, number>();
  const api = createSurveyApi({
    surveys,
    personas,
    portraits,
    publisher,
    // Counts per bucket within one test: enough to see both limits refuse.
    rateLimiter: {
      take: async (buckets) => {
        for (const bucket of buckets) {
          const count = (taken.get(`${bucket.scope}#${bucket.key}`) ?? 0) + 1;
          if (count > bucket.perMinute) return { allowed: false, scope: bucket.scope, retryAfter: 12, limit: bucket.perMinute };
        }
        for (const bucket of buckets) taken.set(`${bucket.scope}#${bucket.key}`, (taken.get(`${bucket.scope}#${bucket.key}`) ?? 0) + 1);
        return { allowed: true };
      },
    },
    userOfToken: async (token) => (token.startsWith("valid-") ? token.slice("valid-".length) : undefined),
    screen: screenInput,
    sourceKeys,
    clock,
  });
  return { api, surveys, personas, portraits, publisher, clock };
};

const body = (result: { body?: string }) => JSON.parse(result.body ?? "{}") as Record<string, unknown>;
const create = async (api: ReturnType<typeof setUp>["api"], owner = "owner-1") => {
  const created = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: owner, body: { subjectName: "Maya" } }));
  expect(created.statusCode).toBe(201);
  return body(created).surveyId as string;
};
const respond = (api: ReturnType<typeof setUp>["api"], surveyId: string, respondentId: string, answers: { questionId: string; answer: string }[], sourceIp?: string) =>
  api(
    jsonClientEvent({ routeKey: "POST /surveys/{surveyId}/responses", pathParameters: { surveyId }, body: { respondentId, answers }, headers: { "accept-language": "en-US,en;q=0.8" }, ...(sourceIp ? { sourceIp } : {}) }),
  );

describe("the survey API", () => {
  it("answers every route infra and the local cloud send it, and only those; the public ones without a token", async () => {
    const { api } = setUp();
    const surveyId = await create(api);
    const pathParameters = { surveyId, personaId: "persona-1" };

    const withToken = await Promise.all(SURVEY_ROUTES.map((routeKey) => api(jsonClientEvent({ routeKey, pathParameters, sub: "owner-1", body: {} }))));
    const anonymous = await Promise.all(SURVEY_PUBLIC_ROUTES.map((routeKey) => api(jsonClientEvent({ routeKey, pathParameters, body: {} }))));
    const unknown = await api(jsonClientEvent({ routeKey: "GET /surveys", sub: "owner-1" }));

    for (const answer of [...withToken, ...anonymous]) expect(body(answer)).not.toMatchObject({ error: { code: "NOT_FOUND" } });
    for (const answer of anonymous) expect(answer.statusCode).not.toBe(401);
    expect(body(unknown)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("creates a survey with the default questions and a share link", async () => {
    const { api } = setUp();
    const created = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya" } }));
    expect(created.statusCode).toBe(201);
    const { surveyId, shareUrl, questions } = body(created) as { surveyId: string; shareUrl: string; questions: unknown[] };
    expect(shareUrl).toBe(`https://api.innerworld.test/surveys/${surveyId}`);
    expect(questions.length).toBeGreaterThan(3);
  });

  it("shows a friend the questions and the owner also the progress", async () => {
    const { api } = setUp();
    const surveyId = await create(api);
    const get = (headers: Record<string, string> = {}) => api(jsonClientEvent({ routeKey: "GET /surveys/{surveyId}", pathParameters: { surveyId }, headers }));
    expect(Object.keys(body(await get())).sort()).toEqual(["language", "questions", "subjectName", "surveyId"]);
    expect(body(await get({ authorization: "Bearer valid-owner-1" }))).toMatchObject({ status: "collecting", responseCount: 0, droppedCount: 0 });
    // Someone else's token, or a bad one, sees what a friend sees.
    expect(body(await get({ authorization: "Bearer valid-someone" })).status).toBeUndefined();
    expect(body(await get({ authorization: "Bearer forged" })).status).toBeUndefined();
  });

  it("shows the owner how many answers the survey keeps now, fewer once some have expired", async () => {
    // Prepare: two friends answer, a third a day later.
    const { api, clock } = setUp();
    const surveyId = await create(api);
    const ownerView = async () => body(await api(jsonClientEvent({ routeKey: "GET /surveys/{surveyId}", pathParameters: { surveyId }, headers: { authorization: "Bearer valid-owner-1" } })));
    const day = 24 * 60 * 60_000;
    for (const [friend, ip] of [["browser-ana-0001", "203.0.113.1"], ["browser-ben-0002", "203.0.113.2"]] as const) {
      expect((await respond(api, surveyId, friend, [{ questionId: "three_words", answer: "funny and loyal" }], ip)).statusCode).toBe(202);
    }
    clock.advance(day);
    expect((await respond(api, surveyId, "browser-cai-0003", [{ questionId: "three_words", answer: "kind and loud" }], "203.0.113.3")).statusCode).toBe(202);
    expect(await ownerView()).toMatchObject({ responseCount: 3 });

    // Act: the first two answers reach their retention.
    clock.advance(RESPONSE_RETENTION_SECONDS * 1000 - day);

    // Assess: the owner is told only of the answer the survey still has.
    expect(await ownerView()).toMatchObject({ responseCount: 1 });
  });

  it("asks a Spanish-speaking owner's friends in Spanish, and thanks them in Spanish, unless the owner chose the language", async () => {
    const { api } = setUp();
    const made = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
      api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Ximena", ...extra }, headers }));

    const spanish = body(await made({ "accept-language": "es-MX,es;q=0.9,en;q=0.8" }));
    const chosen = body(await made({ "accept-language": "es-MX" }, { language: "en" }));
    const english = body(await made({ "accept-language": "en-US,es;q=0.5" }));

    expect(spanish).toMatchObject({ language: "es", questions: expect.arrayContaining([expect.objectContaining({ id: "three_words", text: "¿Con qué tres palabras describirías a esta persona?" })]) });
    expect(chosen).toMatchObject({ language: "en", questions: expect.arrayContaining([expect.objectContaining({ id: "three_words", text: "Which three words describe them best?" })]) });
    expect(english.language).toBe("en");
    const surveyId = spanish.surveyId as string;
    expect(body(await api(jsonClientEvent({ routeKey: "GET /surveys/{surveyId}", pathParameters: { surveyId } })))).toMatchObject({ language: "es" });
    const answered = await respond(api, surveyId, "browser-ana-0001", [{ questionId: "three_words", answer: "chistosa y leal" }]);
    expect(body(answered).message).toBe("¡Gracias por responder! Tus palabras ayudan a crear algo que a tu amigo le va a encantar.");
  });

  it("keeps a friend's screened answers, drops abusive and crisis ones, and announces the response", async () => {
    const { api, surveys, publisher } = setUp();
    const surveyId = await create(api);
    const result = await respond(api, surveyId, "browser-ana-0001", [
      { questionId: "three_words", answer: "funny and loyal" },
      { questionId: "passions", answer: "you are a worthless bitch" },
      { questionId: "cares_about", answer: "i want to kill myself tonight" },
    ]);
    expect(result.statusCode).toBe(202);
    expect(body(result).message).toBe(THANK_YOU);
    expect(JSON.stringify(body(result).support)).toContain("988");
    const kept = await surveys.listResponses(surveyId);
    expect(kept.map((r) => r.answers)).toEqual([[{ questionId: "three_words", answer: "funny and loyal" }]]);
    expect((await surveys.get(surveyId))?.droppedCount).toBe(2);
    expect(publisher.ofType("SurveyResponseAccepted").map((e) => e.data)).toEqual([expect.objectContaining({ surveyId, answerCount: 1, droppedAnswers: { abusive: 1, crisis: 1, locating: 0 } })]);
    expect(JSON.stringify(publisher.published)).not.toContain("browser-ana");
  });

  it("drops insults about the subject that a teen's chat would let through, since the answers become the persona's words", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);

    const result = await respond(api, surveyId, "browser-bully-0001", [
      { questionId: "three_words", answer: "ugly, stupid and fat" },
      { questionId: "cares_about", answer: "a total loser nobody likes" },
      // The same words about something else are an ordinary answer.
      { questionId: "passions", answer: "stupid puns, trash tv and dumb memes" },
    ]);

    expect(result.statusCode).toBe(202);
    expect((await surveys.listResponses(surveyId)).map((r) => r.answers)).toEqual([[{ questionId: "passions", answer: "stupid puns, trash tv and dumb memes" }]]);
    expect((await surveys.get(surveyId))?.droppedCount).toBe(2);
  });

  it("counts a response's dropped answers once when the friend sends it again", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);
    const answers = [
      { questionId: "three_words", answer: "kind" },
      { questionId: "passions", answer: "you are a worthless bitch" },
    ];

    expect((await respond(api, surveyId, "browser-dee-0001", answers)).statusCode).toBe(202);
    expect((await respond(api, surveyId, "browser-dee-0001", answers)).statusCode).toBe(409);
    expect((await respond(api, surveyId, "browser-dee-0001", answers)).statusCode).toBe(409);

    expect(await surveys.listResponses(surveyId)).toHaveLength(1);
    expect((await surveys.get(surveyId))?.droppedCount).toBe(1);
  });

  it("announces a kept answer again when the friend retries after its first announcement failed, under the same event id", async () => {
    const { api, surveys, publisher } = setUp();
    const surveyId = await create(api);
    const answers = [{ questionId: "three_words", answer: "kind" }];
    // The bus refuses the first announcement (after the answer was kept): the friend gets an error and sends again.
    const publish = publisher.publish.bind(publisher);
    publisher.publish = vi.fn(async () => {
      publisher.publish = publish;
      throw new Error("ThrottlingException");
    });
    await expect(respond(api, surveyId, "browser-eli-0001", answers)).rejects.toThrow("ThrottlingException");
    expect(await surveys.listResponses(surveyId)).toHaveLength(1);

    expect((await respond(api, surveyId, "browser-eli-0001", answers)).statusCode).toBe(409);
    expect((await respond(api, surveyId, "browser-eli-0001", answers)).statusCode).toBe(409);

    // Announced on each retry under one event id, which storage counts once.
    const announced = publisher.ofType("SurveyResponseAccepted");
    expect(announced).toHaveLength(2);
    expect(new Set(announced.map((e) => e.metadata.eventId)).size).toBe(1);
    expect(await surveys.listResponses(surveyId)).toHaveLength(1);
  });

  it.each([["Comfort", "is a built-in persona's name"], ["\u200b\u200b", "must have a letter or a digit, and no control characters"], ["a\u0007b", "must have a letter or a digit, and no control characters"]])(
    "refuses a subject's name a persona may not have: %j",
    async (subjectName, reason) => {
      const { api } = setUp();

      const result = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName } }));

      expect(result.statusCode).toBe(400);
      expect(body(result).error).toMatchObject({ code: "INVALID_SURVEY", details: [{ field: "subjectName", reason }] });
    },
  );

  it("asks a question that only names a word an insult could use", async () => {
    const { api } = setUp();

    const result = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya", questions: [{ id: "a", kind: "text", text: "What do they find annoying?" }] } }));

    expect(result.statusCode).toBe(201);
  });

  it.each([
    ["a subject's name no persona may have", { subjectName: "Maya the therapist girlfriend" }, "subjectName"],
    ["a question that insults the subject", { subjectName: "Maya", questions: [{ id: "a", kind: "text", text: "Why is she such a stupid bitch?" }] }, "questions.a"],
    ["a question that asks where the subject lives", { subjectName: "Maya", questions: [{ id: "a", kind: "text", text: "What is her home address and phone number?" }] }, "questions.a"],
    ["a choice that lists one option twice", { subjectName: "Maya", questions: [{ id: "c", kind: "choice", text: "Pick one", options: ["x", "X"] }] }, "questions.c"],
  ])("refuses to create a survey with %s", async (_case, request, field) => {
    const { api, surveys } = setUp();

    const result = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: request }));

    expect(result.statusCode).toBe(422);
    expect(body(result).error).toMatchObject({ code: "UNSAFE_SURVEY", details: expect.arrayContaining([expect.objectContaining({ field })]) });
    expect(await surveys.listByOwner("owner-1")).toEqual([]);
  });

  it("refuses a survey to an owner who already has as many personas as one may have, since it would make one more", async () => {
    const { api, personas, surveys } = setUp();
    for (let i = 0; i < 20; i += 1) await personas.create(newPersonaRecord({ personaId: `own-${i}`, ownerId: "owner-1", now: new Date(NOW), fields: { name: `Pal ${i}` } }));

    const result = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya" } }));

    expect(result.statusCode).toBe(409);
    expect(body(result).error).toMatchObject({ code: "PERSONA_LIMIT_REACHED" });
    expect(await surveys.listByOwner("owner-1")).toEqual([]);
  });

  it("lets the owner delete a survey with its answers, after which its link finds nothing; anyone else gets 404", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);
    expect((await respond(api, surveyId, "browser-eli-0001", [{ questionId: "three_words", answer: "kind" }])).statusCode).toBe(202);
    const remove = (sub: string) => api(jsonClientEvent({ routeKey: "DELETE /surveys/{surveyId}", pathParameters: { surveyId }, sub }));

    expect((await remove("someone-else")).statusCode).toBe(404);
    expect(await surveys.get(surveyId)).toBeDefined();
    expect((await remove("owner-1")).statusCode).toBe(204);

    expect(await surveys.get(surveyId)).toBeUndefined();
    expect(await surveys.listResponses(surveyId)).toEqual([]);
    expect((await api(jsonClientEvent({ routeKey: "GET /surveys/{surveyId}", pathParameters: { surveyId } }))).statusCode).toBe(404);
    expect((await remove("owner-1")).statusCode).toBe(404);
  });

  it("answers a friend whose answer met the survey's deletion as if the survey were gone, not with a server error", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);
    // The owner deletes the survey while the answer is being written: the store finds it gone afterwards.
    vi.spyOn(surveys, "addResponse").mockRejectedValueOnce(Object.assign(new Error(`No survey ${surveyId}`), { code: "SURVEY_NOT_FOUND" }));

    const result = await respond(api, surveyId, "browser-fay-0001", [{ questionId: "three_words", answer: "kind" }]);

    expect(result.statusCode).toBe(404);
    expect(body(result).error).toMatchObject({ code: "SURVEY_NOT_FOUND" });
  });

  it("refuses bad input with the field and the reason", async () => {
    const { api } = setUp();
    const surveyId = await create(api);
    const cases = [
      [await respond(api, surveyId, "browser-x-0001", [{ questionId: "talk_style", answer: "yelling" }]), 400, "INVALID_RESPONSE"],
      [await respond(api, surveyId, "x", [{ questionId: "three_words", answer: "kind" }]), 400, "INVALID_RESPONSE"],
      [await api(jsonClientEvent({ routeKey: "POST /surveys/{surveyId}/responses", pathParameters: { surveyId }, body: "{not json" })), 400, "MALFORMED_JSON"],
      [await api(jsonClientEvent({ routeKey: "GET /surveys/{surveyId}", pathParameters: { surveyId: "x".repeat(3000) } })), 404, "SURVEY_NOT_FOUND"],
      [await api(jsonClientEvent({ routeKey: "POST /surveys", body: { subjectName: "Maya" } })), 401, "UNAUTHORIZED"],
      [await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "o", body: { subjectName: "Maya", questions: [{ id: "a", kind: "text", text: "abc?" }, { id: "a", kind: "text", text: "def?" }] } })), 400, "INVALID_SURVEY"],
    ] as const;
    for (const [result, status, code] of cases) {
      expect(result.statusCode).toBe(status);
      expect((body(result).error as { code: string }).code).toBe(code);
    }
    const details = (body(cases[0][0]).error as { details: { field: string; reason: string }[] }).details;
    expect(details[0]).toEqual({ field: "answers.talk_style", reason: expect.stringContaining("must be one of") });
  });

  it("answers what a hostile or careless client sends with a typed 4xx, never a server error, and keeps none of it", async () => {
    // Prepare: Maya's survey, one of another owner's, and one closed in each way a survey closes.
    const { api, surveys, publisher } = setUp();
    const surveyId = await create(api);
    const othersSurvey = await create(api, "owner-2");
    const closed = async (status: "ready" | "failed") => {
      const survey = { ...((await surveys.get(surveyId)) as Survey), surveyId: randomUUID(), status };
      await surveys.create(survey);
      return survey.surveyId;
    };
    const [ready, failed, deleted] = [await closed("ready"), await closed("failed"), await create(api)];
    await api(jsonClientEvent({ routeKey: "DELETE /surveys/{surveyId}", pathParameters: { surveyId: deleted }, sub: "owner-1" }));
    const answerTo = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
      api(jsonClientEvent({ routeKey: "POST /surveys/{surveyId}/responses", pathParameters: { surveyId: id }, body: payload, headers }));
    const answering = (answers: unknown, respondentId = "browser-hal-0001") => answerTo(surveyId, { respondentId, answers });
    const making = (payload: unknown, headers: Record<string, string> = {}) => api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: payload, headers }));
    const kind = (text: string) => [{ questionId: "three_words", answer: text }];
    const huge = "kind ".repeat(60_000);

    // Act
    const cases: [string, Awaited<ReturnType<typeof api>>, number, string][] = [
      ["a form instead of JSON", await answerTo(surveyId, "respondentId=browser-hal-0001&answers=kind", { "content-type": "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["JSON sent as plain text", await answerTo(surveyId, { respondentId: "browser-hal-0001", answers: kind("kind") }, { "content-type": "text/plain;charset=UTF-8" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a survey sent as plain text", await making({ subjectName: "Maya" }, { "content-type": "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["an answer with no type", await api(httpApiEvent({ routeKey: "POST /surveys/{surveyId}/responses", pathParameters: { surveyId }, body: { respondentId: "browser-hal-0001", answers: kind("kind") } })), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a survey with no type", await api(httpApiEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya" } })), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a body far larger than any answer", await answerTo(surveyId, { respondentId: "browser-hal-0001", answers: kind(huge) }, { "content-type": "application/json" }), 413, "BODY_TOO_LARGE"],
      ["a survey far larger than any", await making({ subjectName: "Maya", questions: [{ id: "a", kind: "text", text: huge }] }), 413, "BODY_TOO_LARGE"],
      ["JSON that is an array", await answerTo(surveyId, [{ questionId: "three_words", answer: "kind" }]), 400, "INVALID_RESPONSE"],
      ["JSON that is null", await answerTo(surveyId, "null"), 400, "INVALID_RESPONSE"],
      ["JSON that is a number", await making("42"), 400, "INVALID_SURVEY"],
      ["an unknown survey", await answerTo("00000000-0000-4000-8000-000000000000", { respondentId: "browser-hal-0001", answers: kind("kind") }), 404, "SURVEY_NOT_FOUND"],
      ["a deleted survey", await answerTo(deleted, { respondentId: "browser-hal-0001", answers: kind("kind") }), 404, "SURVEY_NOT_FOUND"],
      ["another owner's survey deleted", await api(jsonClientEvent({ routeKey: "DELETE /surveys/{surveyId}", pathParameters: { surveyId: othersSurvey }, sub: "owner-1" })), 404, "SURVEY_NOT_FOUND"],
      ["a ready survey", await answerTo(ready, { respondentId: "browser-hal-0001", answers: kind("kind") }), 410, "SURVEY_CLOSED"],
      ["a failed survey", await answerTo(failed, { respondentId: "browser-hal-0001", answers: kind("kind") }), 410, "SURVEY_CLOSED"],
      ["an unknown question", await answering([{ questionId: "favourite_colour", answer: "blue" }]), 400, "INVALID_RESPONSE"],
      ["a choice not among the options", await answering([{ questionId: "energy", answer: "Chill" }]), 400, "INVALID_RESPONSE"],
      ["more answers than questions", await answering(Array.from({ length: 21 }, (_, i) => ({ questionId: `q${i}`, answer: "kind" }))), 400, "INVALID_RESPONSE"],
      ["one question answered twice", await answering([...kind("kind"), ...kind("loud")]), 400, "INVALID_RESPONSE"],
      ["no answers", await answering([]), 400, "INVALID_RESPONSE"],
      ["an empty answer", await answering(kind("   ")), 400, "INVALID_RESPONSE"],
      ["an empty respondent", await answering(kind("kind"), ""), 400, "INVALID_RESPONSE"],
      ["an empty subject", await making({ subjectName: " " }), 400, "INVALID_SURVEY"],
      ["a control character in an answer", await answering(kind("kind\u0000 and loyal")), 400, "INVALID_RESPONSE"],
      ["an escape sequence in an answer", await answering(kind("kind \u001b[31mand loyal")), 400, "INVALID_RESPONSE"],
      ["text reordered in an answer", await answering(kind("kind and \u202eetuc")), 400, "INVALID_RESPONSE"],
      ["half a character in an answer", await answering(kind("kind \ud83d and loyal")), 400, "INVALID_RESPONSE"],
      ["a control character in a respondent", await answering(kind("kind"), "browser-\u0007-0001"), 400, "INVALID_RESPONSE"],
      ["a control character in a question", await making({ subjectName: "Maya", questions: [{ id: "a", kind: "text", text: "Is she\u0000 kind?" }] }), 400, "INVALID_SURVEY"],
      ["text reordered in an option", await making({ subjectName: "Maya", questions: [{ id: "a", kind: "choice", text: "Her style?", options: ["calm", "\u2066loud\u2069"] }] }), 400, "INVALID_SURVEY"],
      ["an unknown field", await making({ subjectName: "Maya", ownerId: "owner-2" }), 400, "INVALID_SURVEY"],
    ];

    // Assess: each refused with its own code, and nothing kept or announced.
    expect(cases.map(([what, result]) => [what, result.statusCode, (body(result).error as { code?: string } | undefined)?.code])).toEqual(cases.map(([what, , status, code]) => [what, status, code]));
    expect(await surveys.listResponses(surveyId)).toEqual([]);
    expect(publisher.ofType("SurveyResponseAccepted")).toEqual([]);
    expect((await surveys.listByOwner("owner-1")).map((s) => s.surveyId).sort()).toEqual([surveyId, ready, failed].sort());
    // Text a friend's browser sends in a textarea, line breaks and tabs, is an answer like any other.
    expect((await answering(kind("kind,\n\tloyal"))).statusCode).toBe(202);
  });

  it("takes one response per respondent and limits how fast one respondent and one survey are answered", async () => {
    const { api } = setUp();
    const surveyId = await create(api);
    const answer = [{ questionId: "three_words", answer: "kind" }];
    expect((await respond(api, surveyId, "browser-ben-0001", answer)).statusCode).toBe(202);
    const again = await respond(api, surveyId, "browser-ben-0001", answer);
    expect(again.statusCode).toBe(409);
    for (let i = 0; i < SURVEY_RATE_LIMITS.perRespondentPerMinute - 2; i++) await respond(api, surveyId, "browser-ben-0001", answer);
    const limited = await respond(api, surveyId, "browser-ben-0001", answer);
    expect(limited.statusCode).toBe(429);
    expect((body(limited).error as { details: { retryAfter: number } }).details.retryAfter).toBe(12);
  });

  it.each([
    "What school does Maya go to, and what time does she walk home?",
    "What street is her house on?",
    "What is her snap or insta?",
    "Where can I find her after practice?",
    "What is her number?",
    "¿En qué colonia vive Maya?",
  ])("refuses a question that asks friends to locate or reach the subject: %j", async (text) => {
    const { api, surveys } = setUp();

    const result = await api(jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya", questions: [{ id: "q", kind: "text", text }] } }));

    expect(result.statusCode).toBe(422);
    expect(body(result).error).toMatchObject({ code: "UNSAFE_SURVEY", details: [{ field: "questions.q", reason: expect.stringContaining("which a persona does not need") }] });
    expect(await surveys.listByOwner("owner-1")).toEqual([]);
  });

  it("refuses a choice whose options name where the subject can be found", async () => {
    const { api } = setUp();

    const result = await api(
      jsonClientEvent({ routeKey: "POST /surveys", sub: "owner-1", body: { subjectName: "Maya", questions: [{ id: "c", kind: "choice", text: "Which fits her?", options: ["Lincoln High", "Roosevelt Middle School"] }] } }),
    );

    expect(result.statusCode).toBe(422);
    expect(body(result).error).toMatchObject({ details: [{ field: "questions.c", reason: expect.stringContaining("option") }] });
  });

  it("keeps what friends say about the subject and takes out where they are and how to reach them, before it is stored", async () => {
    const { api, surveys, publisher } = setUp();
    const surveyId = await create(api);

    const result = await respond(api, surveyId, "browser-gus-0001", [
      { questionId: "three_words", answer: "funny, loyal, @maya.k on insta" },
      { questionId: "passions", answer: "Lincoln High, she walks home alone at 3pm" },
      { questionId: "cares_about", answer: "her friends - you can find her behind the gym at 5pm" },
      { questionId: "best_quality", answer: "she listens, text her at 555-123-4567" },
    ]);

    expect(result.statusCode).toBe(202);
    expect(body(result).message).toBe(THANK_YOU);
    expect((await surveys.listResponses(surveyId)).map((r) => r.answers)).toEqual([
      [
        { questionId: "three_words", answer: "funny, loyal" },
        { questionId: "cares_about", answer: "her friends" },
        { questionId: "best_quality", answer: "she listens" },
      ],
    ]);
    expect((await surveys.get(surveyId))?.droppedCount).toBe(1);
    expect(publisher.ofType("SurveyResponseAccepted").map((e) => e.data.droppedAnswers)).toEqual([{ abusive: 0, crisis: 0, locating: 1 }]);
  });

  it("keeps as many answers from one network as friends on a school's Wi-Fi give, and no more, whatever respondent ids it sends", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);
    const answer = [{ questionId: "three_words", answer: "kind" }];

    const fromOneNetwork = [];
    for (let i = 0; i < SOURCE_LIMITS.perNetwork + 3; i++) {
      fromOneNetwork.push((await api(jsonClientEvent({ routeKey: "POST /surveys/{surveyId}/responses", pathParameters: { surveyId }, body: { respondentId: `browser-${i}-random`, answers: answer }, headers: { "user-agent": `phone-${i}` }, sourceIp: "198.51.100.20" }))).statusCode);
    }
    // The same browser on the same network: two friends with one phone model, then nobody more.
    const fromOneBrowser = [];
    for (let i = 0; i < 4; i++) fromOneBrowser.push((await respond(api, surveyId, `browser-same-${i}-0001`, answer, "192.0.2.50")).statusCode);

    expect(fromOneNetwork).toEqual([...Array<number>(SOURCE_LIMITS.perNetwork).fill(202), 409, 409, 409]);
    expect(fromOneBrowser).toEqual([...Array<number>(SOURCE_LIMITS.perBrowser).fill(202), 409, 409]);
    expect(await surveys.listResponses(surveyId)).toHaveLength(SOURCE_LIMITS.perNetwork + SOURCE_LIMITS.perBrowser);
  });

  // Contention is the limiter's own to answer (it refuses the take, as an empty bucket); a limiter that cannot be
  // reached at all is not a friend answering too fast, and is not said to be one.
  it("keeps nothing and does not call an unreachable rate limiter a rate limit", async () => {
    const { api, surveys } = setUp();
    const surveyId = await create(api);
    const broken = createSurveyApi({
      surveys,
      personas: new InMemoryPersonaStore(),
      portraits: new InMemoryPortraitStore(),
      publisher: new RecordingPublisher("gateway"),
      rateLimiter: { take: async () => Promise.reject(new Error("ResourceNotFoundException: rate-limits table")) },
      userOfToken: async () => undefined,
      screen: screenInput,
      sourceKeys,
      clock: () => NOW,
    });

    const answered = await respond(broken, surveyId, "browser-hal-0001", [{ questionId: "three_words", answer: "kind" }]).then(
      (result) => result.statusCode,
      () => "thrown",
    );

    expect(answered).not.toBe(429);
    expect(await surveys.listResponses(surveyId)).toEqual([]);
  });

  it("serves a persona's portrait to its owner only", async () => {
    const { api, personas, portraits } = setUp();
    await personas.create(newPersonaRecord({ personaId: "survey-p1", ownerId: "owner-1", now: new Date(NOW), fields: { name: "Maya" } }));
    await portraits.put("portraits/survey-p1.svg", { contentType: "image/svg+xml", body: "<svg/>" });
    const fetch = (sub: string) => api(jsonClientEvent({ routeKey: "GET /personas/{personaId}/portrait", pathParameters: { personaId: "survey-p1" }, sub }));
    const mine = await fetch("owner-1");
    expect(mine).toMatchObject({ statusCode: 200, body: "<svg/>", headers: { "content-type": "image/svg+xml" } });
    expect((await fetch("someone-else")).statusCode).toBe(404);
  });

  it("answers a persona id too long to be one with 404, without reading the store (DynamoDB would refuse the key)", async () => {
    const { api, personas } = setUp();
    personas.get = async () => {
      throw new Error("ValidationException: key size exceeded");
    };
    const answered = await api(jsonClientEvent({ routeKey: "GET /personas/{personaId}/portrait", pathParameters: { personaId: "x".repeat(5000) }, sub: "owner-1" }));
    expect(answered).toMatchObject({ statusCode: 404 });
    expect(JSON.parse(String(answered.body))).toMatchObject({ error: { code: "PERSONA_NOT_FOUND" } });
  });

  it("serves an image model's portrait as base64, for API Gateway to send as bytes", async () => {
    const { api, personas, portraits } = setUp();
    await personas.create(newPersonaRecord({ personaId: "survey-p2", ownerId: "owner-1", now: new Date(NOW), fields: { name: "Leo" } }));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await portraits.put("portraits/survey-p2.svg", { contentType: "image/png", body: png });
    const served = await api(jsonClientEvent({ routeKey: "GET /personas/{personaId}/portrait", pathParameters: { personaId: "survey-p2" }, sub: "owner-1" }));
    expect(served).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { "content-type": "image/png" } });
    expect(Buffer.from(String(served.body), "base64").equals(Buffer.from(png))).toBe(true);
  });
});
