// How the runner talks to a service's queue: ReceiveMessage and DeleteMessageBatch as plain SQS JSON on a keep-alive socket.
import { Agent, request } from "node:http";
import type { Message } from "@aws-sdk/client-sqs";
import { localCredentials } from "@innerworld/emulators/net";
import { signRequest } from "@innerworld/emulators/sigv4";

export interface ReceiveRequest {
  queueUrl: string;
  maxMessages: number;
  waitTimeSeconds: number;
}

/** The two SQS calls Lambda's event source mapping makes for a function: what the runner needs of a queue. */
export interface RunnerQueue {
  /** One ReceiveMessage (a long poll when waitTimeSeconds > 0) with every system and message attribute; [] when none came. */
  receive(input: ReceiveRequest, signal: AbortSignal): Promise<Message[]>;
  /** One DeleteMessageBatch; resolves to how many of the receipt handles SQS did not delete. */
  deleteBatch(queueUrl: string, receiptHandles: string[]): Promise<number>;
  destroy(): void;
}

/** An SQS error answer (`__type` and `message`), named as the SDK would name it. */
export class RunnerQueueError extends Error {
  override readonly name: string;
  readonly code = "RUNNER_QUEUE_ERROR";
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(`${type}: ${message}`);
    this.name = type.split("#").pop() ?? type;
  }
}

export const isRunnerQueueError = (error: unknown): error is RunnerQueueError => error instanceof RunnerQueueError;

/**
 * The same two calls as SQS's JSON protocol over a keep-alive socket, signed with the local cloud's key as the local SQS
 * requires. Lambda's pollers are AWS's own, not SDK code in the function; here they run beside the services and took
 * about a third of a turn's SDK calls, each paying for the middleware stack and endpoint resolution.
 */
export const wireRunnerQueue = (endpoint: string, region: string): RunnerQueue => {
  // Long polls hold a socket each for up to 20 s: enough sockets for every poller and delete at once.
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const url = new URL("/", endpoint);
  const call = <T>(operation: string, body: unknown, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": `AmazonSQS.${operation}` };
      const signature = signRequest({ method: "POST", url, headers, body: payload }, { service: "sqs", region, credentials: localCredentials, now: new Date() });
      const req = request(
        url,
        {
          method: "POST",
          agent,
          ...(signal ? { signal } : {}),
          headers: { ...headers, ...signature, "content-length": Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              reject(new RunnerQueueError("InternalFailure", `unreadable ${operation} answer: ${text.slice(0, 200)}`, response.statusCode ?? 0));
              return;
            }
            if (response.statusCode === 200) resolve(parsed as T);
            else {
              const error = parsed as { __type?: string; message?: string };
              reject(new RunnerQueueError(error.__type ?? "InternalFailure", error.message ?? `HTTP ${response.statusCode}`, response.statusCode ?? 0));
            }
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  return {
    async receive(input, signal) {
      const received = await call<{ Messages?: Message[] }>(
        "ReceiveMessage",
        {
          QueueUrl: input.queueUrl,
          MaxNumberOfMessages: input.maxMessages,
          WaitTimeSeconds: input.waitTimeSeconds,
          MessageSystemAttributeNames: ["All"],
          MessageAttributeNames: ["All"],
        },
        signal,
      );
      return received.Messages ?? [];
    },
    async deleteBatch(queueUrl, receiptHandles) {
      const result = await call<{ Failed?: unknown[] }>("DeleteMessageBatch", {
        QueueUrl: queueUrl,
        Entries: receiptHandles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })),
      });
      return result.Failed?.length ?? 0;
    },
    destroy: () => agent.destroy(),
  };
};
