// Local S3: s3rver, an S3-compatible server in Node, on disk in the data dir, answering the same SDK calls as AWS.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import S3rver from "s3rver";
import { DUMMY_ACCOUNT } from "s3rver/lib/models/account.js";
import { isLoopbackHost, LOCAL_KEY_PAIRS, LOOPBACK, localCredentials, MISDIRECTED } from "../net";
import { sha256Hex, verifyS3Signature, type S3SignatureProblem } from "../sigv4";

/** What of Koa's context these middlewares use. */
interface KoaContext {
  req: IncomingMessage;
  headers: Record<string, string | undefined>;
  status: number;
  type: string;
  body: unknown;
}

/** S3's answers to a refused signature: an anonymous request is denied, as the local buckets are private. */
const S3_REFUSALS: Readonly<Record<S3SignatureProblem, { code: string; statusCode: number; message?: string }>> = {
  missing: { code: "AccessDenied", statusCode: 403, message: "Access Denied" },
  incomplete: { code: "AuthorizationHeaderMalformed", statusCode: 400 },
  unknownKey: { code: "InvalidAccessKeyId", statusCode: 403, message: "The AWS Access Key Id you provided does not exist in our records." },
  mismatch: { code: "SignatureDoesNotMatch", statusCode: 403 },
  payloadHashMissing: { code: "InvalidRequest", statusCode: 400 },
};

const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Checks each request's SigV4 signature (sigv4.ts): s3rver itself only looks the key up. The body is read and hashed
 * here, then handed on to s3rver as it came. A CORS preflight is answered unsigned, as S3 answers it.
 */
const requireSignature = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
  const original = ctx.req;
  if (original.method === "OPTIONS") return next();
  const chunks: Buffer[] = [];
  for await (const chunk of original) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const verdict = verifyS3Signature({ method: original.method ?? "", url: original.url ?? "/", rawHeaders: original.rawHeaders, bodySha256: sha256Hex(body) }, LOCAL_KEY_PAIRS);
  if (!verdict.ok) {
    const refusal = S3_REFUSALS[verdict.problem];
    ctx.status = refusal.statusCode;
    ctx.type = "application/xml";
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${escapeXml(refusal.message ?? verdict.message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
    return;
  }
  // What s3rver reads of ctx.req: the body, as a stream it pipes to the store.
  ctx.req = Object.assign(Readable.from([body]), { headers: original.headers, method: original.method, url: original.url, socket: original.socket }) as unknown as IncomingMessage;
  return next();
};

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts the server with the given buckets created; objects live under `directory` and survive restarts. */
export const startS3 = async (options: { port: number; directory: string; buckets: readonly string[] }): Promise<LocalS3> => {
  await mkdir(options.directory, { recursive: true });
  // s3rver looks up a SigV4 request's key among the pairs it knows (it checks no more: the signature is checked below).
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
  // s3rver is a Koa app listening on its own: the Host check goes first among its middleware (net.ts: isLoopbackHost),
  // then the signature check.
  const app = server as unknown as { middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[] };
  app.middleware.unshift(
    async (ctx, next) => {
      if (isLoopbackHost(ctx.headers.host)) return next();
      ctx.status = 421;
      ctx.body = MISDIRECTED;
    },
    requireSignature,
  );
  const address = await server.run();
  return { endpoint: `http://${LOOPBACK}:${address.port}`, close: () => server.close() };
};
