// Prints chat-turn latency (client `message` → final reply frame) at 1, 10 and 100 concurrent clients, turns/s, and time
// to first stream_chunk, each beside a bare `ws` echo server's round trip at the same concurrency in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket, { WebSocketServer } from "ws";
import { EPHEMERAL_PORTS, startLocalCloud, type LocalEndpoints } from "../src";
import { ms, summarize } from "@innerworld/bench/stats";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** How long one turn may take before the run stops as a finding; a loaded machine needs longer than 15 s at 100 clients. */
const TURN_TIMEOUT_MS = Number(process.env.BENCH_TURN_TIMEOUT_MS ?? 60_000);
const TURNS_PER_CLIENT = Number(process.env.BENCH_TURNS_PER_CLIENT ?? 20);
const LEVELS = (process.env.BENCH_CLIENTS ?? "1,10,100").split(",").map(Number);

interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

/** One simulated teen: its own user, connection and session, sending one message at a time. */
class BenchClient {
  private waiting: { type: string; resolve: (f: Frame) => void }[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const index = this.waiting.findIndex((w) => w.type === frame.type);
      if (index === -1) return;
      const [waiter] = this.waiting.splice(index, 1);
      waiter?.resolve(frame);
    });
  }

  static async open(endpoints: LocalEndpoints, userId: string): Promise<BenchClient> {
    const { token } = (await (await fetch(endpoints.tokenUrl, { method: "POST", body: JSON.stringify({ sub: userId }) })).json()) as { token: string };
    const socket = new WebSocket(`${endpoints.websocketUrl}?token=${token}`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    return new BenchClient(socket);
  }

  next(type: string): Promise<Frame> {
    return new Promise((resolve) => this.waiting.push({ type, resolve }));
  }

  async send(type: string, payload: Record<string, unknown>, answer: string): Promise<Frame> {
    const answered = this.next(answer);
    this.socket.send(JSON.stringify({ type, payload }));
    // A turn that never completes is a finding, not a reason to hang the benchmark.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${answer} within ${TURN_TIMEOUT_MS} ms`)), TURN_TIMEOUT_MS)));
    return Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
  }

  close() {
    this.socket.close();
  }
}

