// DynamoDbRateLimiter against dynalite: the RateLimiter contract.
import { DynamoDbRateLimiter } from "../../src/rate-limits";
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { rateLimiterContract } from "./rateLimiterContract";

rateLimiterContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { limiter: new DynamoDbRateLimiter(local.client, local.tables.rateLimits, clock), close: local.close };
});
