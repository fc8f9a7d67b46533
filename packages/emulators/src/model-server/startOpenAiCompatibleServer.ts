// A real local HTTP server speaking the OpenAI Chat Completions and Images APIs, scriptable per model, that records every request.
//
// Tests point the real ChatOpenAI client at it, so what they check is what production code sends over
// the wire: prompts, stream options, retries, timeouts and fallbacks. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chunkBody, completionBody, errorBody, streamPieces, usageChunkBody, usageFor } from "./completionBodies.js";
import { defaultReply } from "./defaultReply.js";
import type { ChatMessageBody, ModelBehaviour, OpenAiCompatibleServer, OpenAiCompatibleServerOptions, RecordedRequest } from "./types.js";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A 2×2 PNG, opaque teal: what the images endpoint draws unless a behaviour says otherwise. */
export const DEFAULT_IMAGE_PNG: Uint8Array = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mOQmjcNiBggFAAipgU5R1YyNAAAAABJRU5ErkJggg==",
  "base64",
);
/** The model the Images API uses when a request names none. */
const DEFAULT_IMAGE_MODEL = "dall-e-2";

export async function startOpenAiCompatibleServer(options: OpenAiCompatibleServerOptions = {}): Promise<OpenAiCompatibleServer> {
  const behaviours = new Map(Object.entries(options.behaviours ?? {}));
  const failuresServed = new Map<string, number>();
  const callsSeen = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  // Pending waits, so close() can end them instead of leaving the process waiting on timers.
  const waits = new Set<() => void>();
  let completionCount = 0;
  let closing = false;

  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (ms <= 0) return resolve(!closing && !res.destroyed);
      const finish = () => {
        clearTimeout(timer);
        waits.delete(finish);
        res.off("close", finish);
        resolve(!closing && !res.destroyed && !res.writableEnded);
      };
      const timer = setTimeout(finish, ms);
      waits.add(finish);
      res.once("close", finish);
    });

  const sendJson = (res: ServerResponse, record: RecordedRequest | undefined, status: number, body: unknown) => {
    if (record) record.response = { ...record.response, status };
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  /** Answers with the behaviour's scripted failure when one is due; true when it did. */
  const failedAsScripted = (model: string, behaviour: ModelBehaviour, res: ServerResponse, record: RecordedRequest): boolean => {
    if (!behaviour.fail) return false;
    if (behaviour.fail.when && !behaviour.fail.when(record)) return false;
    const served = failuresServed.get(model) ?? 0;
    // A ratio fails that share of calls, spread evenly (every call where the running share falls behind it).
    const calls = (callsSeen.get(model) ?? 0) + 1;
    callsSeen.set(model, calls);
    const dueByRatio = behaviour.fail.ratio === undefined || Math.floor(calls * behaviour.fail.ratio) > Math.floor((calls - 1) * behaviour.fail.ratio);
    if (!dueByRatio || (behaviour.fail.times !== undefined && served >= behaviour.fail.times)) return false;
    failuresServed.set(model, served + 1);
    const status = behaviour.fail.status;
    sendJson(res, record, status, errorBody(status, behaviour.fail.message ?? `Scripted failure ${served + 1} for ${model}`, behaviour.fail.code ?? null));
    return true;
  };

  /** POST /v1/images/generations: answers `n` pictures as base64 PNG, the way gpt-image-1 always answers. */
  const generateImage = async (raw: Buffer, record: RecordedRequest, res: ServerResponse): Promise<void> => {
    let body: { model?: unknown; prompt?: unknown; n?: unknown; size?: unknown };
    try {
      body = JSON.parse(raw.toString("utf8")) as typeof body;
    } catch {
      return sendJson(res, record, 400, errorBody(400, "The request body is not valid JSON."));
    }
    record.body = body;
    if (typeof body.prompt !== "string" || body.prompt.trim().length === 0) {
      return sendJson(res, record, 400, errorBody(400, "An image generation needs a `prompt`."));
    }
    const count = body.n === undefined ? 1 : body.n;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 10) {
      return sendJson(res, record, 400, errorBody(400, "`n` must be a whole number from 1 to 10."));
    }
    const model = typeof body.model === "string" ? body.model : DEFAULT_IMAGE_MODEL;
    record.model = model;
    record.prompt = body.prompt;
    const behaviour: ModelBehaviour = behaviours.get(model) ?? options.defaultBehaviour ?? {};
    if (!(await sleep(behaviour.delayMs ?? 0, res))) return;
    if (failedAsScripted(model, behaviour, res, record)) return;
    const image = typeof behaviour.image === "function" ? behaviour.image(record) : (behaviour.image ?? DEFAULT_IMAGE_PNG);
    record.response = { status: 200 };
    const b64 = Buffer.from(image).toString("base64");
    return sendJson(res, undefined, 200, { created: Math.floor(Date.now() / 1000), data: Array.from({ length: count }, () => ({ b64_json: b64 })) });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname.replace(/\/+$/, "");
    const record: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, stream: false, receivedAt: Date.now() };
    requests.push(record);
    const raw = await readBody(req);

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, record, 401, errorBody(401, "Incorrect API key provided."));
    }
    if (req.method === "GET" && path === "/v1/models") {
      const ids = [...behaviours.keys()].sort();
      return sendJson(res, record, 200, {
        object: "list",
        data: ids.map((id) => ({ id, object: "model", created: 0, owned_by: "innerworld-local" })),
      });
    }
    if (req.method === "POST" && path === "/v1/images/generations") return generateImage(raw, record, res);
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return sendJson(res, record, 404, errorBody(404, `No route for ${req.method} ${path}`));
    }

    let body: { model?: unknown; messages?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
    try {
      body = JSON.parse(raw.toString("utf8")) as typeof body;
    } catch {
      return sendJson(res, record, 400, errorBody(400, "The request body is not valid JSON."));
    }
    record.body = body;
    if (typeof body.model !== "string" || !Array.isArray(body.messages)) {
      return sendJson(res, record, 400, errorBody(400, "A chat completion needs `model` and `messages`."));
    }
    const model = body.model;
    record.model = model;
    record.messages = body.messages as ChatMessageBody[];
    record.stream = body.stream === true;

    const behaviour: ModelBehaviour = behaviours.get(model) ?? options.defaultBehaviour ?? {};
    if (!(await sleep(behaviour.delayMs ?? 0, res))) return;
    if (failedAsScripted(model, behaviour, res, record)) return;

    const reply = typeof behaviour.reply === "function" ? behaviour.reply(record) : (behaviour.reply ?? defaultReply(record));
    const usage = usageFor(record, reply, behaviour.usage);
    completionCount += 1;
    const id = `chatcmpl-local-${completionCount}`;
    const created = Math.floor(Date.now() / 1000);

    if (!record.stream) {
      record.response = { status: 200, content: reply, usage };
      return sendJson(res, undefined, 200, completionBody(id, model, created, reply, usage, behaviour.finishReason));
    }

    const includeUsage = body.stream_options?.include_usage === true;
    record.response = { status: 200, content: reply, ...(includeUsage ? { usage } : {}) };
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    // Each event is flushed before the next, as a real server streaming tokens would; it also makes
    // `dropAfterChunks` cut the stream after those chunks reached the client, not before.
    const send = (data: unknown) =>
      new Promise<void>((resolve) => {
        res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`, () => resolve());
      });

    await send(chunkBody(id, model, created, { role: "assistant", content: "" }, null, includeUsage));
    for (const [index, piece] of streamPieces(reply).entries()) {
      if (behaviour.dropAfterChunks !== undefined && index >= behaviour.dropAfterChunks) {
        res.destroy();
        return;
      }
      if (index > 0 && !(await sleep(behaviour.chunkDelayMs ?? 0, res))) return;
      await send(chunkBody(id, model, created, { content: piece }, null, includeUsage));
    }
    if (behaviour.endWithoutFinish) {
      res.end();
      return;
    }
    await send(chunkBody(id, model, created, {}, behaviour.finishReason ?? "stop", includeUsage));
    if (includeUsage) await send(usageChunkBody(id, model, created, usage));
    await send("[DONE]");
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, undefined, 500, errorBody(500, `Local model server error: ${String(error)}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsFor: (model) => requests.filter((request) => request.model === model),
    setBehaviour(model, behaviour) {
      behaviours.set(model, behaviour);
      failuresServed.delete(model);
      callsSeen.delete(model);
    },
    clearRequests() {
      requests.length = 0;
    },
    async close() {
      closing = true;
      for (const wake of [...waits]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
