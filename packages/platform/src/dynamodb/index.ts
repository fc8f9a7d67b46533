// What every DynamoDB adapter shares: a failed condition is an answer ("not now", "already done"), not an error; a
// Query or Scan answers in pages; a ledger of claims holds a limit that no query can.
import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export { ifConditionHolds, isConditionFailure } from "./conditions";
export { ClaimLedger } from "./claimLedger";

/** Escapes `#` (the key separator) and `%` (the escape itself) in a client-chosen key part, so joined parts read only one way. */
export const keyPart = (value: string): string => value.replace(/%/g, "%25").replace(/#/g, "%23");

type StartKey = Record<string, unknown>;

/**
 * A user's items whose `status` is one of `statuses`, read through the table's byUser index (the sessions and feedback
 * tables both have one): the filter runs in DynamoDB, so only those items come back. Callers still check expiry.
 */
export const queryByUserInStatus = async <Item>(client: DynamoDBDocumentClient, tableName: string, userId: string, statuses: readonly string[]): Promise<Item[]> => {
  const names = statuses.map((_, index) => `:status${index}`);
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "byUser",
      KeyConditionExpression: "userId = :user",
      FilterExpression: `#status IN (${names.join(", ")})`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":user": userId, ...Object.fromEntries(statuses.map((status, index) => [names[index], status])) },
    }),
  );
  return (Items ?? []) as Item[];
};

/**
 * Every page of a paginated Query or Scan, following LastEvaluatedKey until there is none: `read` sends the request
 * from `start` (its ExclusiveStartKey). A caller that has enough stops early by leaving its `for await` loop.
 */
export async function* pagesOf<Page extends { LastEvaluatedKey?: StartKey | undefined }>(read: (start: StartKey | undefined) => Promise<Page>): AsyncGenerator<Page, void, undefined> {
  let start: StartKey | undefined;
  do {
    const page = await read(start);
    yield page;
    start = page.LastEvaluatedKey;
  } while (start);
}
