// The survey store in memory, for unit tests: the same semantics as the DynamoDB adapter, one process's worth.
import type { SourceLimits } from "../../respondent";
import { systemClock, type Clock } from "@innerworld/platform/clock";
import { mayMoveSurvey, type Survey, type SurveyStatus, type SynthesisThreshold } from "../../surveySchema";
import { SurveyNotFoundError, reachesThreshold, type AddResponseResult, type DropReason, type StoredResponse, type SurveyStatusFields, type SurveyStore } from "../surveyStore";

/** What the store keeps of a claim beside the survey, as the DynamoDB item does; never part of the survey read back. */
interface Claim {
  claimedBy?: string;
  claimedAt?: number;
  announced?: boolean;
}

export class InMemorySurveyStore implements SurveyStore {
  constructor(private readonly clock: Clock = systemClock) {}

  private readonly surveys = new Map<string, Survey & Claim>();
  private readonly responses = new Map<string, Map<string, StoredResponse>>();
  /** Per survey, how many responses each source (browser or network) has given. */
  private readonly sources = new Map<string, Map<string, number>>();

  async create(survey: Survey): Promise<void> {
    if (this.surveys.has(survey.surveyId)) throw new Error(`survey ${survey.surveyId} exists`);
    this.surveys.set(survey.surveyId, structuredClone(survey));
  }

  async get(surveyId: string): Promise<Survey | undefined> {
    const found = this.surveys.get(surveyId);
    if (!found) return undefined;
    const { claimedBy: _claimant, claimedAt: _claimedAt, announced: _announced, ...survey } = structuredClone(found);
    return survey;
  }

  async listByOwner(ownerId: string): Promise<Survey[]> {
    const mine = [...this.surveys.values()].filter((s) => s.ownerId === ownerId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return Promise.all(mine.map(async (s) => (await this.get(s.surveyId)) as Survey));
  }

  async addResponse(surveyId: string, response: StoredResponse, limits?: SourceLimits): Promise<AddResponseResult> {
    if (!this.surveys.has(surveyId)) throw new SurveyNotFoundError(surveyId);
    const kept = this.responses.get(surveyId) ?? new Map<string, StoredResponse>();
    this.responses.set(surveyId, kept);
    if (kept.has(response.respondentKey)) return "duplicate";
    const given = this.sources.get(surveyId) ?? new Map<string, number>();
    this.sources.set(surveyId, given);
    const counted = limits
      ? [
          ...(response.browserKey ? [{ key: `browser#${response.browserKey}`, cap: limits.perBrowser }] : []),
          ...(response.networkKey ? [{ key: `network#${response.networkKey}`, cap: limits.perNetwork }] : []),
        ]
      : [];
    if (counted.some(({ key, cap }) => (given.get(key) ?? 0) >= cap)) return "source_full";
    for (const { key } of counted) given.set(key, (given.get(key) ?? 0) + 1);
    kept.set(response.respondentKey, structuredClone(response));
    return "added";
  }

  async countDropped(surveyId: string, _reason: DropReason): Promise<void> {
    const survey = this.surveys.get(surveyId);
    if (!survey) throw new SurveyNotFoundError(surveyId);
    survey.droppedCount += 1;
  }

  async countResponses(surveyId: string): Promise<number> {
    const survey = this.surveys.get(surveyId);
    if (!survey) throw new SurveyNotFoundError(surveyId);
    const count = this.responses.get(surveyId)?.size ?? 0;
    survey.responseCount = Math.max(survey.responseCount, count);
    return count;
  }

  async claimForSynthesis(surveyId: string, threshold: SynthesisThreshold, claimant: string, options: { takeOverAfterMs?: number } = {}): Promise<{ count: number; crossed: boolean }> {
    const count = await this.countResponses(surveyId);
    const survey = this.surveys.get(surveyId) as Survey & Claim;
    if (!reachesThreshold([...(this.responses.get(surveyId)?.values() ?? [])], threshold)) return { count, crossed: false };
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

  async markAnnounced(surveyId: string): Promise<void> {
    const survey = this.surveys.get(surveyId);
    if (survey) survey.announced = true;
  }

  async listResponses(surveyId: string): Promise<StoredResponse[]> {
    return [...(this.responses.get(surveyId)?.values() ?? [])].map((r) => structuredClone(r)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
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
