// Test support: a real `ws` client that records what it receives, handler recorders and authorizer-policy factories.
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { WebSocket, type ClientOptions } from "ws";
import { afterEach } from "vitest";
import {
  startWebSocketApiEmulator,
  type WebSocketApiEmulator,
  type WebSocketApiEmulatorOptions,
  type WebSocketEvent,
  type WsHandler,
  type WsHandlerResult,
} from "../../src/apigateway/index.js";

export interface ReceivedFrame {
  text: string;
  isBinary: boolean;
}

export interface TestClient {
  socket: WebSocket;
  /** Resolves with the next frame not yet taken, waiting for it if need be. */
  nextFrame(timeoutMs?: number): Promise<ReceivedFrame>;
  /** Resolves with the close code and reason the client saw. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a WebSocket and resolves once the handshake succeeded; rejects with the HTTP status when it did not. */
export function connectClient(url: string, options: { protocols?: string[] } & ClientOptions = {}): Promise<TestClient> {
  const { protocols, ...clientOptions } = options;
  const socket = new WebSocket(url, protocols, clientOptions);
  const queue: ReceivedFrame[] = [];
  const waiters: Array<(frame: ReceivedFrame) => void> = [];
  socket.on("message", (data, isBinary) => {
    const frame = { text: Buffer.isBuffer(data) ? data.toString("utf8") : String(data), isBinary };
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") })),
  );
  // Generous by default: a busy machine may take seconds to deliver a frame; a test that expects none passes its own wait.
  const nextFrame = (timeoutMs = 20_000) =>
    new Promise<ReceivedFrame>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      waiters.push((frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
    });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, nextFrame, closed }));
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        reject(
          new HandshakeRejected(
            response.statusCode ?? 0,
            Buffer.concat(chunks).toString("utf8"),
            response.headers["x-amzn-errortype"] as string | undefined,
          ),
        ),
      );
    });
  });
}

export class HandshakeRejected extends Error {
  public override readonly name = "HandshakeRejected";

  public constructor(
    public readonly statusCode: number,
    public readonly body: string,
    public readonly errorType: string | undefined,
  ) {
    super(`handshake rejected with HTTP ${statusCode}`);
  }
}

/** The rejection a connect attempt ended with; fails the test when the socket opened instead. */
export async function connectRejection(url: string, options: { protocols?: string[] } = {}): Promise<HandshakeRejected> {
  try {
    const client = await connectClient(url, options);
    client.socket.terminate();
  } catch (error) {
    if (error instanceof HandshakeRejected) return error;
    throw error;
  }
  throw new Error("the handshake was expected to be rejected but the socket opened");
}

/** A route handler that records every event it receives and answers with `respond`. */
export function recordingHandler(respond: (event: WebSocketEvent) => WsHandlerResult | void = () => ({ statusCode: 200 })) {
  const events: WebSocketEvent[] = [];
  const handler: WsHandler = async (event) => {
    events.push(structuredClone(event));
    return respond(event);
  };
  return { handler, events };
}

/** Polls until `condition` holds, so tests wait for asynchronous effects without fixed sleeps; generous, as a busy machine is slow. */
export async function eventually(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export { setTimeout as sleep } from "node:timers/promises";

export function allowPolicy(principalId: string, context: APIGatewayAuthorizerResult["context"] = {}): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "arn:aws:execute-api:*:*:*/*/$connect" }],
    },
    context,
  };
}

export function denyPolicy(principalId: string, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: methodArn }],
    },
  };
}

/**
 * One emulator per test, on a free port, closed after the test: `const start = emulatorPerTest();` at the top of a
 * file, then `await start({ routes })` in a test.
 */
export function emulatorPerTest(): (options: Partial<WebSocketApiEmulatorOptions>) => Promise<WebSocketApiEmulator> {
  let emulator: WebSocketApiEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return async (options) => {
    emulator = await startWebSocketApiEmulator({ port: 0, stage: "local", routes: {}, ...options });
    return emulator;
  };
}
