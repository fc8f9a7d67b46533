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
  const mine = createTranscriptMiner({
    messages: new DynamoDbMessageStore(runtime.dynamodb, runtime.tables.messages, runtime.clock),
    graph: graphStoreFor(runtime),
    publisher: runtime.publisher,
    extractorFor: (known) => createExtractor(modelConfig, { known }),
  });
  return createServiceConsumer(runtime, { TranscriptReady: mine });
};

export const handler = lambdaFromEnvironment("graph-extraction", createHandler);
