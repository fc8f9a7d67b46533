// The persona store on DynamoDB: one item per persona, keyed by personaId, listed per owner through the byOwner index.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure, pagesOf } from "@innerworld/platform/dynamodb";
import type { PersonaRecord } from "./personaRecord";
import { PersonaExistsError, type PersonaChanges, type PersonaStore } from "./personaStore";

const OWNER_INDEX = "byOwner";

export class DynamoPersonaStore implements PersonaStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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

  async create(record: PersonaRecord): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: "attribute_not_exists(personaId)" }));
    } catch (error) {
      if (isConditionFailure(error)) throw new PersonaExistsError(record.personaId);
      throw error;
    }
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
    return Attributes as PersonaRecord | undefined;
  }
}
