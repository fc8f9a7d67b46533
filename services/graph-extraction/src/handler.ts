// The graph-extraction service's Lambda entry: a thin SQS handler over mineTranscript.
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DEFAULT_EXTRACTION_TIMEOUT_MS, createExtractor } from "@innerworld/memory/extraction";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { graphStoreFor } from "@innerworld/memory/graph";
import { modelConfigFromEnv, usesRemoteModel } from "@innerworld/chat-model/model-config";
import { EXTRACTION_RESERVE_MS, createTranscriptMiner } from "./mineTranscript";

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
    // A model's prompt may take up to its timeout: the last one is only started with that much time left.
    extractionReserveMs: EXTRACTION_RESERVE_MS + (usesRemoteModel(modelConfig) ? (modelConfig.timeoutMs ?? DEFAULT_EXTRACTION_TIMEOUT_MS) : 0),
    logger: runtime.logger,
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
