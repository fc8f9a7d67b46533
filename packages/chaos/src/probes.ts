// Hostile input: WebSocket frames, malformed AWS API requests and an auth matrix; counted by what came back.
import WebSocket from "ws";
import { localCredentials } from "@innerworld/emulators/net";
import { signRequest } from "@innerworld/emulators/sigv4";
import type { LocalEndpoints } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { REFUSED_TOKEN_CASES, tokenForge } from "@innerworld/testing/tokens";
import { emptyResult, type ScenarioResult } from "./results";

/** A small deterministic generator, so a failing run can be repeated exactly. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

/** Frames a hostile or broken client might send. */
const hostileFrame = (random: () => number, sessionId: string): string | Buffer => {
  const kinds: (() => string | Buffer)[] = [
    () => "{nope",
    () => "",
    () => "null",
    () => "[]",
    () => `{"type":${nested(1 + Math.floor(random() * 20_000))}}`,
    () => JSON.stringify({ type: "x".repeat(Math.floor(random() * 60_000)) }),
    () => JSON.stringify({ type: pick(random, ["message", "start_session", "resume", "end_session", "get_rate_limit_status", "ping"]), payload: pick(random, [null, 1, "s", [], {}, { sessionId: 5 }]) }),
    () => JSON.stringify({ type: "message", payload: { sessionId, content: pick(random, ["\uFFFE", "\uFFFF", "\uD800", "\u0000", "a\u0007b", "😀", " ", "x".repeat(4001)]) } }),
    () => JSON.stringify({ type: "message", payload: { sessionId: "x".repeat(65), content: "hi" } }),
    () => JSON.stringify({ type: "message", payload: { sessionId, content: "hi", clientMessageId: "\uFFFF".repeat(3) } }),
    () => JSON.stringify({ type: "resume", payload: { sessionId, afterSeq: pick(random, [-1, 1.5, 1e308, "0"]) } }),
    () => JSON.stringify({ type: "start_session", payload: { personaId: pick(random, ["nobody", "__proto__", "constructor", "\uFFFE"]), locale: "x".repeat(17) } }),
    () => JSON.stringify({ type: "__proto__", payload: {} }),
    () => JSON.stringify({ type: "ping", payload: { deep: JSON.parse(nested(500)) as unknown } }),
    () => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256))),
    () => `{"type":"message","payload":{"sessionId":"${sessionId}","content":"${"\\u0000".repeat(100)}"}}`,
  ];
  return pick(random, kinds)();
};

/**
 * Sends hostile frames over a few connections and waits for every one to be answered. A 5xx here is an
 * INTERNAL_ERROR frame; a text frame with no answer is counted as lost. A binary frame must close its connection with
 * 1003, as API Gateway does (one that does not counts as unanswered); a text frame may close it only by being
 * oversized (1009): a text frame that ends its connection any other way counts as unanswered too. After a close the
 * client connects again, as an app would, and goes on naming the session it started (which waits for a resume).
 */
export const webSocketFuzz = async (endpoints: LocalEndpoints, frames: number, seed = 17): Promise<ScenarioResult> => {
  const result = emptyResult("websocket fuzz");
  const random = seededRandom(seed);
  const connections = 4;
  let unanswered = 0;
  let binaryRefused = 0;
  let reconnects = 0;
  /** Resolves once the socket has closed (its close code is then on the client), or after ten seconds. */
  const closed = (client: ChatClient) =>
    new Promise<void>((resolve) => {
      if (client.socket.readyState === WebSocket.CLOSED) return resolve();
      const timer = setTimeout(resolve, 10_000);
      client.socket.once("close", () => (clearTimeout(timer), resolve()));
    });
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      let client = await ChatClient.connect(endpoints, `fuzz-${c}`);
      // The session outlives a dropped socket (it waits for a resume), so the frames after a reconnect name it still.
      const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
      for (let i = c; i < frames; i += connections) {
        const frame = hostileFrame(random, sessionId);
        result.sent += 1;
        if (typeof frame !== "string") {
          client.socket.send(frame, { binary: true });
          await closed(client);
          if (client.closeCode === 1003) binaryRefused += 1;
          else unanswered += 1;
        } else {
          const before = client.frames.length;
          client.sendRaw(frame);
          const deadline = Date.now() + 10_000;
          while (client.frames.length === before && Date.now() < deadline && client.socket.readyState === WebSocket.OPEN) await new Promise((r) => setTimeout(r, 2));
          const answer = client.frames[before];
          if (answer?.type === "error" && answer.payload.code === "INTERNAL_ERROR") result.fiveXx += 1;
          else if (!answer) {
            if (client.socket.readyState !== WebSocket.OPEN) await closed(client);
            if (client.closeCode !== 1009) unanswered += 1;
          }
        }
        client.frames.length = 0;
        if (client.socket.readyState !== WebSocket.OPEN) {
          await client.close();
          client = await ChatClient.connect(endpoints, `fuzz-${c}`);
          reconnects += 1;
        }
      }
      await client.close();
    }),
  );
  result.notes = `${unanswered} unanswered, ${binaryRefused} binary frames refused with 1003, ${reconnects} reconnects`;
  return result;
};

