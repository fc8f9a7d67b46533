// Each acknowledged turn ends once: in a reply, a safety notice, a failure, or a timeout, decided by one conditional write.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { ifConditionHolds, isConditionFailure } from "@innerworld/platform/dynamodb";

/** What a turn ended in; whoever records it first decides what the client is shown live. */
export type TurnOutcomeKind = "replied" | "noticed" | "failed" | "timed_out";

export interface TurnOutcome {
  messageId: string;
  outcome: TurnOutcomeKind;
  /** The reply, notice or failing step that decided it. */
  decidedBy: string;
  decidedAt: string;
  /** When the decider finished showing it (or found no connection to show it on); absent while that is under way. */
  settledAt?: string;
  /**
   * What settling found: `shown` when the decider pushed it, `nowhere` when there was no connection to push it to.
   * A redelivery of the decider reports exactly this again, so every report under its event id says the same.
   */
  settledAs?: TurnSettlement;
}

/** How a settled outcome ended: pushed to the client, or found no connection (it waits for resume). */
export type TurnSettlement = "shown" | "nowhere";

export type TurnClaim = { won: true } | { won: false; existing: TurnOutcome };

/**
 * What beginning a step of a turn found: `first` (no attempt before), `again` (an earlier attempt's time is over: it
 * finished, or died), `under_way` (an earlier attempt may still be running).
 */
export type StepAttempt = "first" | "again" | "under_way";

/**
 * The port: record a turn's outcome unless it already has one. A claim is settled once its decider has pushed it; a
 * claim left unsettled (its decider died between claiming and pushing) may be taken over by the watchdog at the
 * turn's deadline, so the turn still ends on screen, in a typed error, instead of never.
 */
export interface TurnOutcomes {
  claim(messageId: string, outcome: TurnOutcomeKind, decidedBy: string): Promise<TurnClaim>;
  get(messageId: string): Promise<TurnOutcome | undefined>;
  /** Marks the outcome settled, as shown (the default) or with nowhere to show it; nothing happens if the turn has no outcome. */
  settle(messageId: string, as?: TurnSettlement): Promise<void>;
  /** Replaces an unsettled outcome decided by `decidedBy`; false when it was settled or decided by someone else. */
  takeOver(messageId: string, decidedBy: string, outcome: TurnOutcomeKind, by: string): Promise<boolean>;
  /**
   * Records an attempt at one step of the turn (generation's, say) that may run for `attemptSeconds`, unless an
   * earlier attempt's time is not over yet: one conditional write, and none once the step is done. Whether an earlier
   * attempt finished is for the caller to tell from the turn's outcome.
   */
  beginStep(messageId: string, step: string, attemptSeconds: number): Promise<StepAttempt>;
}

/** Outcomes are kept long enough to outlast every redelivery and late reply of their turn. */
const OUTCOME_RETENTION_SECONDS = 24 * 60 * 60;

const keyOf = (messageId: string) => `turn-outcome#${messageId}`;
const stepKeyOf = (messageId: string, step: string) => `turn-step#${step}#${messageId}`;

