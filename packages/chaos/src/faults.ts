// Bad luck: services and the whole cloud killed mid-load, a model failing 30% of calls, every event twice, mass disconnects.
import { setTimeout as sleep } from "node:timers/promises";
import { EventBridgeClient, ListTargetsByRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { startOpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { localCredentials } from "@innerworld/emulators/net";
import { consumingServices, type ServiceName } from "@innerworld/events";
import { ChatClient } from "@innerworld/testing/chat-client";
import { tokenForge } from "@innerworld/testing/tokens";
import { startCloudProcess, type CloudProcess } from "./cloudProcess";
import { closeAll, ledgerClient, startChatLoad, TurnLedger } from "./load";
import { emptyResult, type ScenarioResult } from "./results";

const require = createRequire(import.meta.url);

/** Opens one socket per token (100 at a time), reports, and on "close" terminates them all at once. */
const CROWD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const WebSocket = require(workerData.wsPath);
const sockets = [];
let refused = 0;
let next = 0;
const open = async () => {
  while (next < workerData.tokens.length) {
    const token = workerData.tokens[next++];
    const socket = new WebSocket(workerData.url + "?token=" + token);
    const ok = await new Promise((resolve) => {
      socket.once("open", () => resolve(true));
      socket.once("error", () => resolve(false));
      socket.once("unexpected-response", () => resolve(false));
    });
    if (ok) sockets.push(socket); else refused += 1;
  }
};
Promise.all(Array.from({ length: 100 }, open)).then(() => parentPort.postMessage({ opened: sockets.length, refused }));
parentPort.on("message", () => {
  for (const socket of sockets) socket.terminate();
  parentPort.postMessage({ closed: sockets.length });
});
`;

export interface LoadBudget {
  users: number;
  messagesPerUser: number;
  intervalMs: number;
}

/** The gateway in one process and each consuming service in a process of its own, so each can be killed alone. */
export class SplitCloud {
  readonly services = new Map<ServiceName, CloudProcess>();
  private retired = 0;

  private constructor(
    readonly dataDir: string,
    readonly gateway: CloudProcess,
    private readonly turnDeadline: number,
  ) {}

  static async start(dataDir: string, turnDeadline: number): Promise<SplitCloud> {
    const all = consumingServices().map((t) => t.service);
    const gateway = await startCloudProcess({ dataDir, args: ["--without", all.join(","), "--turn-deadline", String(turnDeadline)] });
    const cloud = new SplitCloud(dataDir, gateway, turnDeadline);
    for (const service of all) await cloud.startService(service);
    return cloud;
  }

  get endpoints() {
    return this.gateway.endpoints;
  }

  async startService(service: ServiceName, env: Record<string, string> = {}): Promise<void> {
    this.services.set(service, await startCloudProcess({ dataDir: this.dataDir, attach: true, args: ["--only", service], env }));
  }

  /** SIGKILL, as a crashed Lambda host: in-flight batches are neither finished nor deleted. */
  async killService(service: ServiceName): Promise<void> {
    const process = this.services.get(service);
    if (!process) return;
    this.retired += process.crashes;
    await process.kill("SIGKILL");
    this.services.delete(service);
  }

  crashes(): number {
    return this.retired + this.gateway.crashes + [...this.services.values()].reduce((n, p) => n + p.crashes, 0);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((p) => p.kill("SIGTERM")));
    await this.gateway.kill("SIGTERM");
    void this.turnDeadline;
  }
}

/** Runs chat load, settles every turn, and fills the turn columns of a result. */
const measureTurns = async (result: ScenarioResult, ledger: TurnLedger) => {
  await ledger.settle();
  result.sent += ledger.turns.size;
  result.turnsLost += ledger.lost();
  result.repliesDuplicated += ledger.duplicates;
};

/** Each consuming service killed (SIGKILL) a third of the way into a load and restarted a second later. */
export const killEachService = async (cloud: SplitCloud, budget: LoadBudget, services: readonly ServiceName[]): Promise<ScenarioResult[]> => {
  const results: ScenarioResult[] = [];
  for (const service of services) {
    const result = emptyResult(`${service} killed mid-load`);
    const crashesBefore = cloud.crashes();
    const ledger = new TurnLedger();
    const load = await startChatLoad(cloud.endpoints, ledger, { ...budget, prefix: `kill-${service}` });
    await sleep((budget.messagesPerUser * budget.intervalMs) / 3);
    await cloud.killService(service);
    await sleep(1_000);
    await cloud.startService(service);
    await load.done;
    await measureTurns(result, ledger);
    await closeAll(load);
    result.crashes = cloud.crashes() - crashesBefore;
    result.notes = Object.entries(ledger.outcomes()).map(([how, n]) => `${how} ${n}`).join(", ");
    results.push(result);
  }
  return results;
};

/** Generation against an OpenAI-compatible server failing 30% of calls: failures must reach the client as typed errors. */
export const flakyModel = async (cloud: SplitCloud, budget: LoadBudget): Promise<ScenarioResult> => {
  const result = emptyResult("model failing 30% of calls");
  const server = await startOpenAiCompatibleServer({ defaultBehaviour: { fail: { status: 500, ratio: 0.3 } } });
  try {
    await cloud.killService("generation");
    await cloud.startService("generation", {
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL_API_KEY: "chaos",
      INNERWORLD_MODEL: "chaos-model",
      INNERWORLD_MODEL_MAX_RETRIES: "0",
      INNERWORLD_MODEL_TIMEOUT_MS: "5000",
    });
    const crashesBefore = cloud.crashes();
    const ledger = new TurnLedger();
    const load = await startChatLoad(cloud.endpoints, ledger, { ...budget, prefix: "flaky" });
    await load.done;
    await measureTurns(result, ledger);
    await closeAll(load);
    result.crashes = cloud.crashes() - crashesBefore;
    const failed = server.requests.filter((r) => (r.response?.status ?? 200) >= 500).length;
    result.notes = `model calls ${server.requests.length}, failed ${failed}; ${Object.entries(ledger.outcomes()).map(([how, n]) => `${how} ${n}`).join(", ")}`;
  } finally {
    await cloud.killService("generation");
    await cloud.startService("generation");
    await server.close();
  }
  return result;
};

/** A second target on every rule, to the same queue: each event arrives twice, and no reply may show twice. */
export const everyEventTwice = async (cloud: SplitCloud, budget: LoadBudget): Promise<ScenarioResult> => {
  const result = emptyResult("every event delivered twice");
  const { endpoints } = cloud;
  const client = new EventBridgeClient({ endpoint: endpoints.eventBridgeEndpoint, region: endpoints.region, credentials: localCredentials });
  const rules = consumingServices().map((t) => `${endpoints.busName}-${t.service}`);
  try {
    for (const rule of rules) {
      const { Targets = [] } = await client.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: endpoints.busName }));
      await client.send(new PutTargetsCommand({ Rule: rule, EventBusName: endpoints.busName, Targets: Targets.map((t) => ({ Id: `${t.Id}-again`, Arn: t.Arn })) }));
    }
    const crashesBefore = cloud.crashes();
    const ledger = new TurnLedger();
    const load = await startChatLoad(endpoints, ledger, { ...budget, prefix: "twice" });
    await load.done;
    await measureTurns(result, ledger);
    await closeAll(load);
    result.crashes = cloud.crashes() - crashesBefore;
    result.notes = Object.entries(ledger.outcomes()).map(([how, n]) => `${how} ${n}`).join(", ");
  } finally {
    for (const rule of rules) {
      const { Targets = [] } = await client.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: endpoints.busName }));
      const copies = Targets.filter((t) => t.Id?.endsWith("-again")).map((t) => t.Id ?? "");
      if (copies.length) await client.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: endpoints.busName, Ids: copies }));
    }
    client.destroy();
  }
  return result;
};

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export interface MassDisconnectReport {
  result: ScenarioResult;
  ackP99Ms: number;
  pingP99Ms: number;
  rssBefore: number;
  rssAfter: number;
}

/**
 * Opens `connections` sockets, closes them all at once, and meanwhile has live users send messages and pings: their
 * ack p99 must stay within 200 ms, and the gateway's memory must come back within 20% of where it was.
 */
export const massConnectDisconnect = async (cloud: SplitCloud, connections: number, settleMs: number, rssWaitMs = 2_000): Promise<MassDisconnectReport> => {
  const result = emptyResult(`mass connect + disconnect (${connections})`);
  const { endpoints } = cloud;
  const forge = await tokenForge(cloud.dataDir, endpoints);
  const crashesBefore = cloud.crashes();
  const rssBefore = cloud.gateway.rss();

  // The crowd connects from a worker thread: closing thousands of sockets costs the client side too, and that must
  // not slow the live users measured here.
  const crowd = new Worker(CROWD_WORKER, { eval: true, workerData: { wsPath: require.resolve("ws"), url: endpoints.websocketUrl, tokens: Array.from({ length: connections }, (_, i) => forge.forge(`mass-${i}`)) } });
  const crowdMessage = () => new Promise<{ opened?: number; refused?: number; closed?: number }>((resolve) => crowd.once("message", resolve));
  const { refused = 0 } = await crowdMessage();
  result.sent += connections;

  const ledger = new TurnLedger();
  const live = await Promise.all(
    Array.from({ length: 4 }, async (_, i) => {
      const client = await ledgerClient(endpoints, `mass-live-${i}`, ledger);
      const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
      return { client, sessionId };
    }),
  );

  const acks: number[] = [];
  const pings: number[] = [];
  const quietAcks: number[] = [];
  let burst = false;
  const timed = async (client: ChatClient, type: string, payload: Record<string, unknown> | undefined, answer: string[]) => {
    const started = performance.now();
    const frame = await client.request(type, payload, answer);
    return { frame, ms: performance.now() - started };
  };
  let measuring = true;
  const liveLoad = Promise.all(
    live.map(async ({ client, sessionId }, i) => {
      let sent = 0;
      await sleep(i * 200);
      while (measuring) {
        const ping = await timed(client, "ping", undefined, ["pong"]);
        if (burst) pings.push(ping.ms);
        if (sent < 8) {
          const ack = await timed(client, "message", { sessionId, content: `still here ${sent}` }, ["message_received", "rate_limit_exceeded", "error"]);
          if (ack.frame.type === "message_received") {
            (burst ? acks : quietAcks).push(ack.ms);
            ledger.acked(ack.frame.payload.messageId as string, sessionId, ack.frame.payload.seq as number);
          }
          sent += 1;
        }
        await sleep(burst ? 800 : 1_200);
      }
    }),
  );

  await sleep(2_500);
  // Every socket closes at once, as when a network drops or a client fleet restarts.
  burst = true;
  crowd.postMessage("close");
  await crowdMessage();
  await crowd.terminate();
  await sleep(settleMs);
  measuring = false;
  await liveLoad;
  await ledger.settle();
  for (const { client } of live) await client.close();
  // What the burst left is garbage, but V8 runs the major collection that hands it back only once the process has
  // been quiet a while (about half a minute after a 2,000-socket burst): weigh the gateway each second until it is
  // back within 20% or `rssWaitMs` is over, and say how long that took.
  const weighedFrom = Date.now();
  let rssAfter = cloud.gateway.rss();
  for (;;) {
    await sleep(1_000);
    rssAfter = cloud.gateway.rss();
    if (rssAfter <= rssBefore * 1.2 || Date.now() - weighedFrom >= rssWaitMs) break;
  }
  const rssSeconds = Math.round((Date.now() - weighedFrom) / 1000);

  result.turnsLost = ledger.lost();
  result.repliesDuplicated = ledger.duplicates;
  result.crashes = cloud.crashes() - crashesBefore;
  const ackP99Ms = percentile(acks, 99);
  const pingP99Ms = percentile(pings, 99);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  result.notes = `live ack p99 ${Math.round(ackP99Ms)} ms (${acks.length}; ${Math.round(percentile(quietAcks, 99))} ms before the burst), ping p99 ${Math.round(pingP99Ms)} ms; gateway RSS ${mb(rssBefore)} → ${mb(rssAfter)} MB ${rssSeconds} s after; ${refused} refused`;
  return { result, ackP99Ms, pingP99Ms, rssBefore, rssAfter };
};

/** The whole local cloud killed (SIGKILL) mid-load and started again on the same data dir; clients come back and resume. */
export const killWholeCloud = async (dataDir: string, budget: LoadBudget, turnDeadline: number): Promise<ScenarioResult> => {
  const result = emptyResult("whole local cloud killed mid-load");
  const args = ["--turn-deadline", String(turnDeadline)];
  let cloud = await startCloudProcess({ dataDir, args });
  const ledger = new TurnLedger();
  try {
    const load = await startChatLoad(cloud.endpoints, ledger, { ...budget, prefix: "cloud-kill" });
    // Kill once turns are acknowledged and in flight: at least one per user, bounded in time.
    const killAt = Date.now() + 20_000;
    while (ledger.turns.size < budget.users && Date.now() < killAt) await sleep(20);
    load.stop();
    await cloud.kill("SIGKILL");
    await load.done.catch(() => undefined);
    await closeAll(load);
    cloud = await startCloudProcess({ dataDir, args });
    // Each teen reconnects and resumes from the last turn they saw end.
    const back = await Promise.all(
      load.clients.map(async ({ userId, sessionId }) => {
        const client = await ledgerClient(cloud.endpoints, userId, ledger);
        await client.request("resume", { sessionId, afterSeq: ledger.resumePoint(sessionId) }, ["session_resumed", "error"]);
        return { client, sessionId };
      }),
    );
    // Turns whose error went to the dead connection are read back from the history: failed is an ending too.
    const deadline = Date.now() + 40_000;
    while (ledger.open() > 0 && Date.now() < deadline) {
      await sleep(1_000);
      for (const { client, sessionId } of back) await client.request("resume", { sessionId, afterSeq: ledger.resumePoint(sessionId) }, ["session_resumed", "error"]).catch(() => undefined);
      for (const { userId, sessionId } of load.clients) {
        const token = ((await (await fetch(cloud.endpoints.tokenUrl, { method: "POST", body: JSON.stringify({ sub: userId }) })).json()) as { token: string }).token;
        const history = (await (await fetch(`${cloud.endpoints.readApiUrl}/sessions/${sessionId}/messages`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          messages?: { seq: number; role: string; status: string }[];
        };
        for (const message of history.messages ?? []) if (message.role === "user" && message.status === "failed") ledger.endedInHistory(sessionId, message.seq, "failed (history)");
      }
    }
    result.sent += ledger.turns.size;
    result.turnsLost = ledger.open();
    result.repliesDuplicated = ledger.duplicates;
    result.crashes = cloud.crashes;
    result.notes = Object.entries(ledger.outcomes()).map(([how, n]) => `${how} ${n}`).join(", ");
    for (const { client } of back) await client.close();
  } finally {
    await cloud.kill("SIGTERM");
  }
  return result;
};
