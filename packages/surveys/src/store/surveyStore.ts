// The survey store port: surveys, their anonymous responses, and the one crossing of the synthesis threshold.
import type { Survey, SurveyStatus } from "../surveySchema";

export interface StoredAnswer {
  questionId: string;
  answer: string;
}

export interface StoredResponse {
  respondentKey: string;
  answers: StoredAnswer[];
  receivedAt: string;
}

export type DropReason = "abusive" | "crisis";

/** Responses are kept for the persona to be made, then for at most this long. */
export const RESPONSE_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export interface SurveyStore {
  create(survey: Survey): Promise<void>;
  get(surveyId: string): Promise<Survey | undefined>;
  listByOwner(ownerId: string): Promise<Survey[]>;
  /**
   * Keeps the first response of each respondent; a second one from the same respondent is refused. A response to a
   * survey that does not exist, or that is deleted while the response is written, is not kept (SurveyNotFoundError).
   */
  addResponse(surveyId: string, response: StoredResponse): Promise<"added" | "duplicate">;
  /** A screened-out answer is counted, never stored. */
  countDropped(surveyId: string, reason: DropReason): Promise<void>;
  /**
   * Counts the responses kept so far and, when the count has reached `threshold`, claims the survey for synthesis:
   * `crossed` is true for exactly one claimant, however many count at the same moment — and again for that same
   * claimant when it asks twice while the survey is still `synthesizing` (a redelivered event whose first attempt
   * claimed, then failed to publish). A claim asked again never changes the survey's status.
   */
  claimForSynthesis(surveyId: string, threshold: number, claimant: string): Promise<{ count: number; crossed: boolean }>;
  listResponses(surveyId: string): Promise<StoredResponse[]>;
  setStatus(surveyId: string, status: SurveyStatus, fields?: { personaId?: string; failureReason?: string }): Promise<void>;
  /** Removes a survey and its responses (the owner's erasure). */
  delete(surveyId: string): Promise<void>;
}

export class SurveyNotFoundError extends Error {
  override readonly name = "SurveyNotFoundError";
  readonly code = "SURVEY_NOT_FOUND";
  constructor(readonly surveyId: string) {
    super(`No survey ${surveyId}`);
  }
}

export const isSurveyNotFoundError = (error: unknown): error is SurveyNotFoundError =>
  error instanceof Error && (error as { code?: unknown }).code === "SURVEY_NOT_FOUND";
