// The portrait service's Lambda entry: a thin SQS handler over paintPortrait.
import { modelConfigFromEnv } from "@innerworld/chat-model/model-config";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { portraitBucketOf, s3ClientFor } from "@innerworld/platform/s3";
import { createImageModelPainter, createOfflinePainter, type PortraitPainter } from "@innerworld/surveys/portrait";
import { S3PortraitStore } from "@innerworld/surveys/portrait-store";
import { createPortraitEraser, createPortraitPainter } from "./paintPortrait";

/** The image model to paint with; unset, the offline SVG painter draws every portrait. */
export const IMAGE_MODEL_ENV = "INNERWORLD_IMAGE_MODEL";

/**
 * An image model paints when one is named (INNERWORLD_IMAGE_MODEL), through the same endpoint and key as the chat
 * models (INNERWORLD_MODEL_BASE_URL, INNERWORLD_MODEL_API_KEY): many chat endpoints serve no images, so a chat
 * model being configured is not enough. Otherwise, and with INNERWORLD_PAINTER=offline, the offline SVG painter.
 */
export const painterFromEnv = (env: NodeJS.ProcessEnv): PortraitPainter => {
  const model = env[IMAGE_MODEL_ENV]?.trim();
  if (!model || env.INNERWORLD_PAINTER === "offline") return createOfflinePainter();
  const config = modelConfigFromEnv(env);
  return createImageModelPainter({
    model,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(env.INNERWORLD_IMAGE_SIZE ? { size: env.INNERWORLD_IMAGE_SIZE } : {}),
  });
};

export const createHandler = (runtime: ServiceRuntime<"portrait">) => {
  const portraits = new S3PortraitStore(s3ClientFor(runtime.config), portraitBucketOf(runtime.config));
  const personas = new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas);
  const paint = createPortraitPainter({ painter: painterFromEnv(process.env), portraits, personas, publisher: runtime.publisher, clock: runtime.clock });
  return createServiceConsumer(runtime, { PersonaSynthesized: paint, PersonaDeleted: createPortraitEraser({ portraits }) });
};

export const handler = lambdaFromEnvironment("portrait", createHandler);
