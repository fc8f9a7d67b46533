// Surveys end to end over real HTTP: no question may locate or reach the subject, no answer keeps where they are, and
// no single network decides a persona.
import { createHash, createHmac, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { tableNamesFor } from "@innerworld/platform/tables";
import { mintToken } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFrom, networkOfFriend } from "./fromNetwork";

const OWNER = "teen-survey-privacy";

describe("surveys keep a teen's whereabouts out, and no single network decides a persona", () => {
  let env: TestCloud;
  let ownerToken: string;

  beforeAll(async () => {
    // No model configured: the persona is written offline, so what it is made of is known to the test.
    env = await startTestCloud({ clock: clockStartingAt("2026-11-18T16:00:00Z") });
    ownerToken = await mintToken(env.cloud.endpoints, { sub: OWNER });
  });
  afterAll(async () => {
    await env.stop();
  });

  const url = (path: string) => `${env.cloud.endpoints.readApiUrl}${path}`;
  const asOwner = (method: string, path: string, body?: unknown) => callFrom("127.0.0.1", url(path), method, body, { authorization: `Bearer ${ownerToken}` });
  const createSurvey = async (subjectName: string, questions?: unknown[]) => {
    const created = await asOwner("POST", "/surveys", { subjectName, ...(questions ? { questions } : {}) });
    expect(created.status).toBe(201);
    return created.json.surveyId as string;
  };
  const answerFrom = (network: string, surveyId: string, answers: { questionId: string; answer: string }[], respondentId = `browser-${randomUUID()}`, userAgent = "test-browser/1.0") =>
    callFrom(network, url(`/surveys/${surveyId}/responses`), "POST", { respondentId, answers }, { "user-agent": userAgent });
  const ownerView = async (surveyId: string) => (await asOwner("GET", `/surveys/${surveyId}`)).json;

  it("refuses every question the security trial asked, field by field, and makes no survey", async () => {
    const questions = [
      "What school does Maya go to, and what time does she walk home?",
      "What street is her house on?",
      "What is her snap or insta?",
      "Where can I find her after practice?",
      "What is her number?",
    ];
    for (const [i, text] of questions.entries()) {
      const refused = await asOwner("POST", "/surveys", { subjectName: "Maya", questions: [{ id: `q${i}`, kind: "text", text }] });
      expect({ text, status: refused.status }).toEqual({ text, status: 422 });
      expect(refused.json.error).toMatchObject({ code: "UNSAFE_SURVEY", details: [{ field: `questions.q${i}` }] });
    }
  });

  it("keeps friends' words without where the subject is or how to reach them: not in the export, not in the persona", { timeout: 60_000 }, async () => {
    const surveyId = await createSurvey("Maya", [
      { id: "three_words", kind: "text", text: "Which three words describe them best?" },
      { id: "passions", kind: "text", text: "What could they talk about for hours?" },
      { id: "anything", kind: "text", text: "Anything else about them?" },
    ]);
    const said = [
      ["funny, loyal and loud", "marine biology, anime", "Lincoln High, she walks home alone at 3pm"],
      ["loyal, creative, @maya.k on insta", "anime and drawing", "behind the gym at 5pm"],
      ["kind and funny", "drawing, marine biology - she goes to Roosevelt Middle School", "text her at 555-123-4567"],
    ];
    for (const [i, [threeWords = "", passions = "", anything = ""]] of said.entries()) {
      const answered = await answerFrom(networkOfFriend(i), surveyId, [
        { questionId: "three_words", answer: threeWords },
        { questionId: "passions", answer: passions },
        { questionId: "anything", answer: anything },
      ]);
      expect(answered.status).toBe(202);
    }

    const ready = await until(async () => ((await ownerView(surveyId)).status === "ready" ? await ownerView(surveyId) : undefined), "Maya's persona to be ready", 30_000);
    const exported = (await asOwner("GET", "/me/export")).json;
    const survey = (exported.surveys as { surveyId: string; answers: { questionId: string; answers: string[] }[] }[]).find((s) => s.surveyId === surveyId);
    const persona = (await asOwner("GET", `/personas/${ready.personaId as string}`)).json;

    const kept = JSON.stringify(survey?.answers).toLowerCase();
    const written = JSON.stringify(persona).toLowerCase();
    for (const detail of ["lincoln", "3pm", "walks home", "maya.k", "insta", "gym", "5pm", "roosevelt", "555", "[phone]", "[handle]"]) {
      expect({ detail, kept: kept.includes(detail), written: written.includes(detail) }).toEqual({ detail, kept: false, written: false });
    }
    // The rest of what friends said is kept, and makes the persona.
    expect(survey?.answers.find((a) => a.questionId === "three_words")?.answers).toEqual(["funny, loyal and loud", "kind and funny", "loyal, creative"]);
    expect(persona.topics).toContain("marine biology");
    expect(ready.droppedCount).toBe(3);
  });

  it("exports to the survey's owner each question's answers and how many came each day, never one friend's response or its time", { timeout: 60_000 }, async () => {
    const surveyId = await createSurvey("Sol", [
      { id: "three_words", kind: "text", text: "Which three words describe them best?" },
      { id: "passions", kind: "text", text: "What could they talk about for hours?" },
    ]);
    const friends = [
      ["quiet and sharp", "zines"],
      ["loud and funny", "anime"],
      ["kind", "skating"],
    ];
    for (const [i, [threeWords = "", passions = ""]] of friends.entries()) {
      const answered = await answerFrom(networkOfFriend(60 + i), surveyId, [
        { questionId: "three_words", answer: threeWords },
        { questionId: "passions", answer: passions },
      ]);
      expect(answered.status).toBe(202);
    }
    await until(async () => ((await ownerView(surveyId)).responseCount === 3 ? true : undefined), "Sol's three answers to be counted");

    const exported = (await asOwner("GET", "/me/export")).json;
    const survey = (exported.surveys as Record<string, unknown>[]).find((s) => s.surveyId === surveyId);

    expect(survey).toMatchObject({
      subjectName: "Sol",
      responseCount: 3,
      answers: [
        { questionId: "three_words", answers: ["kind", "loud and funny", "quiet and sharp"] },
        { questionId: "passions", answers: ["anime", "skating", "zines"] },
      ],
      responsesByDay: [{ day: "2026-11-18", responses: 3 }],
    });
    // Nothing that sets one friend's answers side by side, or says when one of them answered.
    expect(survey).not.toHaveProperty("responses");
    const { createdAt: _madeByTheOwner, ...aboutTheAnswers } = survey ?? {};
    expect(JSON.stringify(aboutTheAnswers)).not.toMatch(/receivedAt|respondentKey|networkKey|T\d\d:\d\d/);
  });

  it("keeps two answers from one browser and five from one network, whatever respondent ids they send, and waits for a second network", { timeout: 60_000 }, async () => {
    const surveyId = await createSurvey("Leo");
    const words = [{ questionId: "three_words", answer: "chill and honest" }];
    const school = networkOfFriend(100);

    const oneBrowser = [];
    for (let i = 0; i < 8; i++) oneBrowser.push((await answerFrom(school, surveyId, words)).status);
    const oneNetwork = [];
    for (let i = 0; i < 5; i++) oneNetwork.push((await answerFrom(school, surveyId, words, undefined, `phone-model-${i}`)).status);

    expect(oneBrowser).toEqual([202, 202, 409, 409, 409, 409, 409, 409]);
    expect(oneNetwork).toEqual([202, 202, 202, 409, 409]);
    // Five answers, all from the school's network: counted, and no persona.
    await until(async () => ((await ownerView(surveyId)).responseCount === 5 ? true : undefined), "the five answers to be counted");
    expect(await ownerView(surveyId)).toMatchObject({ status: "collecting", responseCount: 5 });

    expect((await answerFrom(networkOfFriend(101), surveyId, words)).status).toBe(202);
    const ready = await until(async () => ((await ownerView(surveyId)).status === "ready" ? await ownerView(surveyId) : undefined), "Leo's persona once a second network answered", 30_000);
    expect(ready).toMatchObject({ responseCount: 6 });
  });

  it("counts a friend's network under an HMAC keyed by the secret kept in the data folder, not a hash anyone could undo", { timeout: 60_000 }, async () => {
    const surveyId = await createSurvey("Noa");
    const friend = networkOfFriend(150);
    expect((await answerFrom(friend, surveyId, [{ questionId: "three_words", answer: "gentle and fierce" }])).status).toBe(202);

    const stored = await env.dynamodb.send(
      new QueryCommand({ TableName: tableNamesFor(env.cloud.endpoints.tablePrefix).surveys, KeyConditionExpression: "surveyId = :s", ExpressionAttributeValues: { ":s": { S: surveyId } }, ConsistentRead: true }),
    );
    const text = JSON.stringify(stored.Items);
    const digest = (hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>) => hash.update([surveyId, "network", friend].join("\u0000")).digest("hex").slice(0, 40);
    const secret = (await readFile(join(env.dataDir, "survey-source.secret"), "utf8")).trim();
    // The network's counter and the answer carry the keyed form; the plain hash of the address appears nowhere.
    expect(text).toContain(digest(createHmac("sha256", secret)));
    expect(text).not.toContain(digest(createHash("sha256")));
    expect(text).not.toContain(friend);
  });

  it("answers thirty copies of one friend's answer sent at once with one 202 and the rest 409 or 429, never a server error", { timeout: 60_000 }, async () => {
    const surveyId = await createSurvey("Ivy");
    const words = [{ questionId: "three_words", answer: "brave and curious" }];

    const statuses = await Promise.all(Array.from({ length: 30 }, () => answerFrom(networkOfFriend(200), surveyId, words, "browser-ivy-friend-0001").then((r) => r.status)));

    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 202 && s !== 409 && s !== 429)).toEqual([]);
  });
});
