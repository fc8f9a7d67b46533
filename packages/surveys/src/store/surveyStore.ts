// The survey store port: surveys, their anonymous responses, and the one crossing of the synthesis threshold.
import { epochSeconds } from "@innerworld/platform/clock";
import type { SourceLimits } from "../respondent";
import type { Survey, SurveyStatus, SynthesisRecord, SynthesisThreshold } from "../surveySchema";

/** What a status change may record with it. */
export interface SurveyStatusFields {
  personaId?: string;
  failureReason?: string;
  synthesis?: SynthesisRecord;
}

export interface StoredAnswer {
  questionId: string;
  answer: string;
}

export interface StoredResponse {
  respondentKey: string;
  answers: StoredAnswer[];
  receivedAt: string;
  /** The network and browser it came from, hashed per survey; absent on responses kept before sources were. */
  networkKey?: string;
  browserKey?: string;
}

/** Why an answer was not kept: safety dropped it, or nothing was left once where its subject can be found was taken out. */
export type DropReason = "abusive" | "crisis" | "locating";

/** What became of a response: kept, the respondent's second, or one more than its network or browser may give. */
export type AddResponseResult = "added" | "duplicate" | "source_full";

/**
 * Responses are kept for the persona to be made, then for at most this long. From its expiry a response is gone to
 * every read and write of every adapter (not listed, not counted, no longer its respondent's one answer), whenever
 * DynamoDB's TTL gets round to deleting it; a browser's or network's count expires this long after its last response.
 */
export const RESPONSE_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** The TTL (epoch seconds) of a response kept, or a source counted, at `nowMs`. */
export const responseExpiresAt = (nowMs: number): number => epochSeconds(nowMs) + RESPONSE_RETENTION_SECONDS;

/** When (store's time, to the second) a response with this TTL was kept. */
export const keptAtOf = (expiresAt: number): number => (expiresAt - RESPONSE_RETENTION_SECONDS) * 1000;

/** A survey as the sweep sees it: where its saga stands, and the responses it has now. */
export interface SurveySagaState {
  surveyId: string;
  ownerId: string;
  status: SurveyStatus;
  /** The claim's time by the store's clock, and whether its SurveyCompleted is on the bus. */
  claimedAtMs?: number;
  announced: boolean;
  /** Its responses not yet expired, each with when the store kept it. */
  responses: readonly (StoredResponse & { keptAtMs: number })[];
}

/** A survey whose saga nobody but a sweep will start. */
export interface SurveyAwaitingSaga {
  surveyId: string;
  ownerId: string;
}


export interface SurveyStore {
  /** Keeps a new survey; its `responseCount` is not kept, as every read counts its responses afresh. */
  create(survey: Survey): Promise<void>;
  /**
   * A survey as it stands, its `responseCount` the responses it keeps now: one past its retention is not counted,
   * though nothing has deleted it yet and it was counted before.
   */
  get(surveyId: string): Promise<Survey | undefined>;
  /** An owner's surveys, counted as `get` counts them. */
  listByOwner(ownerId: string): Promise<Survey[]>;
  /**
   * Keeps the first response of each respondent; a second one from the same respondent is refused. When `limits` are
   * given, a response whose browser or network has given as many as they allow is refused too ("source_full"), however
   * many arrive at once; a respondent's second response is "duplicate" before it is ever counted against its source.
   * A response to a survey that does not exist, or that is deleted while the response is written, is not kept
   * (SurveyNotFoundError).
   */
  addResponse(surveyId: string, response: StoredResponse, limits?: SourceLimits): Promise<AddResponseResult>;
  /** A screened-out answer is counted, never stored. */
  countDropped(surveyId: string, reason: DropReason): Promise<void>;
  /** Counts the responses kept now, and claims nothing: a replay's count. */
  countResponses(surveyId: string): Promise<number>;
  /**
   * Counts the responses kept so far and, when they reach `threshold` (so many responses, from so many networks; a
   * response kept before networks were recorded counts as its own), claims the survey for synthesis, marking the claim
   * with the store's time: `crossed` is true for exactly one claimant, however many count at the same moment — and
   * again for that same claimant when it asks twice while the survey is still `synthesizing` and its SurveyCompleted
   * not yet announced (a redelivered event whose first attempt claimed, then failed to publish). With
   * `takeOverAfterMs`, another claimant takes over a claim that old and still unannounced (its claimant's attempts are
   * over: it died or dead-lettered between the claim and the announcement), one taker per stale claim. A claim asked
   * again never changes the survey's status.
   */
  claimForSynthesis(surveyId: string, threshold: SynthesisThreshold, claimant: string, options?: { takeOverAfterMs?: number }): Promise<{ count: number; crossed: boolean }>;
  /**
   * The surveys whose saga nobody but a sweep will start (awaitsSagaStart): for a periodic sweep, which claims each with
   * claimForSynthesis as an answer's event would. Reads the whole store; a sweep's pace, not a request's.
   */
  listAwaitingSagaStart(threshold: SynthesisThreshold, settledAfterMs: number): Promise<SurveyAwaitingSaga[]>;
  /** Notes that the claim's SurveyCompleted is on the bus: from then on no claimant, not even its own, is told to announce it. */
  markAnnounced(surveyId: string): Promise<void>;
  listResponses(surveyId: string): Promise<StoredResponse[]>;
  /**
   * Puts the survey in `status` when its own status may move there (SURVEY_STATUS_FROM), in one conditional write:
   * true when it is in `status` now, false when it was elsewhere and stays there. SurveyNotFoundError when it is gone.
   */
  setStatus(surveyId: string, status: SurveyStatus, fields?: SurveyStatusFields): Promise<boolean>;
  /** Removes a survey, its responses and what was counted of their sources (the owner's erasure). */
  delete(surveyId: string): Promise<void>;
}

/** How many networks responses came from; one kept before networks were recorded is counted as a network of its own. */
export const networkCountOf = (responses: readonly StoredResponse[]): number => new Set(responses.map((r) => r.networkKey ?? `respondent:${r.respondentKey}`)).size;

/** Whether kept responses reach a threshold. */
export const reachesThreshold = (responses: readonly StoredResponse[], threshold: SynthesisThreshold): boolean =>
  responses.length >= threshold.responses && networkCountOf(responses) >= threshold.networks;

/**
 * Whether a survey waits for a saga nobody else will start: collecting, with answers that reach the threshold, the
 * latest kept `settledAfterMs` ago (time enough for its own event's attempts, which claim it when they can); or claimed
 * that long ago and never announced (its claimant died, or gave up without its StepFailed being heard).
 */
export const awaitsSagaStart = (state: SurveySagaState, threshold: SynthesisThreshold, nowMs: number, settledAfterMs: number): boolean => {
  if (state.status === "synthesizing") return !state.announced && state.claimedAtMs !== undefined && state.claimedAtMs + settledAfterMs <= nowMs;
  if (state.status !== "collecting" || state.claimedAtMs !== undefined || !reachesThreshold(state.responses, threshold)) return false;
  return Math.max(...state.responses.map((r) => r.keptAtMs)) + settledAfterMs <= nowMs;
};

export class SurveyNotFoundError extends Error {
  override readonly name = "SurveyNotFoundError";
  readonly code = "SURVEY_NOT_FOUND";
  constructor(readonly surveyId: string) {
    super(`No survey ${surveyId}`);
  }
}

export const isSurveyNotFoundError = (error: unknown): error is SurveyNotFoundError =>
  error instanceof Error && (error as { code?: unknown }).code === "SURVEY_NOT_FOUND";
