// Archives and replays through the real SDK: what gets archived, who a replay reaches, and what survives a restart.
import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgeHarness, type TestQueue } from "./helpers/harness.js";
import { messageReceived, NO_REPLAYS, patternFor, sessionEnded } from "./helpers/factories.js";

const BUS = "innerworld";
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";

let harness: EventBridgeHarness;

beforeEach(async () => {
  harness = await EventBridgeHarness.start();
  await harness.eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
});

afterEach(async () => {
  await harness.close();
});

const ruleToQueue = (name: string, pattern: string, queue: TestQueue): Promise<string> => harness.ruleToQueue(name, pattern, queue, BUS);

/** Event times are whole seconds, so a window that should include "now" starts at the previous second. */
const windowStart = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);

describe("archives", () => {
  it("archives the bus's events that match the archive pattern and counts them", async () => {
    // Prepare
    const { ArchiveArn, State } = await harness.eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: "sessions", EventSourceArn: BUS_ARN, EventPattern: patternFor("innerworld.gateway", ["SessionEnded"]), RetentionDays: 7 }),
    );
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "everything", EventSourceArn: BUS_ARN }));

    // Act
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [messageReceived({ EventBusName: BUS }), sessionEnded({ EventBusName: BUS }), sessionEnded()] }));
    const sessions = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "sessions" }));
    const everything = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "everything" }));
    const listed = await harness.eventBridge.send(new ListArchivesCommand({ EventSourceArn: BUS_ARN }));

    // Assess: counts are read right after PutEvents answered, because archiving happens before the answer.
    expect(ArchiveArn).toBe("arn:aws:events:us-east-1:000000000000:archive/sessions");
    expect(State).toBe("ENABLED");
    expect(sessions).toMatchObject({ ArchiveName: "sessions", EventSourceArn: BUS_ARN, RetentionDays: 7, EventCount: 1, State: "ENABLED" });
    expect(sessions.SizeBytes).toBeGreaterThan(0);
    expect(everything.EventCount).toBe(2); // the third event went to the default bus
    expect(listed.Archives?.map((archive) => archive.ArchiveName)).toEqual(["everything", "sessions"]);
  });

  it("answers AWS's errors for duplicate, missing and badly sourced archives", async () => {
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: BUS_ARN }));

    const duplicate = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a", EventSourceArn: BUS_ARN })).catch((e: unknown) => e);
    const noBus = await harness.eventBridge
      .send(new CreateArchiveCommand({ ArchiveName: "b", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/nope" }))
      .catch((e: unknown) => e);
    const badPattern = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "c", EventSourceArn: BUS_ARN, EventPattern: "[]" })).catch((e: unknown) => e);
    await harness.eventBridge.send(new DeleteArchiveCommand({ ArchiveName: "a" }));
    const deleted = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "a" })).catch((e: unknown) => e);

    expect(duplicate).toMatchObject({ name: "ResourceAlreadyExistsException", message: "Archive a already exists." });
    expect(noBus).toMatchObject({ name: "ResourceNotFoundException", message: "Event bus nope does not exist." });
    expect(badPattern).toMatchObject({ name: "InvalidEventPatternException" });
    expect(deleted).toMatchObject({ name: "ResourceNotFoundException", message: "Archive a does not exist." });
  });
});

