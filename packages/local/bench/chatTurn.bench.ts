// Prints chat-turn latency (client `message` → final reply frame) at 1, 10 and 100 concurrent clients, turns/s, and time to first stream_chunk.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { EPHEMERAL_PORTS, startLocalCloud, type LocalEndpoints } from "../src";
import { ms, summarize } from "@innerworld/bench/stats";

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
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${answer} within 15 s`)), 15_000)));
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

/** With BENCH_PROCESSES=2 the services run in a second process (`pnpm start --attach`), so both cores work. */
const startServicesProcess = async (dataDir: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../src/cli/start.ts", import.meta.url)), "--attach", "--data-dir", dataDir], {
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
    console.log(`chat turn, offline model, ${TURNS_PER_CLIENT} turns per client (client message → final reply frame):`);
    for (const clients of LEVELS) {
      const r = await runLevel(cloud.endpoints, clients, String(clients));
      console.log(`  ${String(clients).padStart(3)} clients: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}, ${r.turnsPerSecond.toFixed(0)} turns/s over ${r.n} turns`);
    }
    const chunk = await firstChunk(cloud.endpoints);
    console.log(`time to first stream_chunk, 1 client: p50 ${ms(chunk.p50)}, p99 ${ms(chunk.p99)}`);
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
