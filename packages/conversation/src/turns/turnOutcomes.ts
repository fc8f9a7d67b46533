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
  /** The connection a resume moved the turn's session to, if it did while the turn could still be shown live. */
  movedTo?: string;
}

/** How a settled outcome ended: pushed to the client, or found no connection (it waits for resume). */
export type TurnSettlement = "shown" | "nowhere";

/** A won claim says where the turn's session moved (`movedTo`) if a resume moved it before the claim. */
export type TurnClaim = { won: true; movedTo?: string } | { won: false; existing: TurnOutcome };

/** What settling did, and where a resume had moved the turn's session by then (read by the same write). */
export interface TurnSettling {
  /** False when the turn had no outcome, or one decided by someone other than the decider named. */
  settled: boolean;
  movedTo?: string;
}

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
  /** Decides the turn unless it has an outcome; the same write hands back where a resume moved its session. */
  claim(messageId: string, outcome: TurnOutcomeKind, decidedBy: string): Promise<TurnClaim>;
  /**
   * A resume moved the turn's session to `connectionId`: whoever claims the turn later pushes there, not to the
   * connection the turn came in on (which may still look open). Decides nothing; the latest move wins. Hands back the
   * outcome as it stood just before the move (undefined: none yet), so a resume can tell a reply that already found
   * nowhere to go, which will not look for this connection.
   */
  moveTo(messageId: string, connectionId: string): Promise<TurnOutcome | undefined>;
  get(messageId: string): Promise<TurnOutcome | undefined>;
  /**
   * Marks the outcome settled, as shown (the default) or with nowhere to show it; nothing happens if the turn has no
   * outcome, or, when `decidedBy` is given, one another decider holds. The same write hands back where a resume moved
   * the session by then.
   */
  settle(messageId: string, as?: TurnSettlement, decidedBy?: string): Promise<TurnSettling>;
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

/** The outcome an item holds; an item a resume left (where the session moved) is not an outcome until someone claims the turn. */
const outcomeOf = (item: Record<string, unknown> | undefined): TurnOutcome | undefined => {
  if (!item?.outcome) return undefined;
  const { messageId, outcome, decidedBy, decidedAt, settledAt, settledAs, movedTo } = item as unknown as TurnOutcome;
  return { messageId, outcome, decidedBy, decidedAt, ...(settledAt ? { settledAt } : {}), ...(settledAs ? { settledAs } : {}), ...(movedTo ? { movedTo } : {}) };
};
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
    try {
      // An update, not a put: a resume may have left the turn's item already, holding only where its session moved.
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: keyOf(messageId) },
          UpdateExpression: "SET messageId = :messageId, outcome = :outcome, decidedBy = :decidedBy, decidedAt = :decidedAt, expiration = :expiration",
          ConditionExpression: "attribute_not_exists(outcome)",
          ExpressionAttributeValues: {
            ":messageId": messageId,
            ":outcome": outcome,
            ":decidedBy": decidedBy,
            ":decidedAt": new Date(now).toISOString(),
            ":expiration": epochSeconds(now) + OUTCOME_RETENTION_SECONDS,
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      const movedTo = (Attributes as { movedTo?: unknown } | undefined)?.movedTo;
      return typeof movedTo === "string" ? { won: true, movedTo } : { won: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(messageId);
    if (!existing) throw new Error(`turn ${messageId} has an outcome that cannot be read`);
    return { won: false, existing };
  }

  async moveTo(messageId: string, connectionId: string): Promise<TurnOutcome | undefined> {
    const now = this.clock();
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: keyOf(messageId) },
        // The item's expiry is kept if it has one (a claim's), and set if the move comes first.
        UpdateExpression: "SET movedTo = :connectionId, expiration = if_not_exists(expiration, :expiration)",
        ExpressionAttributeValues: { ":connectionId": connectionId, ":expiration": epochSeconds(now) + OUTCOME_RETENTION_SECONDS },
        ReturnValues: "ALL_OLD",
      }),
    );
    return outcomeOf(Attributes);
  }

  async get(messageId: string): Promise<TurnOutcome | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: keyOf(messageId) }, ConsistentRead: true }));
    return outcomeOf(Item);
  }

  async settle(messageId: string, as: TurnSettlement = "shown", decidedBy?: string): Promise<TurnSettling> {
    const written = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: keyOf(messageId) },
          UpdateExpression: "SET settledAt = :now, settledAs = :as",
          ConditionExpression: decidedBy === undefined ? "attribute_exists(outcome)" : "attribute_exists(outcome) AND decidedBy = :decidedBy",
          ExpressionAttributeValues: { ":now": new Date(this.clock()).toISOString(), ":as": as, ...(decidedBy === undefined ? {} : { ":decidedBy": decidedBy }) },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    if (!written) return { settled: false };
    const movedTo = (written.Attributes as { movedTo?: unknown } | undefined)?.movedTo;
    return typeof movedTo === "string" ? { settled: true, movedTo } : { settled: true };
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

  /** Where a resume moved each turn's session, kept apart until the turn is claimed. */
  readonly moves = new Map<string, string>();

  async claim(messageId: string, outcome: TurnOutcomeKind, decidedBy: string): Promise<TurnClaim> {
    const existing = this.outcomes.get(messageId);
    if (existing) return { won: false, existing: this.withMove(existing) };
    this.outcomes.set(messageId, { messageId, outcome, decidedBy, decidedAt: new Date(this.clock()).toISOString() });
    const movedTo = this.moves.get(messageId);
    return movedTo ? { won: true, movedTo } : { won: true };
  }

  async moveTo(messageId: string, connectionId: string): Promise<TurnOutcome | undefined> {
    const before = await this.get(messageId);
    this.moves.set(messageId, connectionId);
    return before;
  }

  private withMove(outcome: TurnOutcome): TurnOutcome {
    const movedTo = this.moves.get(outcome.messageId);
    return movedTo ? { ...outcome, movedTo } : outcome;
  }

  async get(messageId: string): Promise<TurnOutcome | undefined> {
    const existing = this.outcomes.get(messageId);
    return existing ? this.withMove(existing) : undefined;
  }

  async settle(messageId: string, as: TurnSettlement = "shown", decidedBy?: string): Promise<TurnSettling> {
    const existing = this.outcomes.get(messageId);
    if (!existing || (decidedBy !== undefined && existing.decidedBy !== decidedBy)) return { settled: false };
    this.outcomes.set(messageId, { ...existing, settledAt: new Date(this.clock()).toISOString(), settledAs: as });
    const movedTo = this.moves.get(messageId);
    return movedTo ? { settled: true, movedTo } : { settled: true };
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
