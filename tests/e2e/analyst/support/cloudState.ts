// What the analyst tests read from the local cloud directly: the archive file, the graph and messages tables, queue depths.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BatchWriteItemCommand, GetItemCommand, QueryCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListRulesCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { GetQueueAttributesCommand, ListQueuesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { BusEvent } from "@innerworld/analyst";
import type { LocalEndpoints } from "@innerworld/local";
import { sleep } from "@innerworld/testing/cloud";

/** Everything the emulator archived, straight from its file: the ground truth an export is compared with. */
export const archivedEvents = async (dataDir: string, archiveName: string): Promise<BusEvent[]> =>
  (await readFile(join(dataDir, "eventbridge", "archives", `${archiveName}.jsonl`), "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BusEvent);

/** Event times are whole seconds: a window that must include what happens next starts at the previous second. */
export const windowStartNow = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);

export const metadataOf = (event: BusEvent) => (event.detail as { metadata: { eventId: string; correlationId: string; userId: string; causationId?: string } }).metadata;

const scanAll = async (dynamodb: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> => {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Deletes every item of the graph table: every user's graph is gone, as after a bad migration. */
export const wipeGraphTable = async (dynamodb: DynamoDBClient, table: string): Promise<number> => {
  const items = await scanAll(dynamodb, table);
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } }));
    let pending: typeof batch | undefined = batch;
    while (pending && pending.length > 0) {
      const result = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] as typeof batch | undefined;
    }
  }
  return items.length;
};

/** Message items per session, and the keys in each: a duplicated row would show as a count that grew. */
export const messageRows = async (dynamodb: DynamoDBClient, table: string, sessionIds: readonly string[]): Promise<Record<string, string[]>> => {
  const rows: Record<string, string[]> = {};
  for (const sessionId of sessionIds) {
    const page = await dynamodb.send(new QueryCommand({ TableName: table, KeyConditionExpression: "sessionId = :s", ExpressionAttributeValues: { ":s": { S: sessionId } }, ConsistentRead: true }));
    rows[sessionId] = (page.Items ?? []).map((item) => item.messageKey?.S ?? "?");
  }
  return rows;
};

export const tableItemCount = async (dynamodb: DynamoDBClient, table: string): Promise<number> => (await scanAll(dynamodb, table)).length;

export const contextVersion = async (dynamodb: DynamoDBClient, table: string, userId: string): Promise<number> => {
  const item = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { userId: { S: userId } }, ConsistentRead: true }));
  return Number(item.Item?.version?.N ?? 0);
};

/**
 * How long the queues may take to drain on a busy machine. No record fails by design any more (a safety notice's
 * delivery report carries the notice, so storage keeps it whichever of the report and MessageScreened comes first),
 * so nothing waits out a visibility timeout; the limit is spent only when the queues never drain.
 */
export const DRAIN_TIMEOUT_MS = 30_000;

/** Waits until the services' queues have been empty (nothing waiting, nothing in flight) several polls in a row. */
export const queuesDrained = async (sqs: SQSClient, endpoints: LocalEndpoints, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> => {
  const queues = Object.entries(endpoints.queues).map(([service, q]) => [service, q!.queueUrl] as const);
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let busy: string[] = [];
  while (quiet < 4) {
    if (Date.now() > deadline) throw new Error(`the services' queues did not drain: ${busy.join(", ")}`);
    busy = [];
    for (const [service, url] of queues) {
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
      const waiting = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
      const inFlight = Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      if (waiting + inFlight > 0) busy.push(`${service} (${waiting} waiting, ${inFlight} in flight)`);
    }
    quiet = busy.length === 0 ? quiet + 1 : 0;
    await sleep(150);
  }
};

/** Temporary rules and queues the analyst tool left on the bus (there should be none once a command returns). */
export const leftovers = async (eventBridge: EventBridgeClient, sqs: SQSClient, busName: string): Promise<string[]> => {
  const prefix = `${busName}-analyst-`;
  const rules = (await eventBridge.send(new ListRulesCommand({ EventBusName: busName, NamePrefix: prefix }))).Rules ?? [];
  const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
  return [...rules.map((r) => `rule ${r.Name}`), ...queues.map((q) => `queue ${q}`)];
};
