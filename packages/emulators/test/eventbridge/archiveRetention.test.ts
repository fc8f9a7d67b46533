// Archive retention on the emulator's own clock, moved by the test: what replays and the archive's counts see, and that expired events are deleted, not only passed over.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CreateArchiveCommand, DescribeArchiveCommand, ListArchivesCommand, PutEventsCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { manualClock } from "@innerworld/platform/clock";
import { describe, expect, it } from "vitest";
import { harnessPerTest } from "./helpers/harness.js";
import { sessionEnded } from "./helpers/factories.js";

const BUS = "innerworld";
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";
const START = "2026-03-01T00:00:00Z";
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const clock = manualClock(START);
const harness = harnessPerTest(clock, START, BUS);

/** The ids of the events an archive's file holds, in the order they were archived: what is stored, whatever is counted. */
const archivedIds = async (archiveName: string): Promise<string[]> => {
  const text = await readFile(join(harness().dataDir, "archives", `${archiveName}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { id: string }).id);
};

describe("archive retention", () => {
  it("replays an event until it is older than RetentionDays on the emulator's clock, and a newer one after", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one put on 3 March (neither names a Time, so each
    // takes the emulator's now, as on AWS).
    const storage = harness().createQueue("storage");
    await harness().ruleToQueue("storage", JSON.stringify({ source: ["innerworld.gateway"] }), storage, BUS);
    const { ArchiveArn } = await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    const older = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(2 * DAY_MS);
    const newer = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    expect(await harness().receive(storage, 2)).toHaveLength(2);
    const replayWholeMarch = (name: string) =>
      harness().eventBridge.send(
        new StartReplayCommand({ ReplayName: name, EventSourceArn: ArchiveArn, EventStartTime: new Date("2026-03-01T00:00:00Z"), EventEndTime: new Date("2026-04-01T00:00:00Z"), Destination: { Arn: BUS_ARN } }),
      );

    // Act: on 7 March the first event is six days old; on 9 March it is eight, the second six.
    clock.set("2026-03-07T00:00:00Z");
    const withinRetention = await replayWholeMarch("on-7-march");
    const replayedOn7March = await harness().waitForReplay("on-7-march");
    const receivedOn7March = await harness().receiveEvents(storage, 2);
    clock.set("2026-03-09T00:00:00Z");
    await replayWholeMarch("on-9-march");
    const replayedOn9March = await harness().waitForReplay("on-9-march");
    const receivedOn9March = await harness().receiveEvents(storage, 1);

    // Assess
    expect(withinRetention.ReplayStartTime).toEqual(new Date("2026-03-07T00:00:00Z"));
    expect(replayedOn7March).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: new Date("2026-03-03T00:00:00Z"), ReplayEndTime: new Date("2026-03-07T00:00:00Z") });
    expect(receivedOn7March.map((event) => event.id).sort()).toEqual([older.Entries?.[0]?.EventId, newer.Entries?.[0]?.EventId].sort());
    expect(replayedOn9March).toMatchObject({ State: "COMPLETED", EventLastReplayedTime: new Date("2026-03-03T00:00:00Z") });
    expect(receivedOn9March.map((event) => [event.id, event.time])).toEqual([[newer.Entries?.[0]?.EventId, "2026-03-03T00:00:00Z"]]);
    // COMPLETED means every replayed send has finished: the expired event did not come late.
    expect(await harness().drain(storage)).toEqual([]);
  });

  it("counts in EventCount and SizeBytes only the events within RetentionDays on the emulator's clock, as AWS does", async () => {
    // Prepare: a 7-day archive and one that keeps all, each holding an event put on 1 March and one put on 3 March.
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "forever", EventSourceArn: BUS_ARN }));
    const describeArchive = (name: string) => harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: name }));
    const countsOf = async (name: string) => {
      const { EventCount, SizeBytes } = await describeArchive(name);
      return { EventCount, SizeBytes };
    };
    const listed = async () => {
      const { Archives = [] } = await harness().eventBridge.send(new ListArchivesCommand({ EventSourceArn: BUS_ARN }));
      return Object.fromEntries(Archives.map((archive) => [archive.ArchiveName, { EventCount: archive.EventCount, SizeBytes: archive.SizeBytes }]));
    };
    await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const olderBytes = (await describeArchive("week")).SizeBytes ?? 0;
    clock.advance(2 * DAY_MS);
    await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
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

  it("deletes the events older than RetentionDays when the archive is read, so they do not come back when the clock does", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one put on 3 March; on 9 March the first is eight days old.
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    const older = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(2 * DAY_MS);
    const newer = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const before = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedBefore = await archivedIds("week");

    // Act
    clock.set("2026-03-09T00:00:00Z");
    const on9March = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedOn9March = await archivedIds("week");
    clock.set("2026-03-02T00:00:00Z");
    const seenFrom2March = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));

    // Assess: the first event is gone from the archive's file, not only left out of its counts.
    expect(storedBefore).toEqual([older.Entries?.[0]?.EventId, newer.Entries?.[0]?.EventId]);
    expect(before.EventCount).toBe(2);
    expect(on9March.EventCount).toBe(1);
    expect(storedOn9March).toEqual([newer.Entries?.[0]?.EventId]);
    expect(seenFrom2March).toMatchObject({ EventCount: 1, SizeBytes: on9March.SizeBytes });
  });

  it("deletes expired events when the archive is written to, though nothing reads it", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one put on 3 March.
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(2 * DAY_MS);
    const third = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));

    // Act: an event put on 9 March, and no Describe, List or replay of the archive.
    clock.set("2026-03-09T00:00:00Z");
    const ninth = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));

    // Assess
    expect(await archivedIds("week")).toEqual([third.Entries?.[0]?.EventId, ninth.Entries?.[0]?.EventId]);
  });

  it("counts an event expired since the last sweep out at once, and deletes it at the next sweep an hour of the clock later", async () => {
    // Prepare: a 7-day archive holding events put at 00:00 and 00:30 on 1 March; on 8 March at 00:10 the first has expired.
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.advance(30 * MINUTE_MS);
    const second = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    clock.set("2026-03-08T00:10:00Z");
    const firstSwept = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedAfterFirstSweep = await archivedIds("week");

    // Act: at 00:40 the second has expired too, half an hour after the last sweep; at 01:10, an hour after it.
    clock.set("2026-03-08T00:40:00Z");
    const halfAnHourOn = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedHalfAnHourOn = await archivedIds("week");
    clock.set("2026-03-08T01:10:00Z");
    const anHourOn = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedAnHourOn = await archivedIds("week");

    // Assess
    expect(firstSwept.EventCount).toBe(1);
    expect(storedAfterFirstSweep).toEqual([second.Entries?.[0]?.EventId]);
    expect(halfAnHourOn).toMatchObject({ EventCount: 0, SizeBytes: 0 });
    expect(storedHalfAnHourOn).toEqual([second.Entries?.[0]?.EventId]);
    expect(anHourOn).toMatchObject({ EventCount: 0, SizeBytes: 0 });
    expect(storedAnHourOn).toEqual([]);
  });

  it("applies retention to what a restarted emulator reads back from its archive, and deletes what has expired", async () => {
    // Prepare: a 7-day archive holding an event put on 1 March and one on 3 March, then a stop, and a start on 9 March.
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "week", EventSourceArn: BUS_ARN, RetentionDays: 7 }));
    await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const olderBytes = (await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }))).SizeBytes ?? 0;
    clock.advance(2 * DAY_MS);
    const newer = await harness().eventBridge.send(new PutEventsCommand({ Entries: [sessionEnded({ EventBusName: BUS })] }));
    const before = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    await harness().stopEmulator();
    clock.set("2026-03-09T00:00:00Z");

    // Act
    await harness().startEmulator();
    const afterRestart = await harness().eventBridge.send(new DescribeArchiveCommand({ ArchiveName: "week" }));
    const storedAfterRestart = await archivedIds("week");

    // Assess
    expect(before.EventCount).toBe(2);
    expect(afterRestart).toMatchObject({ EventCount: 1, SizeBytes: (before.SizeBytes ?? 0) - olderBytes });
    expect(storedAfterRestart).toEqual([newer.Entries?.[0]?.EventId]);
  });
});
