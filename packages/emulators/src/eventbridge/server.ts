// HTTP front of the emulator: the AWS JSON 1.1 protocol (POST /, X-Amz-Target: AWSEvents.<Op>), AWS-shaped errors, and a graceful stop.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { LOCAL_KEY_PAIRS, refuseForeignHosts } from "../net";
import { sha256Hex, verifySignature, type SignaturePolicy } from "../sigv4";
import { EventBridgeApiError, internalError, isEventBridgeApiError, serializationError, signatureRefused, unknownOperation } from "./errors.js";
import { operations, type OperationContext } from "./operations/index.js";
import { RequestInput } from "./requestInput.js";
import type { EmulatorLogger } from "./types.js";

const TARGET_PREFIX = "AWSEvents.";
const CONTENT_TYPE = "application/x-amz-json-1.1";
/** Ten 256 KB entries escaped into JSON stay well under this; anything larger is not a request the SDK would send. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
/** EventBridge's signing name, and the local cloud's keys. */
const SIGNATURE_POLICY: SignaturePolicy = { service: "events", credentials: LOCAL_KEY_PAIRS };

const MALFORMED_HTTP_BODY = JSON.stringify({ __type: "SerializationException", message: "Malformed HTTP request." });
const MALFORMED_HTTP_RESPONSE = [
  "HTTP/1.1 400 Bad Request",
  "Connection: close",
  `Content-Type: ${CONTENT_TYPE}`,
  "x-amzn-ErrorType: SerializationException",
  `Content-Length: ${Buffer.byteLength(MALFORMED_HTTP_BODY)}`,
  "",
  MALFORMED_HTTP_BODY,
].join("\r\n");

class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_BODY_BYTES) {
        // Stop buffering but keep draining, so the error response can still be read by the client.
        request.removeAllListeners("data");
        request.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
    // A client that hangs up mid-body never sends "end"; without this the request would count as in flight forever and hold close().
    request.on("close", () => {
      if (!request.complete) reject(new Error("The client closed the connection before sending the whole request."));
    });
  });

const parseJsonBody = (body: Buffer): unknown => {
  const text = body.toString("utf8").trim();
  // The SDK sends "{}" for empty inputs, but a bare POST is also a request with no members.
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw serializationError("Failed to parse the request body as JSON.");
  }
};

export class EventBridgeHttpServer {
  private readonly server: Server;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly context: OperationContext,
    private readonly log: EmulatorLogger,
  ) {
    this.server = createServer((request, response) => {
      const handling = this.handle(request, response);
      this.inFlight.add(handling);
      void handling.finally(() => this.inFlight.delete(handling));
    });
    // A client trickling a body must not keep a request (and so close()) open for Node's default five minutes.
    this.server.requestTimeout = REQUEST_TIMEOUT_MS;
    // Malformed HTTP never reaches the handler; answer it instead of leaving the socket hanging.
    this.server.on("clientError", (_error, socket) => {
      // Still an AWS-shaped error (a `__type` and x-amzn-ErrorType), so SDKs and probes can tell what went wrong.
      if (socket.writable) socket.end(MALFORMED_HTTP_RESPONSE);
      else socket.destroy();
    });
  }

  /** Listens on 127.0.0.1 (0 picks a free port) and returns the endpoint URL for SDK clients. */
  listen(port: number): Promise<string> {
    refuseForeignHosts(this.server);
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        const address = this.server.address() as AddressInfo;
        resolve(`http://127.0.0.1:${address.port}`);
      });
    });
  }

  /** Stops accepting connections and resolves once every request already received has been answered. */
  async stop(): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    // Keep-alive sockets that were mid-request when we started stopping are idle now.
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      if (this.stopping) {
        response.setHeader("Connection", "close");
        throw new EventBridgeApiError("InternalException", "The EventBridge emulator is shutting down.", { statusCode: 503 });
      }
      const target = request.headers["x-amz-target"];
      const operationName = typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
      // Own properties only: "constructor" or "__proto__" must not resolve to Object's.
      const operation = request.method === "POST" && Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
      let body: Buffer;
      try {
        body = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          response.setHeader("Connection", "close");
          throw new EventBridgeApiError("RequestEntityTooLargeException", "Request body is too large.", { statusCode: 413 });
        }
        throw error;
      }
      const verdict = verifySignature({ method: request.method ?? "", url: request.url ?? "/", rawHeaders: request.rawHeaders, bodySha256: sha256Hex(body) }, SIGNATURE_POLICY);
      if (!verdict.ok) throw signatureRefused(verdict.problem, verdict.message);
      if (!operation) throw unknownOperation(request.method === "POST" ? operationName : `${request.method ?? "?"} ${request.url ?? ""}`.trim());
      const input = RequestInput.fromBody(parseJsonBody(body));
      const output = await operation(input, this.context);
      this.send(response, 200, requestId, output);
    } catch (error) {
      const apiError = isEventBridgeApiError(error) ? error : internalError(error);
      if (!isEventBridgeApiError(error)) this.log(`[eventbridge] internal error ${requestId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.send(response, apiError.statusCode, requestId, { __type: apiError.code, message: apiError.message }, apiError.code);
    }
  }

  private send(response: ServerResponse, status: number, requestId: string, payload: object, errorType?: string): void {
    // The client may have gone away mid-request; there is no one left to answer.
    if (response.headersSent || response.destroyed) return;
    const text = JSON.stringify(payload);
    response.statusCode = status;
    response.setHeader("Content-Type", CONTENT_TYPE);
    response.setHeader("Content-Length", Buffer.byteLength(text));
    response.setHeader("x-amzn-RequestId", requestId);
    if (errorType) response.setHeader("x-amzn-ErrorType", errorType);
    response.end(text);
  }
}
