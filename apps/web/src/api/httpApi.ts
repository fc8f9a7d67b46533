// The HTTP API as the app uses it: the read API today, personas, memory, health, admin and the public survey routes (a 404 means "not yet").
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** 0 when the request never got an answer (offline). */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A feature the deployment may not have yet: `available: false` when its route answers 404. */
export type Feature<T> = { available: true; value: T } | { available: false };

export interface SessionSummary {
  sessionId: string;
  /** The persona, or a group's first. */
  personaId: string;
  /** A group conversation's personas, in order. */
  personaIds?: string[];
  /** Every persona of the session with the name it had at the start. */
  personas?: { personaId: string; name: string }[];
  status: string;
  startedAt: string;
  lastActivityAt?: string;
  endsAt?: string;
  endedAt?: string;
  endReason?: string;
  turns: number;
}

/**
 * Whether a session can still be chatted in: active, or paused (its last connection dropped, as when the page reloads),
 * which a resume makes active again. Only an ended session is read-only.
 */
export const isSessionLive = (session: Pick<SessionSummary, "status">): boolean => session.status !== "ended";

export interface StoredMessage {
  seq: number;
  role: "user" | "assistant";
  messageId: string;
  content: string;
  status?: string;
  createdAt?: string;
  /** The assistant's side of a turn safety answered: the notice's categories and, for a crisis, its helplines. */
  safetyNotice?: { categories: string[]; resources: CrisisResource[] };
  /** Who spoke (a reply), with the name it had then, and the reply's place among its turn's replies. */
  personaId?: string;
  personaName?: string;
  replyIndex?: number;
}

export interface PersonaSummary {
  id: string;
  displayName: string;
  tagline: string;
  /** Built-in, or made by this teen (custom personas). */
  custom: boolean;
  /**
   * Where the persona is in its making, as the API says (`collecting`, `synthesizing`, `drawing`, `ready`, `failed`);
   * absent for the built-ins the client knows without asking.
   */
  status?: string;
}

export interface RememberedFact {
  id: string;
  text: string;
  /** What kind of thing it is (Person, Place, Goal, …), when the API says. */
  kind?: string;
}

/** A question of a survey friends answer, as `GET /surveys/{id}` gives it to anyone with the link. */
export interface SurveyQuestion {
  id: string;
  kind: "text" | "choice";
  text: string;
  options?: string[];
}

export interface PublicSurvey {
  surveyId: string;
  subjectName: string;
  questions: SurveyQuestion[];
  /** The language the survey asks in (absent from an API before languages: English). */
  language?: "en" | "es";
}

/** What a friend sent: an id this browser keeps, and each answered question. */
export interface SurveyAnswers {
  respondentId: string;
  answers: { questionId: string; answer: string }[];
}

/** A helpline as the API sends it, in a safety notice or beside a survey's thanks. */
export interface CrisisResource {
  name: string;
  contact: string;
  description: string;
}

/** The answer taken: words to thank the friend with, and helplines when an answer was worrying. */
export interface SurveyAnswerAccepted {
  message: string;
  support?: CrisisResource[];
}

export interface HealthReport {
  ok: boolean;
  /** Name → state, as the endpoint reports its parts. */
  parts: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const firstString = (record: Record<string, unknown>, keys: readonly string[]): string | undefined => {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.length > 0) return value;
  }
  return undefined;
};
/** The list in a body that is either a list or an object holding one under one of `keys`. */
const listIn = (body: unknown, keys: readonly string[]): unknown[] => {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return [];
  for (const key of keys) {
    const value = body[key];
    if (Array.isArray(value)) return value;
  }
  return [];
};

export const parsePersonas = (body: unknown): PersonaSummary[] =>
  listIn(body, ["personas", "items"]).flatMap((item) => {
    if (!isRecord(item)) return [];
    const id = firstString(item, ["id", "personaId"]);
    if (!id) return [];
    const status = firstString(item, ["status"]);
    return [
      {
        id,
        displayName: firstString(item, ["displayName", "name"]) ?? id,
        tagline: firstString(item, ["tagline", "description", "summary"]) ?? "",
        custom: item.custom === true || item.builtIn === false || item.kind === "custom" || typeof item.ownerId === "string",
        ...(status ? { status } : {}),
      },
    ];
  });

export const parseMemory = (body: unknown): RememberedFact[] =>
  listIn(body, ["facts", "items", "memories", "memory"]).flatMap((item) => {
    if (!isRecord(item)) return [];
    const id = firstString(item, ["factId", "id"]);
    const text = firstString(item, ["text", "summary", "statement", "description", "content", "name", "label"]);
    if (!id || !text) return [];
    const kind = firstString(item, ["kind", "type", "label", "category"]);
    return [{ id, text, ...(kind && kind !== text ? { kind } : {}) }];
  });

export const parseHealth = (status: number, body: unknown): HealthReport => {
  const parts: Record<string, string> = {};
  const source = isRecord(body) ? (isRecord(body.checks) ? body.checks : isRecord(body.parts) ? body.parts : body) : {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") parts[name] = String(value);
    else if (isRecord(value)) parts[name] = firstString(value, ["status", "state"]) ?? (value.ok === true ? "ok" : value.ok === false ? "failing" : JSON.stringify(value));
  }
  return { ok: status >= 200 && status < 300, parts };
};

/** How one call goes out: with the signed-in token or without (public routes, or a page with nobody signed in), and its JSON body. */
interface Call {
  withToken: boolean;
  body?: unknown;
}

