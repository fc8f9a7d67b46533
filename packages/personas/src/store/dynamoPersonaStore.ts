// The persona store on DynamoDB: one item per persona, keyed by personaId, listed per owner through the byOwner index;
// each owner's ledger of personas keeps the per-owner limit under concurrency.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ClaimLedger, isConditionFailure, pagesOf } from "@innerworld/platform/dynamodb";
import { BUILT_IN_OWNER, type PersonaRecord } from "./personaRecord";
import { PersonaExistsError, PersonaLimitError, type PersonaChanges, type PersonaStore } from "./personaStore";

const OWNER_INDEX = "byOwner";

/**
 * The key of an owner's ledger of personas, an item of the personas table: no persona id has this form, and it has no
 * ownerId, so the byOwner index never lists it and no one can see it as a persona.
 */
const ownedPersonasKeyOf = (ownerId: string) => `owned-personas#${ownerId}`;

/** How long a create may take between claiming its place and writing its persona; an older claim with no persona is a failed create. */
const CLAIM_GRACE_MS = 60_000;

export class DynamoPersonaStore implements PersonaStore {
  /** Each owner's personas by id, with when each was claimed: every create and delete of a user's persona keeps it. */
  private readonly ledger: ClaimLedger;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.ledger = new ClaimLedger(client, tableName, "personaId");
  }

  async get(personaId: string): Promise<PersonaRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { personaId }, ConsistentRead: true }));
    return Item as PersonaRecord | undefined;
  }

  async listByOwner(ownerId: string): Promise<PersonaRecord[]> {
    const items: PersonaRecord[] = [];
    const pages = pagesOf((start) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OWNER_INDEX,
          KeyConditionExpression: "ownerId = :owner",
          ExpressionAttributeValues: { ":owner": ownerId },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      items.push(...((page.Items ?? []) as PersonaRecord[]));
    }
    return items;
  }

  /**
   * A user's persona first claims its place in its owner's ledger (one conditional write, so racing creates cannot all
   * pass the limit), then is written. A full ledger is checked once against the owner's personas: places whose persona
   * is gone and not being written give way, and the create tries again. Without a limit the place is claimed all the
   * same (a persona from a survey counts toward the owner's limit).
   */
  async create(record: PersonaRecord, limit?: { perOwner: number }): Promise<void> {
    const owned = record.ownerId !== BUILT_IN_OWNER;
    const key = ownedPersonasKeyOf(record.ownerId);
    const claimedAt = Date.parse(record.createdAt);
    const claim = () =>
      this.ledger.claim(key, record.personaId, claimedAt, {
        ...(limit ? { max: limit.perOwner } : {}),
        // Personas made before the ledger was first written hold their places in it.
        seed: async () => Object.fromEntries((await this.listByOwner(record.ownerId)).map((p) => [p.personaId, Date.parse(p.createdAt)])),
      });
    let outcome = owned ? await claim() : "held";
    if (outcome === "full" && (await this.giveUpLapsedPlaces(record.ownerId, claimedAt)) > 0) outcome = await claim();
    if (outcome === "full") throw new PersonaLimitError(limit?.perOwner ?? 0);
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: "attribute_not_exists(personaId)" }));
    } catch (error) {
      // A persona of that id exists and holds the place ("held"); a place claimed just now goes back if the write failed.
      if (outcome === "claimed") await this.ledger.release(key, record.personaId, claimedAt).catch(() => undefined);
      if (isConditionFailure(error)) throw new PersonaExistsError(record.personaId);
      throw error;
    }
  }

  /** Gives up the places of an owner's ledger whose persona is gone (deleted by a path that missed it, or never written). */
  private async giveUpLapsedPlaces(ownerId: string, now: number): Promise<number> {
    const key = ownedPersonasKeyOf(ownerId);
    const existing = new Set((await this.listByOwner(ownerId)).map((p) => p.personaId));
    let given = 0;
    for (const [personaId, claimedAt] of Object.entries((await this.ledger.claims(key)) ?? {})) {
      if (existing.has(personaId) || claimedAt + CLAIM_GRACE_MS > now || (await this.get(personaId))) continue;
      await this.ledger.release(key, personaId, claimedAt);
      given += 1;
    }
    return given;
  }

  async put(record: PersonaRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: record }));
  }

  async update(personaId: string, changes: PersonaChanges, now: Date): Promise<PersonaRecord | undefined> {
    const entries = Object.entries({ ...changes, updatedAt: now.toISOString() }).filter(([, value]) => value !== undefined);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { personaId },
          UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(", ")}`,
          ConditionExpression: "attribute_exists(personaId)",
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes as PersonaRecord;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async delete(personaId: string): Promise<PersonaRecord | undefined> {
    const { Attributes } = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { personaId }, ReturnValues: "ALL_OLD" }));
    const removed = Attributes as PersonaRecord | undefined;
    // Its place in the owner's ledger is free again (the ledger goes with its last place). A release that fails leaves
    // the persona deleted all the same: the next create that finds the ledger full gives the place up itself.
    if (removed?.ownerId && removed.ownerId !== BUILT_IN_OWNER) await this.ledger.release(ownedPersonasKeyOf(removed.ownerId), personaId).catch(() => undefined);
    return removed;
  }

  /** The ledger of an erased owner's places: a create that died between its claim and its write leaves a place nobody releases. */
  async forgetOwner(ownerId: string): Promise<void> {
    await this.ledger.forget(ownedPersonasKeyOf(ownerId));
  }
}
