// The survey HTTP API: an owner creates a survey, friends answer it anonymously, the owner follows it to a persona.
import { randomUUID } from "node:crypto";
import type { Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";
import type { RateDecision, BucketSpec, RateLimitScope } from "@innerworld/conversation/rate-limits";

type SurveyScope = Extract<RateLimitScope, "survey_respondent" | "survey">;
import { crisisResources, describesWithInsult, screenOutput, type SafetyVerdict } from "@innerworld/screening";
import { PERSONA_LIMITS, personaNameProblem } from "@innerworld/personas/authoring";
import { screenPersona } from "@innerworld/personas/screening";
import {
  checkAnswers,
  createSurveyRequestSchema,
  SOURCE_LIMITS,
  defaultQuestionsFor,
  duplicateQuestionIds,
  locatesSomeone,
  locatingQuestionRefusal,
  surveyLanguageOf,
  surveyResponseSchema,
  withoutLocatingDetails,
  type SourceKeys,
  type SurveyLanguage,
  type Survey,
  type SurveyQuestion,
} from "@innerworld/surveys";
import { portraitKeyOf, type PortraitStore } from "@innerworld/surveys/portrait-store";
import { isSurveyNotFoundError, type SurveyStore } from "@innerworld/surveys/store";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { ZodError } from "zod";

/** Per respondent and per survey, so one friend cannot flood a survey and a shared link cannot be hammered. */
export const SURVEY_RATE_LIMITS = { perRespondentPerMinute: 5, perSurveyPerMinute: 60 };

export interface SurveyApiPorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  portraits: PortraitStore;
  publisher: Publisher;
  rateLimiter: { take(buckets: readonly BucketSpec<SurveyScope>[]): Promise<RateDecision<SurveyScope>> };
  /** Checks an optional bearer token on the public routes; undefined when it is absent or invalid. */
  userOfToken(token: string): Promise<string | undefined>;
  screen(text: string): SafetyVerdict;
  /** Keys a response by respondent, network and browser under a secret kept outside the tables. */
  sourceKeys: SourceKeys;
  clock: Clock;
  /** Where a friend opens the survey; the API's own URL when no web client is configured. */
  shareBaseUrl?: string;
}

type Result = APIGatewayProxyStructuredResultV2;
const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const problem = (statusCode: number, code: string, message: string, details?: unknown): Result => json(statusCode, { error: { code, message, ...(details ? { details } : {}) } });
const fieldProblems = (error: ZodError) => error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", reason: issue.message }));

/**
 * Words about someone else, which a model turns into a persona, are held to a stricter rule than a teen's own chat:
 * anything safety would flag is dropped as abusive ("a stupid b*tch" is only flagged as profanity in a chat), except
 * personal data, which is kept redacted; and so is anything a persona could never say, and any name-calling, since the
 * answers become the persona's own words ("ugly, stupid and fat" passes a teen's chat, never a persona's).
 */
const isAbusive = (verdict: SafetyVerdict, text: string) =>
  verdict.action === "block" || (verdict.action === "flag" && verdict.categories.some((c) => c !== "personal_data")) || ["block", "crisis"].includes(screenOutput(text).action);

/** An answer, which describes the subject: also dropped when it calls them names. */
const isAbusiveAnswer = (verdict: SafetyVerdict, text: string) => isAbusive(verdict, text) || describesWithInsult(text);

/** Secrets no survey may ask for, whoever they belong to. */
const ASKS_FOR_SECRETS = /\bpasswords?\b|\bpasscodes?\b|\bsocial\s+security\b|\bcontrase(?:ñ|n)as?\b/i;

/**
 * Why a question may not be asked: abuse; where its subject lives, is, goes or can be found, when they are alone, or
 * how to reach them (families of intent, in English and Spanish: packages/surveys' locatingQuestions); secrets;
 * undefined when it may.
 */
const questionRefusal = (question: SurveyQuestion, screen: (text: string) => SafetyVerdict): string | undefined => {
  const texts = [question.text, ...(question.kind === "choice" ? question.options : [])];
  const refused = (text: string) => {
    const verdict = screen(text);
    return verdict.action === "crisis" || isAbusive(verdict, text);
  };
  if (texts.some(refused)) return "not allowed";
  const locating = locatingQuestionRefusal(question.text);
  if (locating) return locating;
  if (ASKS_FOR_SECRETS.test(question.text)) return "asks for a password or an identity number, which a persona does not need";
  if (question.kind === "choice" && question.options.some(locatesSomeone)) return "an option names where someone can be found or reached, which a persona does not need";
  if (question.kind === "choice" && new Set(question.options.map((option) => option.toLowerCase())).size < question.options.length) return "the same option is listed twice";
  return undefined;
};