interface RawAnswer {
  status: number;
  body: string;
}

const rawRequest = async (url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> => {
  try {
    const response = await fetch(url, { method: init.method, ...(init.headers ? { headers: init.headers } : {}), ...(init.body !== undefined && init.method !== "GET" && init.method !== "HEAD" ? { body: init.body } : {}) });
    return { status: response.status, body: await response.text() };
  } catch {
    // The server hung up: not a 5xx, but not an answer either.
    return { status: 0, body: "" };
  }
};

/**
 * A request to a local AWS endpoint, signed with the local cloud's key as a real client's would be, so that its
 * malformed part reaches the emulator's parser rather than stopping at the signature check.
 */
const signedRawRequest = (url: string, service: string, region: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> => {
  const body = init.method === "GET" || init.method === "HEAD" ? "" : (init.body ?? "");
  const { host: _host, ...signature } = signRequest({ method: init.method, url, headers: init.headers ?? {}, body }, { service, region, credentials: localCredentials, now: new Date() });
  return rawRequest(url, { ...init, headers: { ...init.headers, ...signature } });
};

/** Malformed requests to the EventBridge emulator, the @connections API and the read API: every answer must be a 4xx. */
export const malformedAwsRequests = async (endpoints: LocalEndpoints, requests: number, seed = 29): Promise<ScenarioResult> => {
  const result = emptyResult("malformed AWS API requests");
  const random = seededRandom(seed);
  const token = await (await fetch(endpoints.tokenUrl, { method: "POST", body: JSON.stringify({ sub: "malformed" }) })).json() as { token: string };
  const eventBridge = (target: string, body: string, method = "POST") =>
    signedRawRequest(endpoints.eventBridgeEndpoint, "events", endpoints.region, { method, headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target }, body });
  const entry = (overrides: Record<string, unknown>) => JSON.stringify({ Entries: [{ Source: "s", DetailType: "d", Detail: "{}", EventBusName: "innerworld", ...overrides }] });
  const kinds: (() => Promise<RawAnswer>)[] = [
    () => eventBridge("AWSEvents.PutEvents", "{nope"),
    () => eventBridge("AWSEvents.PutEvents", entry({ Time: pick(random, [1e20, -1e20, "yesterday", {}, [], true]) })),
    () => eventBridge("AWSEvents.PutEvents", entry({ Detail: pick(random, ["[1]", "nope", "\uFFFE", JSON.stringify({ a: "\uFFFF" }), nested(5000)]) })),
    () => eventBridge("AWSEvents.PutEvents", JSON.stringify({ Entries: Array.from({ length: 11 }, () => ({})) })),
    () => eventBridge("AWSEvents.PutEvents", JSON.stringify({ Entries: pick(random, [null, 1, "x", {}, [null], [[]]]) })),
    () => eventBridge(pick(random, ["AWSEvents.Nope", "AWSEvents.constructor", "AWSEvents.__proto__", "", "AmazonSQS.SendMessage"]), "{}"),
    () => eventBridge("AWSEvents.PutRule", JSON.stringify({ Name: "r", EventPattern: pick(random, ["{", "[]", "{\"a\":1}", nested(3000), "{\"source\":[{\"prefix\":1}]}"]) })),
    () => eventBridge("AWSEvents.PutTargets", JSON.stringify({ Rule: "nope", Targets: [{ Id: "\uFFFE", Arn: "arn:nope" }] })),
    () => eventBridge("AWSEvents.ListRules", "{}", pick(random, ["GET", "DELETE", "OPTIONS", "PUT", "PATCH"])),
    () => eventBridge("AWSEvents.StartReplay", JSON.stringify({ ReplayName: "x", EventStartTime: "z", EventEndTime: 1e30 })),
    () =>
      signedRawRequest(`${endpoints.connectionsUrl}/@connections/${pick(random, ["nope", "%E0%A4%A", "x".repeat(3000), "..%2F..%2F"])}`, "execute-api", endpoints.region, {
        method: pick(random, ["GET", "POST", "DELETE", "PUT"]),
        body: pick(random, ["", "x", "\uFFFE"]),
      }),
    () => rawRequest(`${endpoints.readApiUrl}/sessions/${pick(random, ["%E0%A4%A", "x".repeat(3000), "%00", "..%2Fetc", "%FF%FE"])}${pick(random, ["", "/messages", "/messages?afterSeq=-1", "/messages?limit=1e9", "/end"])}`, {
        method: pick(random, ["GET", "POST"]),
        headers: { authorization: `Bearer ${token.token}` },
      }),
    () => rawRequest(`${endpoints.readApiUrl}/sessions`, { method: "GET", headers: { authorization: pick(random, ["Bearer", "Bearer x.y.z", "Basic abc", `Bearer ${"a".repeat(20_000)}`]) } }),
    () => rawRequest(endpoints.tokenUrl, { method: "POST", body: pick(random, ["{", "[]", JSON.stringify({ sub: "" }), JSON.stringify({ sub: "x".repeat(200) }), JSON.stringify({ sub: "a", expiresInSeconds: 1.5 })]) }),
  ];
  let unanswered = 0;
  const workers = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < requests) {
        next += 1;
        const answer = await pick(random, kinds)();
        result.sent += 1;
        if (answer.status === 0) unanswered += 1;
        else if (answer.status >= 500) {
          result.fiveXx += 1;
          if (result.fiveXx <= 3) result.notes = `${result.notes ?? ""} ${answer.status} ${answer.body.slice(0, 80)}`;
        }
      }
    }),
  );
  result.notes = `${unanswered} unanswered${result.notes ?? ""}`;
  return result;
};

