// The @connections management API (POST/GET/DELETE /{stage}/@connections/{id}) on the wire format of AWS's rest-json model.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LOCAL_KEY_PAIRS } from "../net";
import { verifySignature, type SignaturePolicy } from "../sigv4";
import type { ApiRuntime } from "./apiRuntime.js";
import type { Connection } from "./connection.js";
import { goneError, isManagementApiError, ManagementApiError, notFoundError, payloadTooLargeError, signatureRefused } from "./errors.js";
import { newApiGatewayId } from "./ids.js";

/** The management API signs as execute-api, with the local cloud's keys. */
const SIGNATURE_POLICY: SignaturePolicy = { service: "execute-api", credentials: LOCAL_KEY_PAIRS };

/**
 * Answers one HTTP request once its SigV4 signature passes, as API Gateway's IAM authorization checks it.
 * Never throws: a failure becomes a JSON error response.
 */
export async function handleConnectionsRequest(runtime: ApiRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = newApiGatewayId();
  try {
    const method = request.method ?? "GET";
    const connectionId = connectionIdFrom(request.url ?? "/", runtime.api.stage);
    const routed = connectionId !== undefined && ["POST", "GET", "DELETE"].includes(method);
    const limit = routed && method === "POST" ? runtime.options.maxMessageBytes : 0;
    const { data, sha256 } = await drain(request, limit);
    const verdict = verifySignature({ method, url: request.url ?? "/", rawHeaders: request.rawHeaders, bodySha256: sha256 }, SIGNATURE_POLICY);
    if (!verdict.ok) throw signatureRefused(verdict.problem, verdict.message);
    if (!routed) throw notFoundError(method, request.url ?? "/");
    if (method === "POST") {
      if (data === undefined) throw payloadTooLargeError(limit);
      await openConnection(runtime, connectionId).send(data);
      respond(response, requestId, 200);
      return;
    }
    const connection = openConnection(runtime, connectionId);
    if (method === "GET") {
      // The wire names are camelCase (the model's jsonName); the SDK maps them to ConnectedAt, Identity, LastActiveAt.
      respond(response, requestId, 200, {
        connectedAt: new Date(connection.facts.connectedAt).toISOString(),
        identity: { sourceIp: connection.facts.sourceIp, userAgent: connection.facts.userAgent ?? "" },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
      return;
    }
    // What AWS logs for a DeleteConnection: a normal close, reported to $disconnect as such.
    connection.close(1000, "Connection Closed Normally");
    respond(response, requestId, 204);
  } catch (error) {
    const failure = isManagementApiError(error)
      ? error
      : new ManagementApiError(500, "InternalServerErrorException", error instanceof Error ? error.message : String(error));
    respond(response, requestId, failure.statusCode, { message: failure.wireMessage }, failure.errorType);
  }
}

/** The connection id from `/{stage}/@connections/{id}`; clients percent-encode the id and sometimes the "@". */
function connectionIdFrom(url: string, stage: string): string | undefined {
  const segments = new URL(url, "http://localhost").pathname.split("/").slice(1);
  if (segments.length !== 3) return undefined;
  const [first, second, third] = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return "";
    }
  });
  if (first !== stage || second !== "@connections" || third === undefined || third === "") return undefined;
  return third;
}

/** A connection closing or closed is gone: a 410 tells the caller to forget the id. */
function openConnection(runtime: ApiRuntime, connectionId: string): Connection {
  const connection = runtime.connections.get(connectionId);
  if (connection === undefined || !connection.isOpen) throw goneError();
  return connection;
}

/**
 * Reads the whole body, keeping at most `limit` bytes (`data` is undefined when it was longer) and hashing all of it
 * for the signature. The rest is still read rather than the socket cut, so the client gets to see the 413 instead of
 * a reset connection.
 */
function drain(request: IncomingMessage, limit: number): Promise<{ data: Buffer | undefined; sha256: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const hash = createHash("sha256");
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
      if (size <= limit) chunks.push(chunk);
    });
    request.on("end", () => resolve({ data: size <= limit ? Buffer.concat(chunks) : undefined, sha256: hash.digest("hex") }));
    request.on("error", reject);
  });
}

function respond(response: ServerResponse, requestId: string, statusCode: number, body?: unknown, errorType?: string): void {
  if (response.headersSent) return;
  const payload = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(statusCode, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    // The SDK reports this as $metadata.requestId.
    "x-amzn-RequestId": requestId,
    // The SDK and the CLI choose the exception class from this header, not from the body.
    ...(errorType === undefined ? {} : { "x-amzn-ErrorType": errorType }),
  });
  response.end(payload);
}