/** What a friend sees after answering; the same words whether or not an answer was dropped, so nothing is revealed. */
export const THANK_YOU = "Thanks for answering! Your words help build something your friend will love.";
const THANKS: Record<SurveyLanguage, string> = { en: THANK_YOU, es: "¡Gracias por responder! Tus palabras ayudan a crear algo que a tu amigo le va a encantar." };

/**
 * Far more than any request the API takes (twenty questions with their options, or twenty answers of the longest kind,
 * each character escaped), far less than API Gateway lets through: a bigger body is refused before it is parsed.
 */
export const MAX_SURVEY_BODY_BYTES = 256 * 1024;

/**
 * The request's JSON body, or the problem with it: a body not declared as application/json is refused, as is a body too
 * large to be a request. That includes a form, JSON sent as text/plain, and a body with no type at all: a browser sends
 * each of them cross-site without asking first (fetch sends a Blob or an ArrayBuffer untyped), and every client of this
 * API declares its JSON.
 */
const parseBody = (event: APIGatewayProxyEventV2WithJWTAuthorizer): { ok: true; value: unknown } | { ok: false; problem: Result } => {
  if (!event.body) return { ok: true, value: {} };
  const mediaType = event.headers?.["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") return { ok: false, problem: problem(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be JSON, sent as application/json") };
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (Buffer.byteLength(text, "utf8") > MAX_SURVEY_BODY_BYTES) return { ok: false, problem: problem(413, "BODY_TOO_LARGE", `The body is larger than ${MAX_SURVEY_BODY_BYTES} bytes`) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: problem(400, "MALFORMED_JSON", "The body is not valid JSON") };
  }
};

/**
 * What the owner follows: `responseCount` is the friends' answers the survey keeps now, which falls again as they expire
 * (a persona is made only from answers still kept); `droppedCount` the answers screening dropped, ever.
 */
const ownerView = (survey: Survey) => ({
  responseCount: survey.responseCount,
  droppedCount: survey.droppedCount,
  status: survey.status,
  ...(survey.personaId ? { personaId: survey.personaId } : {}),
  ...(survey.failureReason ? { failureReason: survey.failureReason } : {}),
});

export const createSurveyApi = (ports: SurveyApiPorts) => {
  const now = () => new Date(ports.clock());

  const createSurvey = async (userId: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const body = parseBody(event);
    if (!body.ok) return body.problem;
    const parsed = createSurveyRequestSchema.safeParse(body.value);
    if (!parsed.success) return problem(400, "INVALID_SURVEY", "The survey is not valid", fieldProblems(parsed.error));
    // Friends are asked in the owner's language (their browser's, unless they chose one): a Spanish-speaking teen's
    // friends get Spanish default questions, page and thanks, and the persona is written in Spanish.
    const language = parsed.data.language ?? surveyLanguageOf(event.headers?.["accept-language"]);
    const questions = parsed.data.questions ?? [...defaultQuestionsFor(language)];
    const duplicates = duplicateQuestionIds(questions);
    if (duplicates.length) return problem(400, "INVALID_SURVEY", "Question ids must be unique", duplicates.map((id) => ({ field: "questions.id", reason: `${id} is used twice` })));
    // The subject's name becomes the persona's: it is held to the rules a persona's name is: readable, not a built-in's,
    // and no role or profession ("Maya the therapist girlfriend").
    const nameProblem = personaNameProblem(parsed.data.subjectName);
    if (nameProblem) return problem(400, "INVALID_SURVEY", "The survey is not valid", [{ field: "subjectName", reason: nameProblem }]);
    const nameReasons = screenPersona({ name: parsed.data.subjectName, description: "", personality: "", speakingStyle: "", topics: [] });
    if (nameReasons.length) return problem(422, "UNSAFE_SURVEY", "This name cannot be a persona's", nameReasons.map((r) => ({ field: "subjectName", reason: r.reason })));
    // An owner's own questions are read by friends: no abuse in them either, and no asking for where someone lives.
    const refused = questions.flatMap((q) => {
      const reason = questionRefusal(q, ports.screen);
      return reason ? [{ field: `questions.${q.id}`, reason }] : [];
    });
    if (refused.length) return problem(422, "UNSAFE_SURVEY", "Some questions cannot be asked", refused);
    // The survey ends in a persona of the owner's: one who has as many as one may have is told now, not after friends answered.
    if ((await ports.personas.listByOwner(userId)).length >= PERSONA_LIMITS.personasPerUser) {
      return problem(409, "PERSONA_LIMIT_REACHED", `You have ${PERSONA_LIMITS.personasPerUser} personas, as many as one may have: delete one to make room for the one this survey makes`);
    }
    const survey: Survey = { surveyId: randomUUID(), ownerId: userId, subjectName: parsed.data.subjectName, questions, language, status: "collecting", createdAt: now().toISOString(), responseCount: 0, droppedCount: 0 };
    await ports.surveys.create(survey);
    const base = ports.shareBaseUrl ?? `https://${event.requestContext.domainName}`;
    return json(201, { surveyId: survey.surveyId, shareUrl: `${base.replace(/\/$/, "")}/surveys/${survey.surveyId}`, questions, language }, { location: `/surveys/${survey.surveyId}` });
  };

  const getSurvey = async (surveyId: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const survey = await ports.surveys.get(surveyId);
    if (!survey) return problem(404, "SURVEY_NOT_FOUND", "No such survey");
    const bearer = /^Bearer (.+)$/i.exec(event.headers?.authorization ?? "")?.[1];
    const userId = bearer ? await ports.userOfToken(bearer) : undefined;
    const publicView = { surveyId: survey.surveyId, subjectName: survey.subjectName, questions: survey.questions, language: survey.language ?? "en" };
    return json(200, userId === survey.ownerId ? { ...publicView, ...ownerView(survey) } : publicView);
  };

  /** A survey deleted while a friend's answer was on its way answers as one that was never there. */
  const respond = async (surveyId: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    try {
      return await respondTo(surveyId, event);
    } catch (error) {
      if (isSurveyNotFoundError(error)) return problem(404, "SURVEY_NOT_FOUND", "No such survey");
      throw error;
    }
  };

  const respondTo = async (surveyId: string, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const body = parseBody(event);
    if (!body.ok) return body.problem;
    const parsed = surveyResponseSchema.safeParse(body.value);
    if (!parsed.success) return problem(400, "INVALID_RESPONSE", "The response is not valid", fieldProblems(parsed.error));
    const survey = await ports.surveys.get(surveyId);
    if (!survey) return problem(404, "SURVEY_NOT_FOUND", "No such survey");
    if (survey.status === "ready" || survey.status === "failed") return problem(410, "SURVEY_CLOSED", "This survey is no longer taking answers");
    const answerProblems = checkAnswers(survey.questions, parsed.data.answers);
    if (answerProblems.length) return problem(400, "INVALID_RESPONSE", "Some answers do not fit the questions", answerProblems.map((p) => ({ field: `answers.${p.questionId}`, reason: p.reason })));

    const traits = { sourceIp: event.requestContext.http.sourceIp, userAgent: event.requestContext.http.userAgent };
    const respondentKey = ports.sourceKeys.respondentKeyOf(surveyId, parsed.data.respondentId, traits);
    const decision = await ports.rateLimiter
      .take([
        { scope: "survey_respondent", key: respondentKey, perMinute: SURVEY_RATE_LIMITS.perRespondentPerMinute },
        { scope: "survey", key: surveyId, perMinute: SURVEY_RATE_LIMITS.perSurveyPerMinute },
      ]);
    // A record contended under a burst of answers at once comes back refused, like an empty bucket (the limiter answers
    // so itself); any other failure of the limiter (its table unreachable) is the server's error, and says so.
    if (!decision.allowed) return problem(429, "RATE_LIMITED", "Too many answers just now; try again shortly", { retryAfter: decision.retryAfter });

    // Each answer is screened on its own: an abusive or crisis answer is dropped and counted, never kept or shown to a
    // model. What locates or reaches the subject (a school, a handle, a number, where they are at what time) is taken
    // out of a written answer before it is kept, and the answer dropped when nothing else was said. A choice is one of
    // the owner's options, which were held to the same rule when the survey was made.
    const dropped = { abusive: 0, crisis: 0, locating: 0 };
    const kinds = new Map(survey.questions.map((q) => [q.id, q.kind]));
    const kept: { questionId: string; answer: string }[] = [];
    for (const answer of parsed.data.answers) {
      const verdict = ports.screen(answer.answer);
      if (verdict.action === "crisis") {
        dropped.crisis += 1;
        continue;
      }
      // Held to the persona's rules once its locating parts are out: a number in an answer is taken out, not a reason
      // to drop the whole answer as a reply containing one would be.
      const text = kinds.get(answer.questionId) === "choice" ? answer.answer : withoutLocatingDetails(answer.answer);
      if (text === undefined) dropped[isAbusive(verdict, answer.answer) && verdict.categories.some((c) => c !== "personal_data") ? "abusive" : "locating"] += 1;
      else if (isAbusiveAnswer(text === answer.answer ? verdict : ports.screen(text), text)) dropped.abusive += 1;
      else kept.push({ questionId: answer.questionId, answer: text });
    }
    // A friend who wrote something worrying gets the helplines with the thanks, whatever else happened.
    const thanks = { message: THANKS[survey.language ?? "en"], ...(dropped.crisis ? { support: crisisResources(event.headers?.["accept-language"]?.split(",")[0]).resources } : {}) };
    const countDropped = async () => {
      for (let i = 0; i < dropped.abusive; i++) await ports.surveys.countDropped(surveyId, "abusive");
      for (let i = 0; i < dropped.crisis; i++) await ports.surveys.countDropped(surveyId, "crisis");
      for (let i = 0; i < dropped.locating; i++) await ports.surveys.countDropped(surveyId, "locating");
    };
    if (kept.length === 0) {
      await countDropped();
      return json(202, thanks);
    }

    const receivedAt = now().toISOString();
    // One event per friend's response whenever it is published: its id comes from the survey and the respondent, so
    // storage counts it once however often it is sent.
    const announce = () =>
      ports.publisher.publish({
        type: "SurveyResponseAccepted",
        correlationId: surveyId,
        userId: survey.ownerId,
        deduplicationKey: `${surveyId}:${respondentKey}`,
        data: { surveyId, respondentKey, answerCount: kept.length, droppedAnswers: dropped, receivedAt },
      });
    const added = await ports.surveys.addResponse(surveyId, { respondentKey, answers: kept, receivedAt, ...ports.sourceKeys.responseSourceOf(surveyId, traits) }, SOURCE_LIMITS);
    if (added === "duplicate") {
      // A friend sending the same response again is answered, not counted again. It is announced again, though: the
      // first try may have kept the answer and then failed to publish (a 500 the friend retried), and an answer never
      // announced is never counted, which could leave the survey short of its third answer for good. Its dropped
      // answers were counted with the first try.
      await announce();
      return problem(409, "ALREADY_ANSWERED", "You have answered this survey already");
    }
    // As many answers as one network or browser may give have come from this one: most likely the same person again.
    if (added === "source_full") return problem(409, "SOURCE_LIMIT_REACHED", "This survey has all the answers it takes from your network");
    await countDropped();
    await announce();
    return json(202, thanks);
  };

  /**
   * The owner takes a survey down, with every answer friends gave: its link stops working. A persona it already made
   * stays, the owner's own (DELETE /personas/{id} removes it); a synthesis still running finds the survey gone and
   * keeps nothing. Another user's survey answers exactly like a missing one.
   */
  const deleteSurvey = async (userId: string, surveyId: string): Promise<Result> => {
    const survey = await ports.surveys.get(surveyId);
    if (!survey || survey.ownerId !== userId) return problem(404, "SURVEY_NOT_FOUND", "No such survey");
    await ports.surveys.delete(surveyId);
    return { statusCode: 204 };
  };

  const portrait = async (userId: string, personaId: string): Promise<Result> => {
    // Persona ids are at most 64 characters (as the persona routes hold them); a longer one names nothing, and as a
    // DynamoDB key it would fail the read with a 500.
    if (personaId.length > 64) return problem(404, "PERSONA_NOT_FOUND", "No such persona");
    const persona = await ports.personas.get(personaId);
    // Another user's persona answers exactly like a missing one.
    if (!persona || (!persona.builtIn && persona.ownerId !== userId)) return problem(404, "PERSONA_NOT_FOUND", "No such persona");
    const picture = await ports.portraits.get(portraitKeyOf(personaId));
    if (!picture) return problem(404, "PORTRAIT_NOT_FOUND", "This persona has no portrait");
    const headers = { "content-type": picture.contentType, "cache-control": "private, max-age=3600" };
    // API Gateway carries binary bodies as base64 and decodes them on the way out.
    if (typeof picture.body !== "string") return { statusCode: 200, headers, isBase64Encoded: true, body: Buffer.from(picture.body).toString("base64") };
    return { statusCode: 200, headers, body: picture.body };
  };

  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const surveyId = event.pathParameters?.surveyId ?? "";
    // Survey ids are UUIDs; anything else cannot name a survey (and must not reach DynamoDB as an oversized key).
    if (event.pathParameters?.surveyId !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(surveyId)) return problem(404, "SURVEY_NOT_FOUND", "No such survey");
    const claimed = event.requestContext.authorizer?.jwt?.claims?.sub;
    const userId = typeof claimed === "string" && claimed ? claimed : undefined;
    switch (event.routeKey) {
      case "POST /surveys":
        return userId ? createSurvey(userId, event) : problem(401, "UNAUTHORIZED", "A valid token is required");
      case "GET /surveys/{surveyId}":
        return getSurvey(surveyId, event);
      case "POST /surveys/{surveyId}/responses":
        return respond(surveyId, event);
      case "DELETE /surveys/{surveyId}":
        return userId ? deleteSurvey(userId, surveyId) : problem(401, "UNAUTHORIZED", "A valid token is required");
      case "GET /personas/{personaId}/portrait":
        return userId ? portrait(userId, event.pathParameters?.personaId ?? "") : problem(401, "UNAUTHORIZED", "A valid token is required");
      default:
        return problem(404, "NOT_FOUND", `No route ${event.routeKey}`);
    }
  };
};
