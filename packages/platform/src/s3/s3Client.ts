// An S3 client for a service's runtime config: AWS's endpoint in the cloud, the local S3-compatible server locally.
import { S3Client } from "@aws-sdk/client-s3";
import type { RuntimeConfig } from "../runtime/config";
import { AWS_CALL_TIMEOUTS } from "../aws/callTimeouts";

/** A subpath of its own, so only the handlers that store objects bundle the S3 client. */
export const s3ClientFor = (config: RuntimeConfig): S3Client =>
  new S3Client({
    region: config.region,
    // A portrait is a few hundred kilobytes: the same bounds as any other call.
    requestHandler: AWS_CALL_TIMEOUTS,
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // The local server has no per-bucket host names: the bucket goes in the path.
    ...(config.endpoints.s3 ? { endpoint: config.endpoints.s3, forcePathStyle: true } : {}),
  });

export class PortraitBucketMissingError extends Error {
  override readonly name = "PortraitBucketMissingError";
  readonly code = "PORTRAIT_BUCKET_MISSING";
  constructor() {
    super("no portrait bucket is configured (INNERWORLD_PORTRAIT_BUCKET, or the Portraits link)");
  }
}

export const portraitBucketOf = (config: RuntimeConfig): string => {
  if (!config.portraitBucket) throw new PortraitBucketMissingError();
  return config.portraitBucket;
};
