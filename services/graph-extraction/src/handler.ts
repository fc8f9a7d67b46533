// The graph-extraction service's Lambda entry: a thin SQS handler over mineTranscript.
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { createExtractor } from "@innerworld/memory/extraction";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { graphStoreFor } from "@innerworld/memory/graph";
import { modelConfigFromEnv } from "@innerworld/chat-model/model-config";
import { createTranscriptMiner } from "./mineTranscript";

export const createHandler = (runtime: ServiceRuntime<"graph-extraction">) => {
  // INNERWORLD_EXTRACTOR=offline keeps extraction offline even where a chat model is configured (cost, or privacy).
  const modelConfig = process.env.INNERWORLD_EXTRACTOR === "offline" ? {} : modelConfigFromEnv(process.env);
  const graph = graphStoreFor(runtime);
  const mine = createTranscriptMiner({
    messages: new DynamoDbMessageStore(runtime.dynamodb, runtime.tables.messages, runtime.clock),
    graph,
    publisher: runtime.publisher,
    clock: runtime.clock,
    extractorFor: (known, timeZone) => createExtractor(modelConfig, { known, timeZone }),
  });
  return createServiceConsumer(runtime, {
    TranscriptReady: mine,
    // The graph is this service's to erase; a tombstone stops a late or replayed transcript from rebuilding it.
    UserDeleted: async ({ envelope }) => {
      await graph.deleteUser(envelope.data.userId);
    },
  });
};

export const handler = lambdaFromEnvironment("graph-extraction", createHandler);