describe("replays", () => {
  it("replays only to the FilterArns rules, carries replay-name, and is not archived again", async () => {
    // Prepare
    const analytics = harness.createQueue("analytics");
    const storage = harness.createQueue("storage");
    const pattern = patternFor("innerworld.gateway", ["MessageReceived"]);
    const analyticsRule = await ruleToQueue("analytics", pattern, analytics);
    await ruleToQueue("storage", pattern, storage);
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN }));
    const start = windowStart();
    const { Entries } = await harness.eventBridge.send(new PutEventsCommand({ Entries: [messageReceived({ EventBusName: BUS }), messageReceived({ EventBusName: BUS })] }));
    const live = await harness.receiveEvents(analytics, 2);
    expect(await harness.receive(storage, 2)).toHaveLength(2);

    // Act
    const started = await harness.eventBridge.send(
      new StartReplayCommand({ ReplayName: "analytics-backfill", EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: new Date(Date.now() + 1000), Destination: { Arn: BUS_ARN, FilterArns: [analyticsRule] } }),
    );
    const finished = await harness.waitForReplay("analytics-backfill");

    // Assess
    expect(started).toMatchObject({ ReplayArn: "arn:aws:events:us-east-1:000000000000:replay/analytics-backfill", State: "STARTING", ReplayStartTime: expect.any(Date) });
    expect(finished).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: expect.any(Date), ReplayEndTime: expect.any(Date), Destination: { Arn: BUS_ARN, FilterArns: [analyticsRule] } });
    const replayed = await harness.receiveEvents(analytics, 2);
    expect(replayed.map((event) => event["replay-name"])).toEqual(["analytics-backfill", "analytics-backfill"]);
    expect(replayed.map((event) => event.id).sort()).toEqual(Entries?.map((entry) => entry.EventId).sort());
    expect(replayed.map(({ "replay-name": _name, ...event }) => event).sort((a, b) => a.id.localeCompare(b.id))).toEqual(live.sort((a, b) => a.id.localeCompare(b.id)));
    // COMPLETED means every replayed send has finished: nothing more can reach storage.
    expect(await harness.drain(storage)).toEqual([]);
    const archive = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "chat" }));
    expect(archive.EventCount).toBe(2);
  });

  it("never reaches a rule that excludes replays, while other rules get the replayed events", async () => {
    // Prepare
    const notifier = harness.createQueue("notifier");
    const storage = harness.createQueue("storage");
    await ruleToQueue("notifier", patternFor("innerworld.gateway", ["SessionEnded"], NO_REPLAYS), notifier);
    await ruleToQueue("storage", patternFor("innerworld.gateway", ["SessionEnded"]), storage);
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "sessions", EventSourceArn: BUS_ARN }));
    const start = windowStart();
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    expect(await harness.receive(notifier, 1)).toHaveLength(1); // live events still reach it
    expect(await harness.receive(storage, 1)).toHaveLength(1);

    // Act
    await harness.eventBridge.send(
      new StartReplayCommand({ ReplayName: "all-rules", EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: new Date(Date.now() + 1000), Destination: { Arn: BUS_ARN } }),
    );
    const finished = await harness.waitForReplay("all-rules");

    // Assess
    expect(finished.State).toBe("COMPLETED");
    expect((await harness.receiveEvents(storage, 1)).map((event) => event["replay-name"])).toEqual(["all-rules"]);
    expect(await harness.drain(notifier)).toEqual([]);
  });

  it("replays only events inside [EventStartTime, EventEndTime)", async () => {
    const storage = harness.createQueue("storage");
    await ruleToQueue("storage", JSON.stringify({ source: ["innerworld.gateway"] }), storage);
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "window", EventSourceArn: BUS_ARN }));
    const at = (iso: string) => sessionEnded({ EventBusName: BUS, Time: new Date(iso) });
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [at("2026-01-01T00:00:00Z"), at("2026-01-01T00:59:59Z"), at("2026-01-01T01:00:00Z")] }));
    await harness.receive(storage, 3);

    await harness.eventBridge.send(
      new StartReplayCommand({ ReplayName: "first-hour", EventSourceArn: ArchiveArn, EventStartTime: new Date("2026-01-01T00:00:00Z"), EventEndTime: new Date("2026-01-01T01:00:00Z"), Destination: { Arn: BUS_ARN } }),
    );
    const finished = await harness.waitForReplay("first-hour");

    expect(finished.EventLastReplayedTime).toEqual(new Date("2026-01-01T00:59:59Z"));
    expect((await harness.receiveEvents(storage, 2)).map((event) => event.time).sort()).toEqual(["2026-01-01T00:00:00Z", "2026-01-01T00:59:59Z"]);
    expect(await harness.drain(storage)).toEqual([]);
  });

  it("answers AWS's errors for bad replays and refuses to cancel a finished one", async () => {
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN }));
    const replay = (overrides: Partial<ConstructorParameters<typeof StartReplayCommand>[0]> = {}) =>
      harness.eventBridge
        .send(new StartReplayCommand({ ReplayName: "r", EventSourceArn: ArchiveArn, EventStartTime: new Date(0), EventEndTime: new Date(), Destination: { Arn: BUS_ARN }, ...overrides }))
        .catch((e: unknown) => e);

    const backwards = await replay({ EventStartTime: new Date(), EventEndTime: new Date(0) });
    const crossBus = await replay({ Destination: { Arn: "arn:aws:events:us-east-1:000000000000:event-bus/default" } });
    const first = await replay();
    const duplicate = await replay();
    await harness.waitForReplay("r");
    const cancel = await harness.eventBridge.send(new CancelReplayCommand({ ReplayName: "r" })).catch((e: unknown) => e);
    const listed = await harness.eventBridge.send(new ListReplaysCommand({ State: "COMPLETED" }));

    expect(backwards).toMatchObject({ name: "ValidationException", message: "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime." });
    expect(crossBus).toMatchObject({ name: "ValidationException", message: "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted." });
    expect(first).toMatchObject({ State: "STARTING" });
    expect(duplicate).toMatchObject({ name: "ResourceAlreadyExistsException", message: "Replay r already exists." });
    expect(cancel).toMatchObject({ name: "IllegalStatusException" });
    expect(listed.Replays?.map((r) => r.ReplayName)).toEqual(["r"]);
  });
});

