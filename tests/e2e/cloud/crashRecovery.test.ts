// The whole local cloud killed (SIGKILL) with turns in flight and started again on the same data dir: no acknowledged turn is lost.
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readEndpoints, type LocalEndpoints } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { tempDir, until } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

const START = fileURLToPath(new URL("../../../packages/local/src/cli/start.ts", import.meta.url));

const start = async (dataDir: string, extra: string[]): Promise<{ child: ChildProcess; endpoints: LocalEndpoints }> => {
  const child = spawn(process.execPath, ["--import", "tsx", START, "--data-dir", dataDir, "--ephemeral-ports", "--turn-deadline", "3", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not come up: ${output}`)), 60_000);
    child.stdout?.on("data", () => output.includes("InnerWorld is running offline") && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`start exited with ${code}: ${output}`))));
  });
  return { child, endpoints: await readEndpoints(dataDir) };
};

const kill = (child: ChildProcess) => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGKILL")));

interface Turn {
  userId: string;
  sessionId: string;
  seq: number;
}

describe("a crash of the whole local cloud", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await kill(child);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("ends every acknowledged turn in a reply or a failure after a restart on the same data dir (defect 2)", { timeout: 180_000 }, async () => {
    const dataDir = await tempDir("crash");
    dirs.push(dataDir);
    // Generation is not running yet, so every turn is still queued when the process dies.
    const first = await start(dataDir, ["--without", "generation"]);
    children.push(first.child);
    const turns: Turn[] = [];
    for (let u = 0; u < 4; u += 1) {
      const userId = `crash-${u}`;
      const client = await ChatClient.connect(first.endpoints, userId);
      const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
      for (let i = 0; i < 3; i += 1) {
        const ack = await client.request("message", { sessionId, content: `message ${i} before the crash` }, "message_received");
        turns.push({ userId, sessionId, seq: ack.payload.seq as number });
      }
    }
    await kill(first.child);

    const second = await start(dataDir, []);
    children.push(second.child);
    const ended = async (turn: Turn) => {
      const messages = await (await readApiAs(second.endpoints, turn.userId)).sessionMessages(turn.sessionId);
      const ofTurn = messages.filter((m) => m.seq === turn.seq);
      return ofTurn.some((m) => m.role === "assistant") || ofTurn.some((m) => m.role === "user" && m.status === "failed");
    };
    const open = async () => (await Promise.all(turns.map(ended))).filter((done) => !done).length;
    await until(async () => ((await open()) === 0 ? true : undefined), "every acknowledged turn to end", 90_000);

    expect(await open()).toBe(0);
    // A turn whose deadline passed while the cloud was down may end as TURN_TIMED_OUT first; its reply still comes,
    // late, and is stored. Wait for one of crash-0's replies, however the race with the watchdog went.
    const first0 = turns[0];
    const replyStored = async () => {
      if (first0 === undefined) return undefined;
      const messages = await (await readApiAs(second.endpoints, first0.userId)).sessionMessages(first0.sessionId);
      return messages.some((m) => m.role === "assistant") ? true : undefined;
    };
    await until(replyStored, "a reply of crash-0's session stored", 90_000);
    // And the teen gets them: a resume on a new connection replays each session's replies.
    const client = await ChatClient.connect(second.endpoints, "crash-0");
    const resumed = await client.request("resume", { sessionId: turns[0]?.sessionId, afterSeq: 0 }, "session_resumed");
    expect(resumed.payload.replayed).toBeGreaterThan(0);
    await client.close();
    await kill(second.child);
  });
});