/** Every refused-token case on both surfaces, and a sound token on each to show the matrix can accept at all. */
export const authMatrix = async (endpoints: LocalEndpoints, dataDir: string): Promise<ScenarioResult> => {
  const result = emptyResult("auth matrix (WebSocket + read API)");
  const forge = await tokenForge(dataDir, endpoints);
  let soundAccepted = 0;
  for (const tokenCase of REFUSED_TOKEN_CASES) {
    const token = forge.forge("auth-matrix", tokenCase);
    const connected = await ChatClient.connectWithToken(endpoints, token).then(
      async (client) => (await client.close(), 200),
      (error: Error) => Number(/(\d{3})/.exec(error.message)?.[1] ?? 0),
    );
    const read = (await rawRequest(`${endpoints.readApiUrl}/sessions`, { method: "GET", headers: { authorization: `Bearer ${token}` } })).status;
    result.sent += 2;
    for (const status of [connected, read]) {
      if (status >= 200 && status < 300) result.unauthorisedAccepted += 1;
      if (status >= 500) result.fiveXx += 1;
    }
  }
  const sound = forge.forge("auth-matrix-sound");
  const client = await ChatClient.connectWithToken(endpoints, sound).catch(() => undefined);
  if (client) {
    soundAccepted += 1;
    await client.close();
  }
  if ((await rawRequest(`${endpoints.readApiUrl}/sessions`, { method: "GET", headers: { authorization: `Bearer ${sound}` } })).status === 200) soundAccepted += 1;
  result.sent += 2;
  result.notes = `${REFUSED_TOKEN_CASES.length} refused cases × 2 surfaces; sound token accepted on ${soundAccepted}/2`;
  return result;
};
