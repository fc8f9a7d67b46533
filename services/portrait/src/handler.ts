// The portrait service's Lambda entry: a thin SQS handler over paintPortrait.
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { portraitBucketOf, s3ClientFor } from "@innerworld/platform/s3";
import { createOfflinePainter } from "@innerworld/surveys/portrait";
import { S3PortraitStore } from "@innerworld/surveys/portrait-store";
import { createPortraitPainter } from "./paintPortrait";

export const createHandler = (runtime: ServiceRuntime<"portrait">) => {
  const paint = createPortraitPainter({
    painter: createOfflinePainter(),
    portraits: new S3PortraitStore(s3ClientFor(runtime.config), portraitBucketOf(runtime.config)),
    publisher: runtime.publisher,
    clock: runtime.clock,
  });
  return createServiceConsumer(runtime, { PersonaSynthesized: paint });
};

export const handler = lambdaFromEnvironment("portrait", createHandler);
