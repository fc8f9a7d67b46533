// The local cloud (or some of its services) as a real process the suite can kill, restart and weigh.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEndpoints, type LocalEndpoints } from "@innerworld/local";

const START = fileURLToPath(new URL("../../local/src/cli/start.ts", import.meta.url));
const READY = { cloud: "InnerWorld is running offline", attached: "attached " };

export interface CloudProcess {
  readonly child: ChildProcess;
  readonly endpoints: LocalEndpoints;
  /** Exits nobody asked for (a crash); SIGKILL by the suite does not count. */
  readonly crashes: number;
  output(): string;
  /** Resident memory of the process in bytes, from /proc. */
  rss(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  args?: string[];
  env?: Record<string, string>;
  /** Attach to a cloud already running in dataDir instead of starting one. */
  attach?: boolean;
  startTimeoutMs?: number;
}

export const startCloudProcess = async (options: StartOptions): Promise<CloudProcess> => {
  const args = ["--import", "tsx", START, "--data-dir", options.dataDir, ...(options.attach ? ["--attach"] : ["--ephemeral-ports"]), ...(options.args ?? []), ...(process.env.CHAOS_LOG_LEVEL ? ["--log-level", process.env.CHAOS_LOG_LEVEL] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...options.env } });
  let output = "";
  let killing = false;
  let crashes = 0;
  // CHAOS_LOG_DIR keeps each process's whole output (one file per process), for finding what went wrong afterwards.
  const logDir = process.env.CHAOS_LOG_DIR;
  const role = (options.args ?? []).join("_").replace(/[^\w,-]+/g, "_").slice(0, 80);
  if (logDir) mkdirSync(logDir, { recursive: true });
  const logFile = logDir ? join(logDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${role}-${child.pid ?? 0}.log`) : undefined;
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    if (logFile) appendFileSync(logFile, d);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("exit", () => {
    if (!killing) crashes += 1;
  });
  const ready = options.attach ? READY.attached : READY.cloud;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cloud did not come up in time: ${output}`)), options.startTimeoutMs ?? 90_000);
    const check = () => {
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the cloud exited with ${code}: ${output}`));
    });
  });
  const endpoints = await readEndpoints(options.dataDir);
  return {
    child,
    endpoints,
    get crashes() {
      return crashes;
    },
    output: () => output,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      killing = true;
      return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
      });
    },
  };
};