const runLevel = async (endpoints: LocalEndpoints, clients: number, level: string) => {
  const opened = await Promise.all(Array.from({ length: clients }, (_, i) => BenchClient.open(endpoints, `bench-${level}-${i}`)));
  const sessions = await Promise.all(opened.map(async (c) => (await c.send("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string));
  const latencies: number[] = [];
  const startedAt = performance.now();
  await Promise.all(
    opened.map(async (client, i) => {
      for (let turn = 0; turn < TURNS_PER_CLIENT; turn += 1) {
        const sentAt = performance.now();
        await client.send("message", { sessionId: sessions[i], content: `I have a test on Friday and I'm a bit nervous (${turn})` }, "reply");
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const elapsed = performance.now() - startedAt;
  for (const c of opened) c.close();
  return { ...summarize(latencies), turnsPerSecond: latencies.length / (elapsed / 1000) };
};

const firstChunk = async (endpoints: LocalEndpoints) => {
  const client = await BenchClient.open(endpoints, "bench-stream");
  const sessionId = (await client.send("start_session", { personaId: "creative" }, "session_started")).payload.sessionId as string;
  const samples: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const sentAt = performance.now();
    const chunk = client.next("stream_chunk");
    const ended = client.send("message", { sessionId, content: `Give me an idea for a drawing (${i})`, stream: true }, "stream_end");
    await chunk;
    samples.push(performance.now() - sentAt);
    await ended;
  }
  client.close();
  return summarize(samples);
};

/**
 * The floor: a bare `ws` server echoing each frame, in this process, driven the same way (each client one frame at a
 * time, TURNS_PER_CLIENT of them). What the machine's sockets and event loop allow, before any of InnerWorld's work.
 */
const echoLevel = async (clients: number) => {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  server.on("connection", (socket) => socket.on("message", (data) => socket.send(data.toString())));
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  const sockets = await Promise.all(
    Array.from({ length: clients }, () => new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.once("open", () => resolve(socket)).once("error", reject);
    })),
  );
  const latencies: number[] = [];
  const startedAt = performance.now();
  await Promise.all(
    sockets.map(async (socket) => {
      for (let turn = 0; turn < TURNS_PER_CLIENT; turn += 1) {
        const sentAt = performance.now();
        await new Promise((resolve) => {
          socket.once("message", resolve);
          socket.send(JSON.stringify({ type: "message", payload: { content: `I have a test on Friday and I'm a bit nervous (${turn})` } }));
        });
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const elapsed = performance.now() - startedAt;
  for (const socket of sockets) socket.terminate();
  await new Promise((resolve) => server.close(resolve));
  return { ...summarize(latencies), turnsPerSecond: latencies.length / (elapsed / 1000) };
};

/**
 * CPU time both processes spent, in ms (this one: emulators, gateway and the clients; the services process when there is
 * one). Per turn it is steadier than latency on a shared machine, where other work takes the cores in turns.
 */
const cpuMs = (servicesPid: number | undefined): { own: number; services: number } => {
  const own = process.cpuUsage();
  let services = 0;
  if (servicesPid !== undefined) {
    try {
      // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised command name.
      const fields = readFileSync(`/proc/${servicesPid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      services = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // Not Linux: only this process is counted.
    }
  }
  return { own: (own.user + own.system) / 1000, services };
};

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/** With BENCH_PROCESSES=2 the services run in a second process (`pnpm start --attach`), so both cores work. */
const startServicesProcess = async (dataDir: string): Promise<ChildProcess> => {
  // BENCH_SERVICES_NODE_ARGS="--cpu-prof" profiles the services process too (NODE_OPTIONS may not carry --cpu-prof).
  const nodeArgs = (process.env.BENCH_SERVICES_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", fileURLToPath(new URL("../src/cli/start.ts", import.meta.url)), "--attach", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (data: Buffer) => data.toString().includes("attached") && resolve());
    child.once("exit", (code) => reject(new Error(`services process exited with ${code}`)));
  });
  return child;
};

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "innerworld-bench-"));
  const processes = Number(process.env.BENCH_PROCESSES ?? 1);
  // The product's limits (10 messages a minute a session) would throttle a load test; the benchmark measures the pipeline.
  const cloud = await startLocalCloud({
    dataDir,
    ports: EPHEMERAL_PORTS,
    gatewayLimits: { userPerMinute: 1_000_000, sessionPerMinute: 1_000_000, channelPerMinute: 1_000_000, maxActiveSessions: 1000 },
    pollersPerService: Number(process.env.BENCH_POLLERS ?? 4),
    ...(processes > 1 ? { services: [] } : {}),
  });
  const servicesProcess = processes > 1 ? await startServicesProcess(dataDir) : undefined;
  try {
    console.log(`layout: ${processes > 1 ? "emulators and gateway in one process, the six services in another" : "everything in one process"}`);
    await runLevel(cloud.endpoints, 5, "warmup");
    console.log(`chat turn, offline model, ${TURNS_PER_CLIENT} turns per client (client message → final reply frame); load average ${load()}:`);
    console.log("  clients | InnerWorld p50 / p99, turns/s, CPU a turn (emulators, gateway and clients + services) | bare ws echo p50 / p99, round trips/s | p50 ratio");
    for (const clients of LEVELS) {
      const cpuBefore = cpuMs(servicesProcess?.pid);
      const r = await runLevel(cloud.endpoints, clients, String(clients));
      const cpuAfter = cpuMs(servicesProcess?.pid);
      const turns = clients * TURNS_PER_CLIENT;
      const ownPerTurn = (cpuAfter.own - cpuBefore.own) / turns;
      const servicesPerTurn = (cpuAfter.services - cpuBefore.services) / turns;
      const cpuPerTurn = `${(ownPerTurn + servicesPerTurn).toFixed(1)} ms CPU${servicesProcess ? ` (${ownPerTurn.toFixed(1)} + ${servicesPerTurn.toFixed(1)})` : ""}`;
      const echo = await echoLevel(clients);
      console.log(
        `  ${String(clients).padStart(7)} | ${ms(r.p50)} / ${ms(r.p99)}, ${r.turnsPerSecond.toFixed(0)} turns/s, ${cpuPerTurn} | ${ms(echo.p50)} / ${ms(echo.p99)}, ${echo.turnsPerSecond.toFixed(0)}/s | ×${(r.p50 / echo.p50).toFixed(0)} (throughput ÷${(echo.turnsPerSecond / r.turnsPerSecond).toFixed(0)})`,
      );
    }
    const chunk = await firstChunk(cloud.endpoints);
    console.log(`time to first stream_chunk, 1 client: p50 ${ms(chunk.p50)}, p99 ${ms(chunk.p99)}; load average ${load()}`);
  } finally {
    if (servicesProcess) {
      const exited = new Promise((resolve) => servicesProcess.once("exit", resolve));
      servicesProcess.kill("SIGTERM");
      await exited;
    }
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
