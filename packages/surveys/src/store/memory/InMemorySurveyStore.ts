// The survey store in memory, for unit tests: the same semantics as the DynamoDB adapter, one process's worth.
import type { SourceLimits } from "../../respondent";
import { isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { mayMoveSurvey, type Survey, type SurveyStatus, type SynthesisThreshold } from "../../surveySchema";
import { SurveyNotFoundError, awaitsSagaStart, keptAtOf, reachesThreshold, responseExpiresAt, type SurveyAwaitingSaga, type AddResponseResult, type DropReason, type StoredResponse, type SurveyStatusFields, type SurveyStore } from "../surveyStore";

/** What the store keeps of a claim beside the survey, as the DynamoDB item does; never part of the survey read back. */
interface Claim {
  claimedBy?: string;
  claimedAt?: number;
  announced?: boolean;
}

/** A response or a source's count with its TTL, as the DynamoDB items carry it: expired, it is gone though still held. */
interface Expiring<T> {
  value: T;
  expiresAt: number;
}

export class InMemorySurveyStore implements SurveyStore {
  constructor(private readonly clock: Clock = systemClock) {}

  private readonly surveys = new Map<string, Survey & Claim>();
  private readonly responses = new Map<string, Map<string, Expiring<StoredResponse>>>();
  /** Per survey, how many responses each source (browser or network) has given. */
  private readonly sources = new Map<string, Map<string, Expiring<number>>>();

  /** The responses not yet expired. */
  private liveResponses(surveyId: string): StoredResponse[] {
    const now = this.clock();
    return [...(this.responses.get(surveyId)?.values() ?? [])].filter((kept) => !isExpired(kept, now)).map((kept) => kept.value);
  }

  async create(survey: Survey): Promise<void> {
    if (this.surveys.has(survey.surveyId)) throw new Error(`survey ${survey.surveyId} exists`);
    this.surveys.set(survey.surveyId, structuredClone({ ...survey, responseCount: 0 }));
  }

  async get(surveyId: string): Promise<Survey | undefined> {
    const found = this.surveys.get(surveyId);
    if (!found) return undefined;
    const { claimedBy: _claimant, claimedAt: _claimedAt, announced: _announced, ...survey } = structuredClone(found);
    return { ...survey, responseCount: this.liveResponses(surveyId).length };
  }

  async listByOwner(ownerId: string): Promise<Survey[]> {
    const mine = [...this.surveys.values()].filter((s) => s.ownerId === ownerId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return Promise.all(mine.map(async (s) => (await this.get(s.surveyId)) as Survey));
  }

  async addResponse(surveyId: string, response: StoredResponse, limits?: SourceLimits): Promise<AddResponseResult> {
    if (!this.surveys.has(surveyId)) throw new SurveyNotFoundError(surveyId);
    const now = this.clock();
    const kept = this.responses.get(surveyId) ?? new Map<string, Expiring<StoredResponse>>();
    this.responses.set(surveyId, kept);
    const previous = kept.get(response.respondentKey);
    if (previous && !isExpired(previous, now)) return "duplicate";
    const given = this.sources.get(surveyId) ?? new Map<string, Expiring<number>>();
    this.sources.set(surveyId, given);
    const countOf = (key: string) => {
      const counted = given.get(key);
      return counted && !isExpired(counted, now) ? counted.value : 0;
    };
    const counted = limits
      ? [
          ...(response.browserKey ? [{ key: `browser#${response.browserKey}`, cap: limits.perBrowser }] : []),
          ...(response.networkKey ? [{ key: `network#${response.networkKey}`, cap: limits.perNetwork }] : []),
        ]
      : [];
    if (counted.some(({ key, cap }) => countOf(key) >= cap)) return "source_full";
    for (const { key } of counted) given.set(key, { value: countOf(key) + 1, expiresAt: responseExpiresAt(now) });
    kept.set(response.respondentKey, { value: structuredClone(response), expiresAt: responseExpiresAt(now) });
    return "added";
  }

  async countDropped(surveyId: string, _reason: DropReason): Promise<void> {
    const survey = this.surveys.get(surveyId);
    if (!survey) throw new SurveyNotFoundError(surveyId);
    survey.droppedCount += 1;
  }

  async countResponses(surveyId: string): Promise<number> {
    if (!this.surveys.has(surveyId)) throw new SurveyNotFoundError(surveyId);
    return this.liveResponses(surveyId).length;
  }

  async claimForSynthesis(surveyId: string, threshold: SynthesisThreshold, claimant: string, options: { takeOverAfterMs?: number } = {}): Promise<{ count: number; crossed: boolean }> {
    const count = await this.countResponses(surveyId);
    const survey = this.surveys.get(surveyId) as Survey & Claim;
    if (!reachesThreshold(this.liveResponses(surveyId), threshold)) return { count, crossed: false };
    const now = this.clock();
    if (survey.claimedAt === undefined) {
      if (survey.status !== "collecting") return { count, crossed: false };
      Object.assign(survey, { claimedBy: claimant, claimedAt: now, status: "synthesizing" });
      return { count, crossed: true };
    }
    if (survey.status !== "synthesizing" || survey.announced) return { count, crossed: false };
    if (survey.claimedBy === claimant) return { count, crossed: true };
    if (options.takeOverAfterMs === undefined || survey.claimedAt + options.takeOverAfterMs > now) return { count, crossed: false };
    Object.assign(survey, { claimedBy: claimant, claimedAt: now });
    return { count, crossed: true };
  }

  async listAwaitingSagaStart(threshold: SynthesisThreshold, settledAfterMs: number): Promise<SurveyAwaitingSaga[]> {
    const now = this.clock();
    return [...this.surveys.values()]
      .filter((survey) => {
        const responses = [...(this.responses.get(survey.surveyId)?.values() ?? [])].filter((kept) => !isExpired(kept, now)).map((kept) => ({ ...kept.value, keptAtMs: keptAtOf(kept.expiresAt) }));
        const state = { surveyId: survey.surveyId, ownerId: survey.ownerId, status: survey.status, announced: survey.announced === true, responses, ...(survey.claimedAt !== undefined ? { claimedAtMs: survey.claimedAt } : {}) };
        return awaitsSagaStart(state, threshold, now, settledAfterMs);
      })
      .map(({ surveyId, ownerId }) => ({ surveyId, ownerId }));
  }

  async markAnnounced(surveyId: string): Promise<void> {
    const survey = this.surveys.get(surveyId);
    if (survey) survey.announced = true;
  }

  async listResponses(surveyId: string): Promise<StoredResponse[]> {
    return this.liveResponses(surveyId).map((r) => structuredClone(r)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async setStatus(surveyId: string, status: SurveyStatus, fields: SurveyStatusFields = {}): Promise<boolean> {
    const survey = this.surveys.get(surveyId);
    if (!survey) throw new SurveyNotFoundError(surveyId);
    if (!mayMoveSurvey(survey.status, status)) return false;
    Object.assign(survey, { status }, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
    return true;
  }

  async delete(surveyId: string): Promise<void> {
    this.surveys.delete(surveyId);
    this.responses.delete(surveyId);
    this.sources.delete(surveyId);
  }
}
