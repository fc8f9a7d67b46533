// The views for APIs still being built read their answers leniently (a list or an object holding one, ids and text by any usual name),
// and every call goes through one path: the token only where a route needs it, refusals as ApiError by status and code.
import { describe, expect, it, vi } from "vitest";
import { HttpApi, isApiError, isSessionLive, parseHealth, parseMemory, parsePersonas } from "./httpApi";

describe("parsePersonas", () => {
  it("reads built-in and custom personas from a list under `personas`", () => {
    expect(
      parsePersonas({
        personas: [
          { id: "comfort", displayName: "Comfort", tagline: "A gentle listener." },
          { personaId: "p-7", name: "Captain Calm", description: "Mine.", ownerId: "maya" },
          { displayName: "no id" },
        ],
      }),
    ).toEqual([
      { id: "comfort", displayName: "Comfort", tagline: "A gentle listener.", custom: false },
      { id: "p-7", displayName: "Captain Calm", tagline: "Mine.", custom: true },
    ]);
  });

  it("keeps each persona's status as the API gives it, so one still being made can be told apart", () => {
    const listed = parsePersonas({
      personas: [
        { id: "companion", name: "Companion", builtIn: true, status: "ready" },
        { id: "survey-1", name: "Noor", builtIn: false, status: "drawing" },
      ],
    });
    expect(listed.map((persona) => [persona.id, persona.status])).toEqual([
      ["companion", "ready"],
      ["survey-1", "drawing"],
    ]);
  });
});

describe("parseMemory", () => {
  it("reads facts with their id and words from a bare list or under `facts`", () => {
    const fact = { factId: "Person:maya:sam", text: "Sam is your best friend", kind: "Person" };
    expect(parseMemory({ facts: [fact] })).toEqual([{ id: "Person:maya:sam", text: "Sam is your best friend", kind: "Person" }]);
    expect(parseMemory([{ id: "g1", name: "Make the team" }])).toEqual([{ id: "g1", text: "Make the team" }]);
    expect(parseMemory({ facts: [{ id: "x" }] })).toEqual([]);
  });
});

describe("parseHealth", () => {
  it("names each part and its state, ready or not", () => {
    expect(parseHealth(503, { status: "degraded", checks: { tables: "ok", bus: { status: "unreachable" }, queues: { ok: true } } })).toEqual({
      ok: false,
      parts: { tables: "ok", bus: "unreachable", queues: "ok" },
    });
  });
});

describe("isSessionLive", () => {
  it("keeps a paused session (its page reloaded, its connection dropped) open for chat, and only an ended one read-only", () => {
    expect(["active", "paused", "ended"].map((status) => isSessionLive({ status }))).toEqual([true, true, false]);
  });
});

describe("HttpApi calls", () => {
  /** What reached the network: the one stand-in for it in this lane (the browser tests call the real API). */
  const network = (answer: (request: Request) => Response | Promise<Response>) => {
    const seen: Request[] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      const request = new Request(url, init);
      seen.push(request.clone());
      return answer(request);
    });
    return seen;
  };
  const survey = { surveyId: "3f1c2b4a-0000-4000-8000-000000000001", subjectName: "Noor", questions: [{ id: "q1", kind: "text", text: "Three words?" }] };

  it("calls the public survey routes with no token, even for a signed-in page, and posts the answers as JSON", async () => {
    // Prepare
    const seen = network((request) => (request.method === "GET" ? Response.json(survey) : Response.json({ message: "Thanks!" }, { status: 202 })));
    const signedIn = new HttpApi("https://api.example", () => "maya-token");
    const answers = { respondentId: "browser-1", answers: [{ questionId: "q1", answer: "funny, loyal, kind" }] };

    // Act
    const questions = await new HttpApi("https://api.example").survey(survey.surveyId);
    const accepted = await signedIn.answerSurvey(survey.surveyId, answers);

    // Assess
    expect(questions).toEqual(survey);
    expect(accepted).toEqual({ message: "Thanks!" });
    expect(seen.map((r) => [r.method, r.url, r.headers.get("authorization"), r.headers.get("content-type")])).toEqual([
      ["GET", `https://api.example/surveys/${survey.surveyId}`, null, null],
      ["POST", `https://api.example/surveys/${survey.surveyId}/responses`, null, "application/json"],
    ]);
    expect(await seen[1]?.json()).toEqual(answers);
  });

  it("sends the signed-in token to the routes that need it", async () => {
    const seen = network(() => Response.json({ sessions: [] }));

    await new HttpApi("https://api.example", () => "maya-token").sessionsPage();

    expect(seen[0]?.headers.get("authorization")).toBe("Bearer maya-token");
  });

  it("asks for the teen's sessions a page at a time, passing the cursor the page before gave", async () => {
    const seen = network((request) => (new URL(request.url).searchParams.has("cursor") ? Response.json({ sessions: [] }) : Response.json({ sessions: [], nextCursor: "a/b+c=" })));
    const api = new HttpApi("https://api.example", () => "maya-token");

    const first = await api.sessionsPage();
    await api.sessionsPage(first.nextCursor);

    expect(seen.map((request) => request.url)).toEqual(["https://api.example/sessions", "https://api.example/sessions?cursor=a%2Fb%2Bc%3D"]);
  });

  it("reads a session's history page after page where each says the next starts, to the page that says none", async () => {
    // Prepare: the API ends each page at a turn's end, so a page can hold fewer than the 200 asked for and still have a next.
    const turn = (seq: number) => [
      { seq, role: "user", messageId: `m-${seq}`, content: `q${seq}`, status: "delivered", createdAt: "2026-12-04T16:00:00.000Z" },
      { seq, role: "assistant", messageId: `m-${seq}`, content: `a${seq}`, status: "delivered", createdAt: "2026-12-04T16:00:00.000Z" },
    ];
    const seen = network((request) => {
      const afterSeq = Number(new URL(request.url).searchParams.get("afterSeq"));
      if (afterSeq === 0) return Response.json({ sessionId: "s-1", messages: [...turn(1), ...turn(2)], nextAfterSeq: 2 });
      return Response.json({ sessionId: "s-1", messages: turn(3) });
    });

    // Act
    const messages = await new HttpApi("https://api.example", () => "maya-token").sessionMessages("s-1");

    // Assess
    expect(messages.map((m) => m.content)).toEqual(["q1", "a1", "q2", "a2", "q3", "a3"]);
    expect(seen.map((r) => new URL(r.url).search)).toEqual(["?afterSeq=0&limit=200", "?afterSeq=2&limit=200"]);
  });

  it("throws a refusal as an ApiError with its status and code, and no answer at all as status 0", async () => {
    network(() => Response.json({ error: { code: "ALREADY_ANSWERED", message: "This browser answered already" } }, { status: 409 }));
    const refused = await new HttpApi("https://api.example").answerSurvey(survey.surveyId, { respondentId: "browser-1", answers: [] }).catch((error: unknown) => error);
    expect(isApiError(refused) && [refused.status, refused.code]).toEqual([409, "ALREADY_ANSWERED"]);

    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const offline = await new HttpApi("https://api.example").survey(survey.surveyId).catch((error: unknown) => error);
    expect(isApiError(offline) && [offline.status, offline.code]).toEqual([0, "OFFLINE"]);
  });
});
