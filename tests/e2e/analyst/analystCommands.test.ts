// The analyst tool's commands against the local cloud, as it runs them against AWS: archives, export, saga, tail,
// a type-filtered replay through a temporary rule, refusals, cleanup, and the real CLI in a child process.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ListReplaysCommand, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import {
  BusTap,
  cleanupLeftovers,
  exportEvents,
  grantSendFromRule,
  isAnalystError,
  listArchives,
  localTarget,
  memoryReporter,
  replayIntoServices,
  replayRoutePattern,
  sidOf,
  tailBus,
  temporaryName,
  traceSaga,
  type AnalystTarget,
  type BusEvent,
} from "@innerworld/analyst";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { DRAIN_TIMEOUT_MS, archivedEvents, contextVersion, leftovers, metadataOf, queuesDrained, windowStartNow } from "./support/cloudState";

const USER = "teen-ava";
const REPO_ROOT = resolve(import.meta.dirname, "../../..");
const CLI = join(REPO_ROOT, "packages/analyst/src/cli.ts");

describe("the analyst tool against the local cloud", () => {
  let env: TestCloud;
  let target: AnalystTarget;
  let client: ChatClient;
  let from: Date;
  let sessionId: string;
  let messageId: string;

  const inWindow = (event: BusEvent, to: Date) => Date.parse(event.time) >= from.getTime() && Date.parse(event.time) < to.getTime();

  beforeAll(async () => {
    env = await startTestCloud();
    target = localTarget(env.cloud.endpoints, { quietSeconds: 0.5 });
    from = windowStartNow();
    // One session with one turn, ended: a chat-turn saga and a session saga down to ContextRefreshed.
    client = await ChatClient.connect(env.cloud.endpoints, USER);
    sessionId = (await client.request("start_session", { personaId: "comfort" }, "session_started")).payload.sessionId as string;
    messageId = (await client.request("message", { sessionId, content: "my friend Jordan and I have a chemistry test on Friday" }, "message_received")).payload.messageId as string;
    await client.waitFor("reply", (p) => p.messageId === messageId);
    await client.request("end_session", { sessionId }, "session_ended");
    await until(
      async () => (await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName)).some((e) => e["detail-type"] === "ContextRefreshed" && metadataOf(e).correlationId === sessionId) || undefined,
      "the session saga to reach ContextRefreshed",
      20_000,
    );
    await queuesDrained(env.sqs, env.cloud.endpoints);
  }, DRAIN_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await client?.close();
    target?.close();
    await env?.stop();
  });

  it("lists the archive with what it holds", async () => {
    const reporter = memoryReporter();
    const [archive, ...others] = await listArchives(target, reporter);
    const archived = await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName);
    expect(others).toEqual([]);
    expect(archive).toMatchObject({ name: "innerworld-archive", state: "ENABLED", eventCount: archived.length, retentionDays: 0 });
    expect(reporter.lines.join("\n")).toMatch(new RegExp(`innerworld-archive\\s+ENABLED\\s+${archived.length}\\s`));
  });

  it("exports exactly the archived events of the window, in order, and leaves nothing behind", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    const to = new Date();
    try {
      // Act
      const reporter = memoryReporter();
      const result = await exportEvents(target, { window: { from, to }, out: join(dir, "day.jsonl"), reporter });

      // Assess: the same events the emulator wrote to its archive file, each once, without the replay's mark.
      const expected = (await archivedEvents(env.dataDir, env.cloud.endpoints.archiveName)).filter((e) => inWindow(e, to));
      expect(result.events.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
      expect(result.events.every((e) => e["replay-name"] === undefined)).toBe(true);
      expect(result.events.map((e) => e.time)).toEqual([...result.events.map((e) => e.time)].sort());
      const lines = (await readFile(join(dir, "day.jsonl"), "utf8")).trim().split("\n");
      expect(lines.map((l) => (JSON.parse(l) as BusEvent).id)).toEqual(result.events.map((e) => e.id));
      expect(result.countsByType).toMatchObject({ SessionStarted: 1, MessageReceived: 1, ReplyDelivered: 1, TranscriptReady: 1, GraphUpdated: 1 });
      expect(reporter.lines.join("\n")).toMatch(/created temporary rule innerworld-analyst-\S+ on innerworld and queue/);
      expect(reporter.lines.join("\n")).toContain(`wrote ${expected.length} events to ${join(dir, "day.jsonl")}`);
      expect(await leftovers(env.eventBridge, env.sqs, "innerworld")).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exports only the types asked for", async () => {
    const result = await exportEvents(target, { window: { from, to: new Date() }, types: ["TranscriptReady", "GraphUpdated"], reporter: memoryReporter() });
    expect(result.events.map((e) => e["detail-type"]).sort()).toEqual(["GraphUpdated", "TranscriptReady"]);
    expect(result.file).toBeUndefined();
  });

  it("follows a chat turn's saga in causal order with the time of each hop", async () => {
    const trace = await traceSaga(target, { correlationId: messageId, window: { from, to: new Date() }, reporter: memoryReporter() });
    expect(trace.steps.map((s) => [s.event["detail-type"], s.depth])).toEqual([
      ["MessageReceived", 0],
      ["MessageScreened", 1],
      ["ReplyGenerated", 2],
      ["ReplyScreened", 3],
      ["ReplyDelivered", 4],
    ]);
    expect(trace.steps.slice(1).every((s) => s.hopMs !== undefined && s.hopMs >= 0)).toBe(true);
    expect(trace.totalMs).toBeGreaterThan(0);
  });

  it("follows a session's saga from its end to the refreshed context", async () => {
    const trace = await traceSaga(target, { correlationId: sessionId, window: { from, to: new Date() }, reporter: memoryReporter() });
    const types = trace.steps.map((s) => `${"  ".repeat(s.depth)}${s.event["detail-type"]}`);
    expect(types).toContain("SessionStarted");
    // The session's end branches: storage asks the teen for feedback beside the transcript's way to the refreshed context.
    const ended = types.indexOf("SessionEnded");
    const next = types.findIndex((line, i) => i > ended && !line.startsWith(" "));
    const fromEnd = types.slice(ended, next === -1 ? undefined : next);
    expect(fromEnd.filter((line) => line !== "  FeedbackRequested")).toEqual(["SessionEnded", "  TranscriptReady", "    GraphUpdated", "      ContextRefreshed"]);
    expect(fromEnd).toContain("  FeedbackRequested");
  });

  it("tails live events as they happen, then removes its rule and queue", { timeout: DRAIN_TIMEOUT_MS + 30_000 }, async () => {
    // Prepare
    const controller = new AbortController();
    const seen: BusEvent[] = [];
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));

    // Act: a new session starts while the tail runs.
    const tailing = tailBus(target, { types: ["SessionStarted"], reporter: memoryReporter(), signal: controller.signal, onEvent: (e) => seen.push(e), onReady: ready });
    await isReady;
    const started = (await client.request("start_session", { personaId: "compass" }, "session_started")).payload.sessionId as string;
    await until(() => seen.length > 0 || undefined, "the tail to print the event");
    controller.abort();
    const count = await tailing;

    // Assess
    expect(count).toBe(1);
    expect(seen[0]?.["detail-type"]).toBe("SessionStarted");
    expect(metadataOf(seen[0]!).correlationId).toBe(started);
    expect(await leftovers(env.eventBridge, env.sqs, "innerworld")).toEqual([]);
    await client.request("end_session", { sessionId: started }, "session_ended");
    await queuesDrained(env.sqs, env.cloud.endpoints);
  });

  it("narrows a replay to some of a service's types with a rule that matches only that replay's events", async () => {
    // storage takes blocked and crisis verdicts and six other types; a replay of MessageScreened alone must keep the filter.
    const pattern = JSON.stringify(replayRoutePattern("storage", [{ eventType: "MessageScreened", detailFilter: { data: { verdict: { action: ["block", "crisis"] } } } }], "r1"));
    const event = (action: string, extra: Record<string, unknown> = {}, type = "MessageScreened") =>
      JSON.stringify({ id: "1", account: "000000000000", source: "innerworld.safety", time: "2026-03-14T16:00:00Z", region: "us-east-1", "detail-type": type, resources: [], detail: { data: { verdict: { action } } }, ...extra });
    const matches = async (e: string) => (await env.eventBridge.send(new TestEventPatternCommand({ EventPattern: pattern, Event: e }))).Result;
    expect(await matches(event("crisis", { "replay-name": "r1" }))).toBe(true);
    expect(await matches(event("crisis"))).toBe(false); // live traffic never reaches the temporary rule
    expect(await matches(event("crisis", { "replay-name": "r2" }))).toBe(false); // nor another replay
    expect(await matches(event("allow", { "replay-name": "r1" }))).toBe(false); // storage's own filter still holds
    expect(await matches(event("crisis", { "replay-name": "r1" }, "SessionEnded"))).toBe(false); // and only the types asked for
  });

  it("replays only GraphUpdated into context-refresh, then deletes its temporary rule and queue policy statement", { timeout: DRAIN_TIMEOUT_MS + 30_000 }, async () => {
    // Prepare
    const versionBefore = await contextVersion(env.dynamodb, `${env.cloud.endpoints.tablePrefix}-contextCache`, USER);
    const queueUrl = env.cloud.endpoints.queues["context-refresh"]!.queueUrl;

    // Act
    const reporter = memoryReporter();
    const outcome = await replayIntoServices(target, { window: { from, to: new Date() }, services: ["context-refresh"], types: ["GraphUpdated"], reporter });

    // Assess: the replayed GraphUpdated reached context-refresh through the temporary rule, which is gone again.
    expect(outcome.routes).toMatchObject([{ service: "context-refresh", types: ["GraphUpdated"], via: "temporary-rule" }]);
    expect(outcome.final?.state).toBe("COMPLETED");
    expect(reporter.lines).toContain("following it to the end: the temporary rules must outlive the replay");
    await until(async () => (await contextVersion(env.dynamodb, `${env.cloud.endpoints.tablePrefix}-contextCache`, USER)) > versionBefore || undefined, "context-refresh to rebuild");
    expect(await leftovers(env.eventBridge, env.sqs, "innerworld")).toEqual([]);
    const policy = (await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] }))).Attributes?.Policy ?? "";
    expect(policy).not.toContain("analyst");
    await queuesDrained(env.sqs, env.cloud.endpoints);
  });

  it("refuses the notifier and generation without starting anything", async () => {
    const before = (await env.eventBridge.send(new ListReplaysCommand({}))).Replays?.length;
    for (const service of ["notifier", "generation"]) {
      const error = await replayIntoServices(target, { window: { from, to: new Date() }, services: [service], reporter: memoryReporter() }).catch((e: unknown) => e);
      expect(isAnalystError(error) && error.code).toBe("REPLAY_NOT_ACCEPTED");
    }
    expect((await env.eventBridge.send(new ListReplaysCommand({}))).Replays?.length).toBe(before);
  });

  it("finds and deletes what a crashed run left behind", async () => {
    // Prepare: a tap never closed, and a queue policy statement never revoked, as after a kill -9.
    await BusTap.open(target, { pattern: { "replay-name": ["gone"] }, purpose: "a crashed export", reporter: memoryReporter() });
    const storage = env.cloud.endpoints.queues.storage!;
    const orphanRule = `${temporaryName("innerworld")}-0`;
    await grantSendFromRule(target, storage.queueUrl, storage.queueArn, `arn:aws:events:us-east-1:000000000000:rule/innerworld/${orphanRule}`, sidOf(orphanRule));
    expect(await leftovers(env.eventBridge, env.sqs, "innerworld")).toHaveLength(2);

    // Act
    const listed = await cleanupLeftovers(target, { olderThanMs: 0, apply: false, reporter: memoryReporter() });
    const reporter = memoryReporter();
    await cleanupLeftovers(target, { olderThanMs: 0, apply: true, reporter });

    // Assess
    expect(listed.rules).toHaveLength(1);
    expect(listed.queues).toHaveLength(1);
    expect(listed.policyStatements).toEqual([{ service: "storage", sid: sidOf(orphanRule) }]);
    expect(reporter.lines.join("\n")).toContain("deleted 1 rules and 1 queues");
    expect(await leftovers(env.eventBridge, env.sqs, "innerworld")).toEqual([]);
    const policy = (await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: storage.queueUrl, AttributeNames: ["Policy"] }))).Attributes?.Policy ?? "";
    expect(policy).not.toContain(sidOf(orphanRule));
  });

  describe("the real CLI, as a user runs it (pnpm events ... --local DIR)", () => {
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, INIT_CWD: REPO_ROOT } });
        return { status: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };

    it("lists archives, exports to stdout, and refuses the notifier with exit status 1", async () => {
      const archives = await cli("archives", "--local", env.dataDir);
      expect(archives.status).toBe(0);
      expect(archives.stdout).toMatch(/innerworld-archive\s+ENABLED\s+\d+/);

      const exported = await cli("export", "--from", from.toISOString(), "--type", "SessionStarted,SessionEnded", "--local", env.dataDir);
      expect(exported.status).toBe(0);
      const events = exported.stdout.trim().split("\n").map((line) => JSON.parse(line) as BusEvent);
      expect(new Set(events.map((e) => e["detail-type"]))).toEqual(new Set(["SessionStarted", "SessionEnded"]));
      expect(exported.stderr).toMatch(/replay export-\S+ COMPLETED; received \d+ events/);

      const refused = await cli("replay", "--from", "1h", "--to-service", "notifier", "--local", env.dataDir);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("error [REPLAY_NOT_ACCEPTED]: notifier does not accept replays");
      // Three CLI processes, each compiling the tool with tsx as it starts: seconds apiece on a loaded machine.
    }, 90_000);
  });
});
