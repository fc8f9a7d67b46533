// DynamoDbFeedbackStore against dynalite: the FeedbackStore contract.
import { startLocalTables } from "@innerworld/emulators/dynamodb";
import { DynamoDbFeedbackStore } from "../../src/feedback";
import { feedbackStoreContract } from "./feedbackStoreContract";

feedbackStoreContract("DynamoDB (dynalite)", async (clock) => {
  const local = await startLocalTables("conversation-test");
  return { store: new DynamoDbFeedbackStore(local.client, local.tables.feedback, clock), close: local.close };
});