export class HttpApi {
  /** `token` is absent on a page nobody signs in to (a survey's share link): only the public routes answer it. */
  constructor(
    private readonly apiUrl: string,
    private readonly token: () => string | undefined = () => undefined,
  ) {}

  /** One page of the teen's sessions, newest first; `nextCursor` while older ones remain (the API gives 50 at most a page). */
  sessionsPage(cursor?: string): Promise<{ sessions: SessionSummary[]; nextCursor?: string }> {
    return this.json<{ sessions: SessionSummary[]; nextCursor?: string }>("GET", cursor === undefined ? "/sessions" : `/sessions?cursor=${encodeURIComponent(cursor)}`);
  }

  getSession(sessionId: string): Promise<SessionSummary> {
    return this.json<SessionSummary>("GET", `/sessions/${encodeURIComponent(sessionId)}`);
  }

  async sessionMessages(sessionId: string, afterSeq = 0): Promise<StoredMessage[]> {
    const messages: StoredMessage[] = [];
    for (let after = afterSeq; ; ) {
      const page = await this.json<{ messages: StoredMessage[]; nextAfterSeq?: number }>("GET", `/sessions/${encodeURIComponent(sessionId)}/messages?afterSeq=${after}&limit=200`);
      messages.push(...page.messages);
      // A page ends at a turn's end and says where the next one starts; the last page says nothing.
      if (page.nextAfterSeq === undefined || page.nextAfterSeq <= after || messages.length > 10_000) return messages;
      after = page.nextAfterSeq;
    }
  }

  endSession(sessionId: string): Promise<SessionSummary> {
    return this.json<SessionSummary>("POST", `/sessions/${encodeURIComponent(sessionId)}/end`);
  }

  personas(): Promise<Feature<PersonaSummary[]>> {
    return this.feature("/personas", parsePersonas);
  }

  memory(): Promise<Feature<RememberedFact[]>> {
    return this.feature("/me/memory", parseMemory);
  }

  async forget(factId: string): Promise<void> {
    await this.request("DELETE", `/me/memory/${encodeURIComponent(factId)}`);
  }

  /** `DELETE /me`: erases everything stored about the caller, in every table and the graph (204); the token stops working. */
  async deleteAccount(): Promise<void> {
    await this.request("DELETE", "/me");
  }

  /** `GET /me/export`: everything stored about the caller (sessions, messages still kept, facts, context, personas, surveys), as JSON. */
  myData(): Promise<unknown> {
    return this.json<unknown>("GET", "/me/export");
  }

  /** `GET /surveys/{id}`, public: the questions a friend with the share link answers. */
  survey(surveyId: string): Promise<PublicSurvey> {
    return this.json<PublicSurvey>("GET", `/surveys/${encodeURIComponent(surveyId)}`, { withToken: false });
  }

  /** `POST /surveys/{id}/responses`, public: a friend's answers (202 when taken; 409 when this friend answered already). */
  answerSurvey(surveyId: string, answers: SurveyAnswers): Promise<SurveyAnswerAccepted> {
    return this.json<SurveyAnswerAccepted>("POST", `/surveys/${encodeURIComponent(surveyId)}/responses`, { withToken: false, body: answers });
  }

  /** Whether the API refuses the token (401): expired, or issued before its account was erased. False when offline. */
  async tokenRefused(): Promise<boolean> {
    const response = await this.send("GET", "/sessions", { withToken: true }).catch(() => undefined);
    return response?.status === 401;
  }

  /** `GET /health` needs no token; a 503 still reports which part is down. */
  async health(): Promise<Feature<HealthReport>> {
    const response = await this.send("GET", "/health", { withToken: false });
    if (response.status === 404) return { available: false };
    return { available: true, value: parseHealth(response.status, await response.json().catch(() => ({}))) };
  }

  /** Admins only: 403 for everyone else, which the operator view treats like "not here". */
  async adminStatus(): Promise<Feature<Record<string, unknown>>> {
    const response = await this.send("GET", "/admin/status", { withToken: true });
    if (response.status === 404 || response.status === 403) return { available: false };
    if (!response.ok) throw await this.failure(response);
    const body: unknown = await response.json();
    return { available: true, value: isRecord(body) ? body : { status: body } };
  }

  private async feature<T>(path: string, parse: (body: unknown) => T): Promise<Feature<T>> {
    const response = await this.send("GET", path, { withToken: true });
    if (response.status === 404) return { available: false };
    if (!response.ok) throw await this.failure(response);
    return { available: true, value: parse(await response.json()) };
  }

  private async json<T>(method: string, path: string, call: Call = { withToken: true }): Promise<T> {
    return (await (await this.request(method, path, call)).json()) as T;
  }

  /** The answer when it is a 2xx; anything else is thrown as an ApiError with the status and the API's code. */
  private async request(method: string, path: string, call: Call = { withToken: true }): Promise<Response> {
    const response = await this.send(method, path, call);
    if (!response.ok) throw await this.failure(response);
    return response;
  }

  private async send(method: string, path: string, call: Call): Promise<Response> {
    const token = call.withToken ? this.token() : undefined;
    const headers: Record<string, string> = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(call.body === undefined ? {} : { "content-type": "application/json" }),
    };
    try {
      return await fetch(`${this.apiUrl}${path}`, { method, headers, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) });
    } catch {
      throw new ApiError(0, "OFFLINE", `${method} ${path} got no answer`);
    }
  }

  private async failure(response: Response): Promise<ApiError> {
    const body: unknown = await response.json().catch(() => undefined);
    const error = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
    return new ApiError(response.status, firstString(error, ["code"]) ?? `HTTP_${response.status}`, firstString(error, ["message"]) ?? response.statusText);
  }
}