describe("restart on the same dataDir", () => {
  it("keeps rules, targets, archives and archived events, and replays them after the restart", async () => {
    // Prepare
    const storage = harness.createQueue("storage");
    const storageRule = await ruleToQueue("storage", patternFor("innerworld.gateway", ["MessageReceived"]), storage);
    await harness.eventBridge.send(new PutRuleCommand({ Name: "dormant", EventBusName: BUS, EventPattern: patternFor("x", ["y"]), State: "DISABLED" }));
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN, RetentionDays: 30 }));
    const start = windowStart();
    const { Entries } = await harness.eventBridge.send(new PutEventsCommand({ Entries: [messageReceived({ EventBusName: BUS }), messageReceived({ EventBusName: BUS })] }));
    expect(await harness.receive(storage, 2)).toHaveLength(2);

    // Act
    await harness.restartEmulator();

    // Assess: resources came back
    const rules = await harness.eventBridge.send(new ListRulesCommand({ EventBusName: BUS }));
    expect(rules.Rules?.map((rule) => [rule.Name, rule.State])).toEqual([["dormant", "DISABLED"], ["storage", "ENABLED"]]);
    const targets = await harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: "storage", EventBusName: BUS }));
    expect(targets.Targets).toEqual([{ Id: "queue", Arn: storage.queueArn }]);
    const archive = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "chat" }));
    expect(archive).toMatchObject({ EventCount: 2, RetentionDays: 30 });

    // and still work: live routing, then a replay of the events archived before the restart
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [messageReceived({ EventBusName: BUS })] }));
    expect(await harness.receive(storage, 1)).toHaveLength(1);
    await harness.eventBridge.send(
      new StartReplayCommand({ ReplayName: "after-restart", EventSourceArn: ArchiveArn, EventStartTime: start, EventEndTime: new Date(Date.now() + 1000), Destination: { Arn: BUS_ARN, FilterArns: [storageRule] } }),
    );
    expect((await harness.waitForReplay("after-restart")).State).toBe("COMPLETED");
    const replayed = await harness.receiveEvents(storage, 3);
    expect(replayed.every((event) => event["replay-name"] === "after-restart")).toBe(true);
    expect(replayed.map((event) => event.id)).toEqual(expect.arrayContaining(Entries?.map((entry) => entry.EventId) ?? []));
    expect(replayed).toHaveLength(3);

    // and the replay itself is remembered across another restart
    await harness.restartEmulator();
    const remembered = await harness.eventBridge.send(new DescribeReplayCommand({ ReplayName: "after-restart" }));
    expect(remembered).toMatchObject({ State: "COMPLETED", EventSourceArn: ArchiveArn });
  });

  it("marks a replay that was running when the emulator stopped as FAILED", async () => {
    // Prepare: a replay recorded as RUNNING, as a killed emulator would leave it.
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN }));
    await harness.eventBridge.send(
      new StartReplayCommand({ ReplayName: "cut-short", EventSourceArn: ArchiveArn, EventStartTime: new Date(0), EventEndTime: new Date(), Destination: { Arn: BUS_ARN } }),
    );
    await harness.waitForReplay("cut-short");
    await harness.stopEmulator();
    const statePath = join(harness.dataDir, "state.json");
    const saved = JSON.parse(await readFile(statePath, "utf8")) as { replays: { state: string }[] };
    saved.replays.forEach((replay) => (replay.state = "RUNNING"));
    await writeFile(statePath, JSON.stringify(saved));

    // Act
    await harness.startEmulator();

    // Assess
    const replay = await harness.eventBridge.send(new DescribeReplayCommand({ ReplayName: "cut-short" }));
    expect(replay).toMatchObject({ State: "FAILED", StateReason: "The emulator stopped before the replay finished." });
  });
});
