// The real AWS CLI (v1, on PATH) against the emulator: commands run unchanged and print what they print against AWS.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CreateArchiveCommand, CreateEventBusCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCredentials } from "../../src/net.js";
import { EventBridgeHarness } from "./helpers/harness.js";
import { NO_REPLAYS, patternFor } from "./helpers/factories.js";

const run = promisify(execFile);
const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;
const BUS = "innerworld";
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";

let harness: EventBridgeHarness;

beforeAll(async () => {
  harness = await EventBridgeHarness.start();
  await harness.eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
});

afterAll(async () => {
  await harness.close();
});

/** Runs `aws events <args>` against the emulator with throwaway credentials; resolves to the parsed JSON output or the failure. */
const awsEvents = async (...args: string[]): Promise<{ json?: Record<string, unknown>; code: number; stderr: string }> => {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_MAX_ATTEMPTS: "1",
  };
  try {
    const { stdout, stderr } = await run("aws", ["events", ...args, "--endpoint-url", harness.endpoint, "--output", "json"], { env, timeout: 30_000 });
    return { json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {}, code: 0, stderr };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? String(error) };
  }
};

// Each CLI call starts a Python interpreter: under a second on an idle machine, several on a loaded one, and a test
// makes up to a handful of them (more while it polls), so the budget is a loaded machine's, not a speed requirement.
describe("aws events", { timeout: 90_000 }, () => {
  it("put-events delivers and reports per-entry failures", async () => {
    // Prepare
    const queue = harness.createQueue("cli-put");
    await harness.eventBridge.send(new PutRuleCommand({ Name: "cli-put", EventBusName: BUS, EventPattern: patternFor("innerworld.gateway", ["MessageReceived"]) }));
    await harness.eventBridge.send(new PutTargetsCommand({ Rule: "cli-put", EventBusName: BUS, Targets: [{ Id: "q", Arn: queue.queueArn }] }));
    const entries = [
      { Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: JSON.stringify({ data: { content: "hello" } }), EventBusName: BUS },
      { Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: "not json", EventBusName: BUS },
    ];

    // Act
    const result = await awsEvents("put-events", "--entries", JSON.stringify(entries));

    // Assess
    expect(result.stderr).toBe("");
    expect(result.json).toEqual({
      FailedEntryCount: 1,
      Entries: [{ EventId: expect.any(String) }, { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." }],
    });
    const [event] = await harness.receiveEvents(queue, 1);
    expect(event).toMatchObject({ detail: { data: { content: "hello" } }, source: "innerworld.gateway" });
  });

  it("test-event-pattern returns the match result and AWS's errors", async () => {
    const event = {
      version: "0",
      id: "1",
      "detail-type": "ReplyScreened",
      source: "innerworld.safety",
      account: "000000000000",
      time: "2026-01-01T00:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: {},
    };
    const pattern = patternFor("innerworld.safety", ["ReplyScreened"], NO_REPLAYS);

    const matching = await awsEvents("test-event-pattern", "--event-pattern", pattern, "--event", JSON.stringify(event));
    const replayed = await awsEvents("test-event-pattern", "--event-pattern", pattern, "--event", JSON.stringify({ ...event, "replay-name": "r" }));
    const invalid = await awsEvents("test-event-pattern", "--event-pattern", '{"source": "innerworld.safety"}', "--event", JSON.stringify(event));

    expect(matching.json).toEqual({ Result: true });
    expect(replayed.json).toEqual({ Result: false });
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toMatch(/An error occurred \(InvalidEventPatternException\) when calling the TestEventPattern operation: Event pattern is not valid\./);
  });

  it("list-rules prints the bus's rules", async () => {
    await harness.eventBridge.send(new PutRuleCommand({ Name: "cli-list-a", EventBusName: BUS, EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]), Description: "storage" }));
    await harness.eventBridge.send(new PutRuleCommand({ Name: "cli-list-b", EventBusName: BUS, EventPattern: patternFor("innerworld.gateway", ["SessionStarted"]), State: "DISABLED" }));

    const result = await awsEvents("list-rules", "--event-bus-name", BUS, "--name-prefix", "cli-list");

    expect(result.json).toEqual({
      Rules: [
        { Name: "cli-list-a", Arn: "arn:aws:events:us-east-1:000000000000:rule/innerworld/cli-list-a", EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]), State: "ENABLED", Description: "storage", EventBusName: BUS },
        { Name: "cli-list-b", Arn: "arn:aws:events:us-east-1:000000000000:rule/innerworld/cli-list-b", EventPattern: patternFor("innerworld.gateway", ["SessionStarted"]), State: "DISABLED", EventBusName: BUS },
      ],
    });
  });

  it("start-replay and describe-replay run a replay to COMPLETED", async () => {
    // Prepare
    const queue = harness.createQueue("cli-replay");
    const { RuleArn } = await harness.eventBridge.send(new PutRuleCommand({ Name: "cli-replay", EventBusName: BUS, EventPattern: patternFor("innerworld.gateway", ["TranscriptReady"]) }));
    await harness.eventBridge.send(new PutTargetsCommand({ Rule: "cli-replay", EventBusName: BUS, Targets: [{ Id: "q", Arn: queue.queueArn }] }));
    const { ArchiveArn = "" } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "cli-archive", EventSourceArn: BUS_ARN }));
    const entry = { Source: "innerworld.gateway", DetailType: "TranscriptReady", Detail: "{}", EventBusName: BUS, Time: "2026-01-01T10:00:00Z" };
    expect((await awsEvents("put-events", "--entries", JSON.stringify([entry]))).json).toMatchObject({ FailedEntryCount: 0 });
    expect(await harness.receive(queue, 1)).toHaveLength(1);

    // Act
    const started = await awsEvents(
      "start-replay",
      "--replay-name", "cli-replay",
      "--event-source-arn", ArchiveArn,
      "--event-start-time", "2026-01-01T09:00:00Z",
      "--event-end-time", "2026-01-01T11:00:00Z",
      "--destination", JSON.stringify({ Arn: BUS_ARN, FilterArns: [RuleArn] }),
    );
    let described = await awsEvents("describe-replay", "--replay-name", "cli-replay");
    for (let attempt = 0; attempt < 20 && described.json?.State !== "COMPLETED"; attempt += 1) {
      described = await awsEvents("describe-replay", "--replay-name", "cli-replay");
    }

    // Assess
    expect(started.stderr).toBe("");
    expect(started.json).toMatchObject({ ReplayArn: "arn:aws:events:us-east-1:000000000000:replay/cli-replay", State: "STARTING", ReplayStartTime: expect.any(Number) });
    expect(described.json).toMatchObject({
      ReplayName: "cli-replay",
      ReplayArn: "arn:aws:events:us-east-1:000000000000:replay/cli-replay",
      State: "COMPLETED",
      EventSourceArn: ArchiveArn,
      Destination: { Arn: BUS_ARN, FilterArns: [RuleArn] },
      // CLI v1 prints timestamps as the epoch seconds JSON 1.1 carries.
      EventStartTime: epochSeconds("2026-01-01T09:00:00Z"),
      EventEndTime: epochSeconds("2026-01-01T11:00:00Z"),
      EventLastReplayedTime: epochSeconds("2026-01-01T10:00:00Z"),
    });
    const [replayed] = await harness.receiveEvents(queue, 1);
    expect(replayed).toMatchObject({ "replay-name": "cli-replay", time: "2026-01-01T10:00:00Z" });
  });
});
