// Archive retention on the emulator's own clock, moved by the test: what replays and the archive's counts see.
import { CreateArchiveCommand, CreateEventBusCommand, DescribeArchiveCommand, ListArchivesCommand, PutEventsCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { manualClock } from "@innerworld/platform/clock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgeHarness } from "./helpers/harness.js";
import { sessionEnded } from "./helpers/factories.js";

const BUS = "innerworld";
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";
const START = "2026-03-01T00:00:00Z";
const DAY_MS = 24 * 60 * 60 * 1000;

const clock = manualClock(START);
let harness: EventBridgeHarness;

beforeEach(async () => {
  clock.set(START);
  harness = await EventBridgeHarness.start({ clock });
  await harness.eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
});

afterEach(async () => {
  await harness.close();
});

describe("archive retention", () => {
  it("replays an event until it is older than RetentionDays on the emulator's clock, and a newer one after", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one put on 3 March (neither names a Time, so each
    // takes the emulator's now, as on AWS).
    const storage = harness.createQueue("storage");
    await harness.ruleToQueue("storage", JSON.stringify({ source: ["innerworld.gateway"] }), storage, BUS);
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    const older = await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(2 * DAY_MS);
    const newer = await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    expect(await harness.receive(storage, 2)).toHaveLength(2);
    const replayWholeMarch = (name: string) =>
      harness.eventBridge.send(
        new StartReplayCommand({ ReplayName: name, EventSourceArn: ArchiveArn, EventStartTime: new Date("2026-03-01T00:00:00Z"), EventEndTime: new Date("2026-04-01T00:00:00Z"), Destination: { Arn: BUS_ARN } }),
      );

    // Act: on 7 March the first event is six days old; on 9 March it is eight, the second six.
    clock.set("2026-03-07T00:00:00Z");
    const withinRetention = await replayWholeMarch("on-7-march");
    const replayedOn7March = await harness.waitForReplay("on-7-march");
    const receivedOn7March = await harness.receiveEvents(storage, 2);
    clock.set("2026-03-09T00:00:00Z");
    await replayWholeMarch("on-9-march");
    const replayedOn9March = await harness.waitForReplay("on-9-march");
    const receivedOn9March = await harness.receiveEvents(storage, 1);

    // Assess
    expect(withinRetention.ReplayStartTime).toEqual(new Date("2026-03-07T00:00:00Z"));
    expect(replayedOn7March).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: new Date("2026-03-03T00:00:00Z"), ReplayEndTime: new Date("2026-03-07T00:00:00Z") });
    expect(receivedOn7March.map((event) => event.id).sort()).toEqual([older.Entries?.[0]?.EventId, newer.Entries?.[0]?.EventId].sort());
    expect(replayedOn9March).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: new Date("2026-03-03T00:00:00Z") });
    expect(receivedOn9March.map((event) => [event.id, event.time])).toEqual([[newer.Entries?.[0]?.EventId, "2026-03-03T00:00:00Z"]]);
    // COMPLETED means every replayed send has finished: the expired event did not come late.
    expect(await harness.drain(storage)).toEqual([]);
  });

  it("counts in EventCount and SizeBytes only the events within RetentionDays on the emulator's clock, as AWS does", async () => {
    // Prepare: a 7-day archive and one that keeps all, each holding an event put on 1 March and one put on 3 March.
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "forever", EventSourceArn: BUS_ARN }));
    const describeArchive = (name: string) => harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: name }));
    const countsOf = async (name: string) => {
      const { EventCount, SizeBytes } = await describeArchive(name);
      return { EventCount, SizeBytes };
    };
    const listed = async () => {
      const { Archives = [] } = await harness.eventBridge.send(new ListArchivesCommand({ EventSourceArn: BUS_ARN }));
      return Object.fromEntries(Archives.map((archive) => [archive.ArchiveName, { EventCount: archive.EventCount, SizeBytes: archive.SizeBytes }]));
    };
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const olderBytes = (await describeArchive("week")).SizeBytes ?? 0;
    clock.advance(2 * DAY_MS);
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const bothBytes = (await describeArchive("week")).SizeBytes ?? 0;

    // Act: on 7 March the first event is six days old; on 9 March it is eight, the second six.
    clock.set("2026-03-07T00:00:00Z");
    const weekOn7March = await countsOf("week");
    clock.set("2026-03-09T00:00:00Z");
    const weekOn9March = await countsOf("week");
    const foreverOn9March = await countsOf("forever");
    const listedOn9March = await listed();

    // Assess
    expect(olderBytes).toBeGreaterThan(0);
    expect(bothBytes).toBeGreaterThan(olderBytes);
    expect(weekOn7March).toEqual({ EventCount: 2, SizeBytes: bothBytes });
    expect(weekOn9March).toEqual({ EventCount: 1, SizeBytes: bothBytes - olderBytes });
    expect(foreverOn9March).toEqual({ EventCount: 2, SizeBytes: bothBytes });
    expect(listedOn9March).toEqual({ forever: foreverOn9March, week: weekOn9March });
  });

  it("counts what a restarted emulator reads back from its archive by the same retention", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one on 3 March, then a restart on 9 March.
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(2 * DAY_MS);
    await harness.eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const before = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    clock.set("2026-03-09T00:00:00Z");
    const expiredBefore = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));

    // Act
    await harness.restartEmulator();
    const afterRestart = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    clock.set("2026-03-02T00:00:00Z");
    const seenFrom2March = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));

    // Assess
    expect(before.EventCount).toBe(2);
    expect(afterRestart).toMatchObject({ EventCount: 1, SizeBytes: expiredBefore.SizeBytes });
    expect(seenFrom2March).toMatchObject({ EventCount: 2, SizeBytes: before.SizeBytes });
  });
});
