// Prints what idle authenticated WebSocket connections cost the local gateway: its process's RSS before and after
// BENCH_CONNECTIONS (default 10,000) connections, per connection, and the connect rate. The clients run in a child
// process, so the RSS is the gateway's (with the emulators beside it), not the clients'.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { EPHEMERAL_PORTS, startLocalCloud, type LocalEndpoints } from "../src";
import { ms, summarize } from "@innerworld/bench/stats";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
/** Upgrades in flight at once: a crowd arriving together, not one at a time. */
const CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 100);
const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 10);

type FromClients = { type: "opened"; connectMs: number[]; failures: number; elapsedMs: number; mintMs: number };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const settleHeap = async () => {
  // With --expose-gc (as `pnpm bench:connections` runs it) a collection first, so RSS is what is held, not garbage.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
};

/** The child: mints a token per user, opens the connections CONCURRENCY at a time, then holds them until told to stop. */
const runClients = async (endpoints: LocalEndpoints) => {
  const send = (message: FromClients) => process.send?.(message);
  const mintStart = performance.now();
  const tokens: string[] = [];
  for (let i = 0; i < CONNECTIONS; i += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, CONNECTIONS - i) }, async (_, j) => {
      const response = await fetch(endpoints.tokenUrl, { method: "POST", body: JSON.stringify({ sub: `idle-${i + j}` }) });
      return ((await response.json()) as { token: string }).token;
    });
    tokens.push(...(await Promise.all(batch)));
  }
  const mintMs = performance.now() - mintStart;
  const sockets: WebSocket[] = [];
  const connectMs: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const open = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next++] as string;
      const at = performance.now();
      const socket = new WebSocket(`${endpoints.websocketUrl}?token=${encodeURIComponent(token)}`);
      await new Promise<void>((resolve) => {
        socket.once("open", () => {
          connectMs.push(performance.now() - at);
          sockets.push(socket);
          resolve();
        });
        socket.once("error", () => {
          failures += 1;
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, open));
  send({ type: "opened", connectMs, failures, elapsedMs: performance.now() - started, mintMs });
  process.on("message", () => {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  });
};

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "innerworld-idle-"));
  // The gateway (authorizer, $connect, $disconnect, the WebSocket API) and the emulators it writes to; no consumers,
  // which idle connections never reach.
  const cloud = await startLocalCloud({ dataDir, ports: EPHEMERAL_PORTS, services: [], gatewayLimits: { maxActiveSessions: 1000 }, sweepIntervalMs: 3_600_000 });
  let clients: ChildProcess | undefined;
  try {
    await settleHeap();
    const before = process.memoryUsage();
    console.log(`local gateway process, before: RSS ${mb(before.rss)} (heap ${mb(before.heapUsed)}); load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const child = fork(fileURLToPath(import.meta.url), ["clients"], { execArgv: ["--import", "tsx"], env: { ...process.env, BENCH_ENDPOINTS: JSON.stringify(cloud.endpoints) } });
    clients = child;
    const opened = await new Promise<Extract<FromClients, { type: "opened" }>>((resolve, reject) => {
      child.on("message", (message: FromClients) => {
        resolve(message);
      });
      child.once("exit", (code) => reject(new Error(`the clients' process exited with ${code}`)));
    });
    const connect = summarize(opened.connectMs);
    console.log(`opened ${opened.connectMs.length} of ${CONNECTIONS} authenticated connections (${opened.failures} failed), ${CONCURRENCY} at a time, in ${(opened.elapsedMs / 1000).toFixed(1)} s: ${((opened.connectMs.length / opened.elapsedMs) * 1000).toFixed(0)} connections/s; connect p50 ${ms(connect.p50)}, p99 ${ms(connect.p99)} (tokens minted beforehand in ${(opened.mintMs / 1000).toFixed(1)} s)`);
    console.log(`holding them idle for ${HOLD_SECONDS} s…`);
    await new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000));
    await settleHeap();
    const after = process.memoryUsage();
    const perConnection = (after.rss - before.rss) / Math.max(1, opened.connectMs.length);
    console.log(`local gateway process, ${opened.connectMs.length} idle connections: RSS ${mb(after.rss)} (heap ${mb(after.heapUsed)}), +${mb(after.rss - before.rss)}, ${(perConnection / 1024).toFixed(1)} KB per connection; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.send("stop");
    await exited;
    clients = undefined;
  } finally {
    clients?.kill();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

if (process.argv[2] === "clients") {
  runClients(JSON.parse(process.env.BENCH_ENDPOINTS ?? "{}") as LocalEndpoints).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
