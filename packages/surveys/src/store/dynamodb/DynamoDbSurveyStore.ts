// The survey store on DynamoDB: one partition per survey, the survey item beside one item per respondent.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, isConditionFailure, pagesOf } from "@innerworld/platform/dynamodb";
import type { SourceLimits } from "../../respondent";
import { SURVEY_STATUS_FROM, type Survey, type SurveyStatus, type SynthesisThreshold } from "../../surveySchema";
import { SurveyNotFoundError, awaitsSagaStart, keptAtOf, reachesThreshold, responseExpiresAt, type SurveyAwaitingSaga, type SurveySagaState, type AddResponseResult, type DropReason, type StoredResponse, type SurveyStatusFields, type SurveyStore } from "../surveyStore";

const SURVEY_SK = "SURVEY";
const RESPONSE_PREFIX = "RESPONSE#";
/** One counter item per source of a survey's responses: how many it has given. */
const SOURCE_PREFIX = "SOURCE#";

type SurveyItem = Survey & { sk: string; synthesisClaimedAt?: string; claimedBy?: string; synthesisAnnouncedAt?: string };

export class DynamoDbSurveyStore implements SurveyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async create(survey: Survey): Promise<void> {
    const { responseCount: _counted, ...kept } = survey;
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...kept, sk: SURVEY_SK }, ConditionExpression: "attribute_not_exists(surveyId)" }));
  }

  async get(surveyId: string): Promise<Survey | undefined> {
    const [{ Item }, responseCount] = await Promise.all([
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { surveyId, sk: SURVEY_SK }, ConsistentRead: true })),
      this.countKept(surveyId),
    ]);
    return Item ? toSurvey(Item as SurveyItem, responseCount) : undefined;
  }

  /** Whether the survey item is there, read consistently; nothing counted. */
  private async exists(surveyId: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { surveyId, sk: SURVEY_SK }, ConsistentRead: true, ProjectionExpression: "surveyId" }));
    return Item !== undefined;
  }

  /**
   * The responses not yet expired, counted by DynamoDB without reading their answers. Counted at each read, not kept
   * as a tally: nothing happens when a response expires that could lower one.
   */
  private async countKept(surveyId: string): Promise<number> {
    let count = 0;
    const pages = pagesOf((start) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "surveyId = :survey AND begins_with(sk, :prefix)",
          FilterExpression: "attribute_not_exists(expiresAt) OR expiresAt > :now",
          ExpressionAttributeValues: { ":survey": surveyId, ":prefix": RESPONSE_PREFIX, ":now": epochSeconds(this.clock()) },
          Select: "COUNT",
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) count += page.Count ?? 0;
    return count;
  }

  async listByOwner(ownerId: string): Promise<Survey[]> {
    const surveys: Survey[] = [];
    const pages = pagesOf((start) =>
      this.client.send(
        new QueryCommand({ TableName: this.tableName, IndexName: "byOwner", KeyConditionExpression: "ownerId = :owner", ExpressionAttributeValues: { ":owner": ownerId }, ExclusiveStartKey: start }),
      ),
    );
    for await (const page of pages) {
      // Each survey's answers are counted in its own partition: a page's counts are asked for together, not one by one.
      const items = (page.Items ?? []) as SurveyItem[];
      const counts = await Promise.all(items.map((item) => this.countKept(item.surveyId)));
      items.forEach((item, index) => surveys.push(toSurvey(item, counts[index] ?? 0)));
    }
    return surveys;
  }

  async addResponse(surveyId: string, response: StoredResponse, limits?: SourceLimits): Promise<AddResponseResult> {
    if (!(await this.exists(surveyId))) throw new SurveyNotFoundError(surveyId);
    const key = { surveyId, sk: `${RESPONSE_PREFIX}${response.respondentKey}` };
    // A respondent sending again is told so, whatever their network has given since; one whose response expired (TTL
    // may not have deleted it yet) answers afresh.
    const { Item: existing } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ProjectionExpression: "sk, expiresAt" }));
    if (existing && !isExpired(existing, this.clock())) return "duplicate";
    const held = limits ? await this.holdSourceSlots(surveyId, response, limits) : [];
    if (held === undefined) return "source_full";
    const now = this.clock();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...response, expiresAt: responseExpiresAt(now) },
          ConditionExpression: "attribute_not_exists(sk) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": epochSeconds(now) },
        }),
      );
    } catch (error) {
      await this.releaseSourceSlots(surveyId, held);
      if (isConditionFailure(error)) return "duplicate";
      throw error;
    }
    // A condition cannot name another item, and the local DynamoDB has no transactions: the survey is read again after
    // the write. Deleted since (its owner's erasure), the answer goes too; delete() sweeps the answers again after the
    // survey item, so one of the two sees the other.
    if (!(await this.exists(surveyId))) {
      for (const sk of [key.sk, ...held]) await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { surveyId, sk } }));
      throw new SurveyNotFoundError(surveyId);
    }
    return "added";
  }

  /**
   * Takes one slot from the browser's counter, then one from the network's, each only below its cap (an atomic
   * conditional ADD, so parallel answers cannot all see room); gives the first back when the second is full. A counter
   * past its TTL counts nothing and starts again at one. The source keys held, or undefined when a source is full.
   */
  private async holdSourceSlots(surveyId: string, response: StoredResponse, limits: SourceLimits): Promise<string[] | undefined> {
    const wanted = [
      ...(response.browserKey ? [{ sk: `${SOURCE_PREFIX}browser#${response.browserKey}`, cap: limits.perBrowser }] : []),
      ...(response.networkKey ? [{ sk: `${SOURCE_PREFIX}network#${response.networkKey}`, cap: limits.perNetwork }] : []),
    ];
    const held: string[] = [];
    for (const { sk, cap } of wanted) {
      const holds = await this.holdSourceSlot(surveyId, sk, cap).catch(async (error: unknown) => {
        await this.releaseSourceSlots(surveyId, held);
        throw error;
      });
      if (!holds) {
        await this.releaseSourceSlots(surveyId, held);
        return undefined;
      }
      held.push(sk);
    }
    return held;
  }

  /** One slot of one source's counter: below its cap, or a fresh count when the counter has expired. */
  private async holdSourceSlot(surveyId: string, sk: string, cap: number): Promise<boolean> {
    const now = this.clock();
    const values = { ":one": 1, ":now": epochSeconds(now), ":expires": responseExpiresAt(now) };
    const live = this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { surveyId, sk },
        UpdateExpression: "ADD responses :one SET expiresAt = :expires",
        ConditionExpression: "attribute_not_exists(responses) OR (responses < :cap AND (attribute_not_exists(expiresAt) OR expiresAt > :now))",
        ExpressionAttributeValues: { ...values, ":cap": cap },
      }),
    );
    if ((await ifConditionHolds(live)) !== undefined) return true;
    // Full, or expired: only an expired counter (one whose every response has expired too) is started again.
    const restarted = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { surveyId, sk },
          UpdateExpression: "SET responses = :one, expiresAt = :expires",
          ConditionExpression: "expiresAt <= :now",
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return restarted !== undefined;
  }

  private async releaseSourceSlots(surveyId: string, held: readonly string[]): Promise<void> {
    for (const sk of held) {
      await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: { surveyId, sk }, UpdateExpression: "ADD responses :less", ConditionExpression: "attribute_exists(responses)", ExpressionAttributeValues: { ":less": -1 } }),
      ).catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
    }
  }

  async countDropped(surveyId: string, reason: DropReason): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { surveyId, sk: SURVEY_SK },
          UpdateExpression: "ADD droppedCount :one, #byReason :one",
          ConditionExpression: "attribute_exists(surveyId)",
          ExpressionAttributeNames: { "#byReason": `dropped_${reason}` },
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new SurveyNotFoundError(surveyId);
      throw error;
    }
  }

  async countResponses(surveyId: string): Promise<number> {
    return this.countKept(surveyId);
  }

  async claimForSynthesis(surveyId: string, threshold: SynthesisThreshold, claimant: string, options: { takeOverAfterMs?: number } = {}): Promise<{ count: number; crossed: boolean }> {
    // Counting the kept responses (not incrementing a counter) makes a redelivered event harmless.
    const responses = await this.listResponses(surveyId);
    const count = responses.length;
    if (!reachesThreshold(responses, threshold)) return { count, crossed: false };
    const now = this.clock();
    // Only one caller's condition holds: the first to see the threshold reached claims the synthesis.
    const won = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { surveyId, sk: SURVEY_SK },
          UpdateExpression: "SET synthesisClaimedAt = :now, claimedBy = :claimant, #status = :synthesizing",
          ConditionExpression: "attribute_exists(surveyId) AND attribute_not_exists(synthesisClaimedAt) AND #status = :collecting",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":now": new Date(now).toISOString(), ":synthesizing": "synthesizing", ":collecting": "collecting", ":claimant": claimant },
        }),
      ),
    );
    if (won) return { count, crossed: true };
    // Claimed already. The claimant asking again is a redelivery: it changes nothing, and it may start the saga again
    // only while the survey still waits for it (its first attempt claimed, then failed to publish).
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { surveyId, sk: SURVEY_SK }, ConsistentRead: true }));
    const claimed = Item as SurveyItem | undefined;
    if (!claimed?.synthesisClaimedAt || claimed.status !== "synthesizing" || claimed.synthesisAnnouncedAt) return { count, crossed: false };
    if (claimed.claimedBy === claimant) return { count, crossed: true };
    if (options.takeOverAfterMs === undefined || Date.parse(claimed.synthesisClaimedAt) + options.takeOverAfterMs > now) return { count, crossed: false };
    // A stale claim is taken over by one caller: the condition names the claim it found.
    const tookOver = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { surveyId, sk: SURVEY_SK },
          UpdateExpression: "SET synthesisClaimedAt = :now, claimedBy = :claimant",
          ConditionExpression: "synthesisClaimedAt = :claimedAt AND claimedBy = :claimedBy AND #status = :synthesizing AND attribute_not_exists(synthesisAnnouncedAt)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":now": new Date(now).toISOString(), ":claimant": claimant, ":claimedAt": claimed.synthesisClaimedAt, ":claimedBy": claimed.claimedBy ?? "", ":synthesizing": "synthesizing" },
        }),
      ),
    );
    return { count, crossed: tookOver !== undefined };
  }

  /** A scan of the table, survey items and responses together: the sweep runs every few minutes, not per answer. */
  async listAwaitingSagaStart(threshold: SynthesisThreshold, settledAfterMs: number): Promise<SurveyAwaitingSaga[]> {
    const now = this.clock();
    const surveys = new Map<string, Omit<SurveySagaState, "responses">>();
    const responses = new Map<string, (StoredResponse & { keptAtMs: number })[]>();
    const pages = pagesOf((start) =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: "(sk = :survey AND #status IN (:collecting, :synthesizing)) OR begins_with(sk, :response)",
          ProjectionExpression: "surveyId, sk, ownerId, #status, synthesisClaimedAt, synthesisAnnouncedAt, respondentKey, networkKey, expiresAt",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":survey": SURVEY_SK, ":collecting": "collecting", ":synthesizing": "synthesizing", ":response": RESPONSE_PREFIX },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const surveyId = item.surveyId as string;
        if (item.sk === SURVEY_SK) {
          const survey = item as SurveyItem;
          surveys.set(surveyId, {
            surveyId,
            ownerId: survey.ownerId,
            status: survey.status,
            announced: survey.synthesisAnnouncedAt !== undefined,
            ...(survey.synthesisClaimedAt ? { claimedAtMs: Date.parse(survey.synthesisClaimedAt) } : {}),
          });
        } else if (!isExpired(item as { expiresAt?: number }, now)) {
          // Only what the threshold and the settling read; a response kept before TTLs were counts as long settled.
          const keptAtMs = typeof item.expiresAt === "number" ? keptAtOf(item.expiresAt) : 0;
          const kept = { respondentKey: item.respondentKey as string, answers: [], receivedAt: "", keptAtMs, ...(typeof item.networkKey === "string" ? { networkKey: item.networkKey } : {}) };
          responses.set(surveyId, responses.get(surveyId) ?? []);
          responses.get(surveyId)?.push(kept);
        }
      }
    }
    return [...surveys.values()]
      .filter((survey) => awaitsSagaStart({ ...survey, responses: responses.get(survey.surveyId) ?? [] }, threshold, now, settledAfterMs))
      .map(({ surveyId, ownerId }) => ({ surveyId, ownerId }));
  }

  async markAnnounced(surveyId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { surveyId, sk: SURVEY_SK },
        UpdateExpression: "SET synthesisAnnouncedAt = :now",
        ConditionExpression: "attribute_exists(surveyId)",
        ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString() },
      }),
    ).catch((error: unknown) => {
      // Deleted by its owner since: there is nothing left to mark.
      if (!isConditionFailure(error)) throw error;
    });
  }

  /** Every page of a survey's response items (or, by prefix, its source counters), expired ones too (callers decide), read consistently. */
  private responsePages(surveyId: string, projection?: string, prefix = RESPONSE_PREFIX) {
    return pagesOf((start) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "surveyId = :survey AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":survey": surveyId, ":prefix": prefix },
          ...(projection ? { ProjectionExpression: projection } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
  }

  async listResponses(surveyId: string): Promise<StoredResponse[]> {
    const responses: StoredResponse[] = [];
    const now = this.clock();
    for await (const page of this.responsePages(surveyId)) {
      for (const item of page.Items ?? []) {
        if (isExpired(item as { expiresAt?: number }, now)) continue;
        responses.push({
          respondentKey: item.respondentKey as string,
          answers: item.answers as StoredResponse["answers"],
          receivedAt: item.receivedAt as string,
          ...(typeof item.networkKey === "string" ? { networkKey: item.networkKey } : {}),
          ...(typeof item.browserKey === "string" ? { browserKey: item.browserKey } : {}),
        });
      }
    }
    return responses.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async setStatus(surveyId: string, status: SurveyStatus, fields: SurveyStatusFields = {}): Promise<boolean> {
    const names: Record<string, string> = { "#status": "status" };
    const values: Record<string, unknown> = { ":status": status };
    const sets = ["#status = :status"];
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    const from = SURVEY_STATUS_FROM[status].map((previous, i) => {
      values[`:from${i}`] = previous;
      return `:from${i}`;
    });
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { surveyId, sk: SURVEY_SK },
          UpdateExpression: `SET ${sets.join(", ")}`,
          ConditionExpression: `attribute_exists(surveyId) AND #status IN (${[":status", ...from].join(", ")})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    if (!(await this.exists(surveyId))) throw new SurveyNotFoundError(surveyId);
    return false;
  }

  /**
   * Every response item, expired ones too: TTL removes an expired item only eventually (up to days later in DynamoDB), and
   * an erasure must not leave a friend's words about the user waiting for it.
   */
  async delete(surveyId: string): Promise<void> {
    await this.deleteResponses(surveyId);
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { surveyId, sk: SURVEY_SK } }));
    // An answer written while the first sweep ran, by an addResponse that read the survey before it was deleted.
    await this.deleteResponses(surveyId);
  }

  private async deleteResponses(surveyId: string): Promise<void> {
    for (const prefix of [RESPONSE_PREFIX, SOURCE_PREFIX]) {
      for await (const page of this.responsePages(surveyId, "surveyId, sk", prefix)) {
        for (const item of page.Items ?? []) await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { surveyId, sk: item.sk as string } }));
      }
    }
  }
}

const toSurvey = (item: SurveyItem, responseCount: number): Survey => ({
  surveyId: item.surveyId,
  ownerId: item.ownerId,
  subjectName: item.subjectName,
  questions: item.questions,
  ...(item.language ? { language: item.language } : {}),
  status: item.status,
  createdAt: item.createdAt,
  responseCount,
  droppedCount: item.droppedCount ?? 0,
  ...(item.personaId ? { personaId: item.personaId } : {}),
  ...(item.failureReason ? { failureReason: item.failureReason } : {}),
  ...(item.synthesis ? { synthesis: item.synthesis } : {}),
});
