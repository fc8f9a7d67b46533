// A survey, its creation request and one anonymous response, validated against the survey's own questions.
import { z } from "zod";
import { isPlainLine, isPlainWriting, NOT_TEXT_REASON } from "./plainText";
import { MAX_QUESTIONS, questionSchema, SURVEY_LANGUAGES, type SurveyLanguage, type SurveyQuestion } from "./questions";

export const SURVEY_STATUSES = ["collecting", "synthesizing", "drawing", "ready", "failed"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * The statuses each status may be reached from: a survey's saga only moves forward, and ends in ready or failed, which
 * nothing leaves (a late portrait does not make a failed survey ready, nor a late failure a ready one failed). Only the
 * claim moves a survey from collecting; failed comes from a saga that started and could not finish.
 */
export const SURVEY_STATUS_FROM: Readonly<Record<SurveyStatus, readonly SurveyStatus[]>> = {
  collecting: [],
  synthesizing: ["collecting"],
  drawing: ["synthesizing"],
  ready: ["drawing"],
  failed: ["synthesizing", "drawing"],
};

/** Whether a survey in `from` may be put in `to`; putting it where it is already is a redelivery, and allowed. */
export const mayMoveSurvey = (from: SurveyStatus, to: SurveyStatus): boolean => from === to || SURVEY_STATUS_FROM[to].includes(from);

/**
 * What a survey needs before friends' answers become a persona, once: three responses, from at least two networks, so
 * that no one network decides a persona alone (see SOURCE_LIMITS).
 */
export interface SynthesisThreshold {
  responses: number;
  networks: number;
}
export const SYNTHESIS_THRESHOLD: SynthesisThreshold = { responses: 3, networks: 2 };
export const MAX_ANSWER_CHARS = 1000;

export const createSurveyRequestSchema = z
  .object({
    /** How the persona will be called; the owner's first name or nickname. */
    subjectName: z.string().trim().min(1).max(60),
    questions: z.array(questionSchema).min(1).max(MAX_QUESTIONS).optional(),
    /** The language friends are asked in; absent: the owner's Accept-Language (Spanish for es-*), else English. */
    language: z.enum(SURVEY_LANGUAGES).optional(),
  })
  .strict();

export const surveyResponseSchema = z
  .object({
    respondentId: z.string().trim().min(8).max(128).refine(isPlainLine, NOT_TEXT_REASON),
    answers: z
      .array(
        z
          .object({
            questionId: z.string().min(1).max(40).refine(isPlainLine, NOT_TEXT_REASON),
            answer: z.string().trim().min(1).max(MAX_ANSWER_CHARS).refine(isPlainWriting, NOT_TEXT_REASON),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_QUESTIONS),
  })
  .strict();
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

export interface Survey {
  surveyId: string;
  ownerId: string;
  subjectName: string;
  questions: SurveyQuestion[];
  /** What language the survey's own words come in; absent on surveys made before (English). */
  language?: SurveyLanguage;
  status: SurveyStatus;
  createdAt: string;
  /**
   * How many friends' responses the survey keeps now, counted by the store at each read: a response is kept for
   * RESPONSE_RETENTION_SECONDS, so this falls again as they expire. Not how many were ever received.
   */
  responseCount: number;
  /** How many answers screening dropped, ever: none of them was kept. */
  droppedCount: number;
  personaId?: string;
  failureReason?: string;
  /** What synthesis announced of the persona it wrote, kept so that announcing it again asks no model again. */
  synthesis?: SynthesisRecord;
}

/** The persona's announcement (PersonaSynthesized) as synthesis first made it. */
export interface SynthesisRecord {
  name: string;
  traits: string[];
  synthesiser: string;
  responseCount: number;
  synthesizedAt: string;
}

export interface AnswerProblem {
  questionId: string;
  reason: string;
}

/** Every answer must name a question of this survey once, and a choice must be one of its options. */
export const checkAnswers = (questions: readonly SurveyQuestion[], answers: SurveyResponse["answers"]): AnswerProblem[] => {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const problems: AnswerProblem[] = [];
  for (const { questionId, answer } of answers) {
    const question = byId.get(questionId);
    if (!question) problems.push({ questionId, reason: "no such question in this survey" });
    else if (seen.has(questionId)) problems.push({ questionId, reason: "answered twice" });
    else if (question.kind === "choice" && !question.options.includes(answer)) problems.push({ questionId, reason: `must be one of: ${question.options.join(", ")}` });
    seen.add(questionId);
  }
  return problems;
};

/** Owner-chosen question ids must be unique: answers refer to them. */
export const duplicateQuestionIds = (questions: readonly SurveyQuestion[]): string[] => {
  const seen = new Set<string>();
  return questions.filter((q) => (seen.has(q.id) ? true : (seen.add(q.id), false))).map((q) => q.id);
};
