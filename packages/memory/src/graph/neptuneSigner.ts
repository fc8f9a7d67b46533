// Signs the HTTP upgrade request that opens a Gremlin WebSocket to Neptune with IAM auth (SigV4, service neptune-db).
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Called on every signature, so rotated credentials (a Lambda role, an assumed role) are picked up at each reconnect. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export const NEPTUNE_SIGNING_SERVICE = "neptune-db";

export interface SignHandshakeInput {
  /** The WebSocket URL, e.g. `wss://my-cluster.cluster-abc.eu-west-1.neptune.amazonaws.com:8182/gremlin`. */
  url: string;
  region: string;
  credentials: AwsCredentialsProvider;
  signingDate: Date;
}

/**
 * The headers to send with the WebSocket upgrade: host, x-amz-date, authorization and, for temporary credentials,
 * x-amz-security-token. Neptune checks them once, at the handshake, against a request `GET <path>` to `host:port`.
 */
export async function signNeptuneHandshake(input: SignHandshakeInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const port = url.port ? Number(url.port) : url.protocol === "ws:" ? 80 : 443;
  const request = new HttpRequest({
    method: "GET",
    protocol: "https:",
    hostname: url.hostname,
    port,
    path: url.pathname || "/gremlin",
    // Neptune canonicalises the Host header with its port, as the WebSocket client sends it.
    headers: { host: url.port ? `${url.hostname}:${url.port}` : url.hostname },
  });
  const signer = new SignatureV4({ service: NEPTUNE_SIGNING_SERVICE, region: input.region, credentials: input.credentials, sha256: Sha256 });
  const signed = await signer.sign(request, { signingDate: input.signingDate });
  return { ...signed.headers };
}
