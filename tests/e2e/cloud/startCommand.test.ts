// `pnpm start` as a user runs it: a real process, a chat turn against it, SIGTERM, and a restart that finds the data.
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readEndpoints, type LocalEndpoints } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";
import { tempDir, until } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

/**
 * How long one start may take to come up (tsx compiling the local cloud and every emulator starting): about 6 s on an
 * idle machine, so this leaves a loaded one ten times that; it is spent only by a start that never comes up.
 */
const START_WAIT_MS = 60_000;
/** A test's budget: its starts, each allowed START_WAIT_MS, and the turns between them. */
const budgetFor = (starts: number) => starts * START_WAIT_MS + 30_000;

const START = fileURLToPath(new URL("../../../packages/local/src/cli/start.ts", import.meta.url));

const start = async (dataDir: string): Promise<{ child: ChildProcess; output: () => string; endpoints: LocalEndpoints }> => {
  const child = spawn(process.execPath, ["--import", "tsx", START, "--data-dir", dataDir, "--ephemeral-ports"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not come up: ${output}`)), START_WAIT_MS);
    child.stdout?.on("data", () => output.includes("InnerWorld is running offline") && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`start exited with ${code}: ${output}`))));
  });
  return { child, output: () => output, endpoints: await readEndpoints(dataDir) };
};

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });

describe("the start command", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("serves a chat turn, stops cleanly on SIGTERM, and keeps the session across a restart", async () => {
    const dataDir = await tempDir("start");
    dirs.push(dataDir);
    const first = await start(dataDir);
    const client = await ChatClient.connect(first.endpoints, "u-start");
    const sessionId = (await client.request("start_session", { personaId: "courage" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "first day at the new school tomorrow" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    expect(await stop(first.child, "SIGTERM")).toBe(0);
    expect(first.output()).toContain("SIGTERM: finishing in-flight batches");

    const second = await start(dataDir);
    const readApi = await readApiAs(second.endpoints, "u-start");
    // The client may see the reply before storage has taken it off its queue; the queue's journal then hands it to
    // storage after the restart, so the reply is waited for rather than expected at the first look.
    const messages = await until(async () => {
      const stored = await readApi.sessionMessages(sessionId);
      return stored.length >= 2 ? stored : undefined;
    }, "both sides of the turn stored");
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(messages[0]?.content).toBe("first day at the new school tomorrow");
    expect(await stop(second.child, "SIGINT")).toBe(0);
  }, budgetFor(2));

  it("stops cleanly on a signal that comes the moment it says it is running, before its readiness line", async () => {
    const dataDir = await tempDir("start-signal");
    dirs.push(dataDir);
    const { child, output } = await start(dataDir);
    expect(await stop(child, "SIGTERM")).toBe(0);
    expect(output()).toContain("SIGTERM: finishing in-flight batches");
  }, budgetFor(1));

  it("builds and serves the web client at the webUrl it prints and lists, with the endpoints it needs", async () => {
    const dataDir = await tempDir("start-web");
    dirs.push(dataDir);
    const { child, output, endpoints } = await start(dataDir);
    const webUrl = endpoints.webUrl ?? "";
    expect(output()).toContain(`web app         ${webUrl}`);

    const page = await fetch(webUrl, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<title>InnerWorld</title>");
    const script = await fetch(`${webUrl}/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await script.text()).length).toBeGreaterThan(1000);

    // The app learns every endpoint from the server that serves it; the read API and the issuer are on its own origin.
    const config = (await (await fetch(`${webUrl}/config.json`)).json()) as { websocketUrl: string; apiUrl: string; auth: { kind: string; tokenUrl: string }; eventTapUrl: string };
    expect(config).toMatchObject({ websocketUrl: endpoints.websocketUrl, apiUrl: "/api", auth: { kind: "dev", tokenUrl: "/auth/token" }, eventTapUrl: "/events/tap" });
    const minted = (await (await fetch(`${webUrl}${config.auth.tokenUrl}`, { method: "POST", body: JSON.stringify({ sub: "u-web" }) })).json()) as { token: string };
    const sessions = await fetch(`${webUrl}${config.apiUrl}/sessions`, { headers: { authorization: `Bearer ${minted.token}` } });
    expect(sessions.status).toBe(200);
    expect(await sessions.json()).toEqual({ sessions: [] });
    expect((await fetch(`${webUrl}${config.apiUrl}/no-such-route`)).status).toBe(404);
    expect(await stop(child, "SIGTERM")).toBe(0);
  }, budgetFor(1));
  // It once printed the safety service's pollers cut off mid-request, two stack traces, before the line that said why.
  it("refuses a service's bad configuration with the one line that names it, before any service polls", async () => {
    const dataDir = await tempDir("start-bad-prices");
    dirs.push(dataDir);
    const child = spawn(process.execPath, ["--import", "tsx", START, "--data-dir", dataDir, "--ephemeral-ports"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, INNERWORLD_MODEL_PRICES: '{"gpt-4o-mini": 5}' },
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^INNERWORLD_MODEL_PRICES: gpt-4o-mini /)]);
    expect(stdout).not.toContain("InnerWorld is running offline");
  }, budgetFor(1));
});
