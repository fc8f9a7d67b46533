// Local S3: s3rver, an S3-compatible server in Node, on disk in the data dir, answering the same SDK calls as AWS.
import { mkdir } from "node:fs/promises";
import S3rver from "s3rver";
import { DUMMY_ACCOUNT } from "s3rver/lib/models/account.js";
import { isLoopbackHost, LOOPBACK, localCredentials, MISDIRECTED } from "../net";

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts the server with the given buckets created; objects live under `directory` and survive restarts. */
export const startS3 = async (options: { port: number; directory: string; buckets: readonly string[] }): Promise<LocalS3> => {
  await mkdir(options.directory, { recursive: true });
  // s3rver checks SigV4 signatures against the key pairs it knows: teach it the local cloud's credentials.
  DUMMY_ACCOUNT.createKeyPair(localCredentials.accessKeyId, localCredentials.secretAccessKey);
  const server = new S3rver({
    address: LOOPBACK,
    port: options.port,
    silent: true,
    directory: options.directory,
    // Path-style only: local host names carry no bucket.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  // s3rver is a Koa app listening on its own: the Host check goes first among its middleware (net.ts: isLoopbackHost).
  const app = server as unknown as { middleware: ((ctx: { headers: Record<string, string | undefined>; status: number; body: unknown }, next: () => Promise<void>) => Promise<void>)[] };
  app.middleware.unshift(async (ctx, next) => {
    if (isLoopbackHost(ctx.headers.host)) return next();
    ctx.status = 421;
    ctx.body = MISDIRECTED;
  });
  const address = await server.run();
  return { endpoint: `http://${LOOPBACK}:${address.port}`, close: () => server.close() };
};
