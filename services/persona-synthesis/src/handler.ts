// The persona-synthesis service's Lambda entry: a thin SQS handler over synthesisePersona.
import { ChatOpenAI } from "@langchain/openai";
import { DEFAULT_MAX_RETRIES, DEFAULT_REMOTE_MODEL, modelConfigFromEnv, parseModelConfig, usesRemoteModel } from "@innerworld/chat-model/model-config";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { TombstoneStore } from "@innerworld/platform/tombstones";
import { DynamoDbSurveyStore } from "@innerworld/surveys/store";
import { createLlmSynthesiser, createOfflineSynthesiser, type PersonaSynthesiser } from "@innerworld/surveys/synthesis";
import { createOwnerSurveyEraser } from "./eraseOwnerSurveys";
import { createPersonaSynthesis } from "./synthesisePersona";

/**
 * The chat models' configuration: with no endpoint the offline synthesiser writes the persona.
 * INNERWORLD_SYNTHESISER=offline keeps it offline even where a chat model is configured (cost, or privacy).
 */
const synthesiserFromEnv = (env: NodeJS.ProcessEnv): PersonaSynthesiser => {
  const config = parseModelConfig(env.INNERWORLD_SYNTHESISER === "offline" ? {} : modelConfigFromEnv(env));
  if (!usesRemoteModel(config)) return createOfflineSynthesiser();
  const modelName = config.model ?? DEFAULT_REMOTE_MODEL;
  const model = new ChatOpenAI({
    model: modelName,
    apiKey: config.apiKey ?? "not-needed",
    configuration: config.baseUrl ? { baseURL: config.baseUrl } : {},
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    // Per request; the invocation's own deadline (synthesisePersona) bounds the attempts together.
    timeout: config.timeoutMs ?? 45_000,
  });
  return createLlmSynthesiser(model, { modelName });
};

export const createHandler = (runtime: ServiceRuntime<"persona-synthesis">) => {
  const surveys = new DynamoDbSurveyStore(runtime.dynamodb, runtime.tables.surveys, runtime.clock);
  const personas = new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas);
  const synthesise = createPersonaSynthesis({
    surveys,
    personas,
    publisher: runtime.publisher,
    synthesiser: synthesiserFromEnv(process.env),
    tombstones: new TombstoneStore(runtime.dynamodb, runtime.tables.tombstones),
    clock: runtime.clock,
  });
  return createServiceConsumer(runtime, { SurveyCompleted: synthesise, UserDeleted: createOwnerSurveyEraser({ surveys, personas, publisher: runtime.publisher }) });
};

export const handler = lambdaFromEnvironment("persona-synthesis", createHandler);