/** Outcomes in the idempotency table: one item per turn, written only if absent. */
export class DynamoDbTurnOutcomes implements TurnOutcomes {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async claim(messageId: string, outcome: TurnOutcomeKind, decidedBy: string): Promise<TurnClaim> {
    const now = this.clock();
    const record: TurnOutcome = { messageId, outcome, decidedBy, decidedAt: new Date(now).toISOString() };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: keyOf(messageId), ...record, expiration: epochSeconds(now) + OUTCOME_RETENTION_SECONDS },
          ConditionExpression: "attribute_not_exists(id)",
        }),
      );
      return { won: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(messageId);
    if (!existing) throw new Error(`turn ${messageId} has an outcome that cannot be read`);
    return { won: false, existing };
  }

  async get(messageId: string): Promise<TurnOutcome | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: keyOf(messageId) }, ConsistentRead: true }));
    if (!Item) return undefined;
    const { messageId: id, outcome, decidedBy, decidedAt, settledAt, settledAs } = Item as TurnOutcome;
    return { messageId: id, outcome, decidedBy, decidedAt, ...(settledAt ? { settledAt } : {}), ...(settledAs ? { settledAs } : {}) };
  }

  async settle(messageId: string, as: TurnSettlement = "shown"): Promise<void> {
    await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: keyOf(messageId) },
          UpdateExpression: "SET settledAt = :now, settledAs = :as",
          ConditionExpression: "attribute_exists(id)",
          ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString(), ":as": as },
        }),
      ),
    );
  }

  async takeOver(messageId: string, decidedBy: string, outcome: TurnOutcomeKind, by: string): Promise<boolean> {
    const taken = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: keyOf(messageId) },
          UpdateExpression: "SET outcome = :outcome, decidedBy = :by, decidedAt = :now",
          ConditionExpression: "decidedBy = :previous AND attribute_not_exists(settledAt)",
          ExpressionAttributeValues: { ":outcome": outcome, ":by": by, ":now": new Date(this.clock()).toISOString(), ":previous": decidedBy },
        }),
      ),
    );
    return taken !== undefined;
  }

  async beginStep(messageId: string, step: string, attemptSeconds: number): Promise<StepAttempt> {
    const now = this.clock();
    try {
      const { Attributes } = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: stepKeyOf(messageId, step), messageId, step, attemptUntil: now + attemptSeconds * 1000, expiration: epochSeconds(now) + OUTCOME_RETENTION_SECONDS },
          // A new attempt, or one after the last attempt's time ran out; ALL_OLD says which.
          ConditionExpression: "attribute_not_exists(id) OR attemptUntil <= :now",
          ExpressionAttributeValues: { ":now": now },
          ReturnValues: "ALL_OLD",
        }),
      );
      return Attributes ? "again" : "first";
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return "under_way";
    }
  }
}

/** The in-memory twin, for unit tests of the services that decide outcomes. */
export class InMemoryTurnOutcomes implements TurnOutcomes {
  readonly outcomes = new Map<string, TurnOutcome>();

  constructor(private readonly clock: Clock = systemClock) {}

  async claim(messageId: string, outcome: TurnOutcomeKind, decidedBy: string): Promise<TurnClaim> {
    const existing = this.outcomes.get(messageId);
    if (existing) return { won: false, existing };
    this.outcomes.set(messageId, { messageId, outcome, decidedBy, decidedAt: new Date(this.clock()).toISOString() });
    return { won: true };
  }

  async get(messageId: string): Promise<TurnOutcome | undefined> {
    return this.outcomes.get(messageId);
  }

  async settle(messageId: string, as: TurnSettlement = "shown"): Promise<void> {
    const existing = this.outcomes.get(messageId);
    if (existing) this.outcomes.set(messageId, { ...existing, settledAt: new Date(this.clock()).toISOString(), settledAs: as });
  }

  async takeOver(messageId: string, decidedBy: string, outcome: TurnOutcomeKind, by: string): Promise<boolean> {
    const existing = this.outcomes.get(messageId);
    if (!existing || existing.decidedBy !== decidedBy || existing.settledAt) return false;
    this.outcomes.set(messageId, { messageId, outcome, decidedBy: by, decidedAt: new Date(this.clock()).toISOString() });
    return true;
  }

  /** Each step's last attempt: until when it may run. */
  readonly steps = new Map<string, number>();

  async beginStep(messageId: string, step: string, attemptSeconds: number): Promise<StepAttempt> {
    const now = this.clock();
    const key = stepKeyOf(messageId, step);
    const until = this.steps.get(key);
    if (until !== undefined && until > now) return "under_way";
    this.steps.set(key, now + attemptSeconds * 1000);
    return until === undefined ? "first" : "again";
  }
}
