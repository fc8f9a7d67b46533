// DynamoDbTurnOutcomes against dynalite: the TurnOutcomes contract.
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { DynamoDbTurnOutcomes } from "../../src/turns/turnOutcomes";
import { turnOutcomesContract } from "./turnOutcomesContract";

turnOutcomesContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { outcomes: new DynamoDbTurnOutcomes(local.client, local.tables.idempotency, clock), close: local.close };
});
