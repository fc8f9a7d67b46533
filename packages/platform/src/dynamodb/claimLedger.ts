// A bounded set of claims kept in one DynamoDB item: "at most N of these at once" held under concurrency by one
// conditional write per claim, for limits no query can enforce (a Query then a Put lets racing writers all pass).
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { epochSeconds } from "../clock/time";
import { ifConditionHolds, isConditionFailure } from "./conditions";

/** Each claim's id and when it was made (epoch milliseconds). */
export type Claims = Record<string, number>;

/** What a claim came to: newly made, already held (the same id claimed again), or refused because the ledger is full. */
export type ClaimOutcome = "claimed" | "held" | "full";

export interface ClaimOptions {
  /** The most claims the ledger may hold; absent, the claim is recorded whatever the count (it still counts). */
  max?: number;
  /** The claims a ledger starts with when it does not exist yet: what was held before the ledger was kept. */
  seed?: () => Promise<Claims>;
  /** When the item may expire (epoch ms), for ledgers whose claims all lapse by then; moved later by later claims. */
  expiresAtMs?: number;
}

/** How many times a claim tries again when the ledger appears or disappears under it. */
const MAX_ROUNDS = 5;

export class ClaimLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The table's partition key attribute. */
    private readonly keyName: string,
  ) {}

  /**
   * Adds `claimId` to the ledger at `key` unless it holds `max` claims already. DynamoDB applies conditional writes to
   * one item one at a time, so however many claims race, the ledger never holds more than `max`.
   */
  async claim(key: string, claimId: string, claimedAt: number, options: ClaimOptions = {}): Promise<ClaimOutcome> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const added = await ifConditionHolds(
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { [this.keyName]: key },
            UpdateExpression: `SET claims.#id = :at${options.expiresAtMs !== undefined ? ", expiresAt = :expires" : ""}`,
            ConditionExpression: `attribute_exists(claims) AND attribute_not_exists(claims.#id)${options.max !== undefined ? " AND size(claims) < :max" : ""}`,
            ExpressionAttributeNames: { "#id": claimId },
            ExpressionAttributeValues: {
              ":at": claimedAt,
              ...(options.max !== undefined ? { ":max": options.max } : {}),
              ...(options.expiresAtMs !== undefined ? { ":expires": epochSeconds(options.expiresAtMs) } : {}),
            },
          }),
        ),
      );
      if (added) return "claimed";
      // Refused: the ledger is full, already holds this claim, or does not exist yet.
      const claims = await this.claims(key);
      if (claims) {
        if (claims[claimId] !== undefined) return "held";
        if (options.max !== undefined && Object.keys(claims).length >= options.max) return "full";
        continue;
      }
      const seeded = { ...(await options.seed?.()) };
      const full = options.max !== undefined && Object.keys(seeded).length >= options.max && seeded[claimId] === undefined;
      if (!full) seeded[claimId] = claimedAt;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { [this.keyName]: key, claims: seeded, ...(options.expiresAtMs !== undefined ? { expiresAt: epochSeconds(options.expiresAtMs) } : {}) },
            ConditionExpression: "attribute_not_exists(#key)",
            ExpressionAttributeNames: { "#key": this.keyName },
          }),
        );
        return full ? "full" : "claimed";
      } catch (error) {
        // Another claim made the ledger first: claim in it.
        if (!isConditionFailure(error)) throw error;
      }
    }
    return "full";
  }

  /** The claims held, or undefined when there is no ledger. */
  async claims(key: string): Promise<Claims | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { [this.keyName]: key }, ConsistentRead: true }));
    return Item ? ({ ...(Item.claims as Claims | undefined) }) : undefined;
  }

  /**
   * Removes a claim; with `claimedAt`, only if it is still the claim made then (a lapsed claim dropped by a reader must
   * not take a new claim of the same id with it). A ledger left empty is deleted, unless a claim came in meanwhile.
   */
  async release(key: string, claimId: string, claimedAt?: number): Promise<void> {
    const released = await ifConditionHolds(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [this.keyName]: key },
          UpdateExpression: "REMOVE claims.#id",
          ConditionExpression: claimedAt === undefined ? "attribute_exists(claims.#id)" : "claims.#id = :at",
          ExpressionAttributeNames: { "#id": claimId },
          ...(claimedAt === undefined ? {} : { ExpressionAttributeValues: { ":at": claimedAt } }),
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    const left = released?.Attributes?.claims as Claims | undefined;
    if (released && Object.keys(left ?? {}).length === 0) {
      await ifConditionHolds(
        this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { [this.keyName]: key }, ConditionExpression: "size(claims) = :none", ExpressionAttributeValues: { ":none": 0 } })),
      );
    }
  }

  /** Deletes the whole ledger, whatever it still holds: its owner was erased. */
  async forget(key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { [this.keyName]: key } }));
  }
}
