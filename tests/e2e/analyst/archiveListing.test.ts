// `archives` and the archive lookup when AWS answers in pages: the EventBridge emulator on a clock the test moves, and a
// client that asks for pages smaller than the tool does, as AWS may serve fewer than the Limit with a NextToken.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateArchiveCommand, CreateEventBusCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { describeArchive, isAnalystError, listArchives, localTarget, memoryReporter, type AnalystTarget } from "@innerworld/analyst";
import { startEventBridgeEmulator, type EventBridgeEmulator } from "@innerworld/emulators/eventbridge";
import { startSqs, type LocalSqs } from "@innerworld/emulators/sqs";
import { manualClock } from "@innerworld/platform/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REGION = "us-east-1";
const BUS = "innerworld";
const BUS_ARN = `arn:aws:events:${REGION}:000000000000:event-bus/${BUS}`;
const ARCHIVE = "innerworld-archive";
const OTHER_ARCHIVES = ["innerworld-sessions", "innerworld-turns", "innerworld-portraits"];
/** Smaller than the tool's Limit, so a listing of this many needs several pages. */
const PAGE_SIZE = 3;
const REPLAYS = 8;

/** Caps every List* call's Limit at PAGE_SIZE on its way out: the emulator then pages as AWS may. */
const servePagesOf = (target: AnalystTarget, pageSize: number): void => {
  target.eventBridge.middlewareStack.add(
    (next, context) => (args) => {
      if (!context.commandName?.startsWith("List")) return next(args);
      const input = args.input as { Limit?: number };
      return next({ ...args, input: { ...input, Limit: Math.min(input.Limit ?? pageSize, pageSize) } });
    },
    { step: "initialize", name: "servePagesOf" },
  );
};

describe("the analyst's archive listing over many pages", () => {
  const clock = manualClock("2026-05-01T08:00:00Z");
  let dataDir: string;
  let sqs: LocalSqs;
  let eventBridge: EventBridgeEmulator;
  let target: AnalystTarget;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "archive-listing-"));
    sqs = await startSqs({ port: 0, region: REGION });
    eventBridge = await startEventBridgeEmulator({ port: 0, dataDir, region: REGION, sqsEndpoint: sqs.endpoint, inProcessSqs: sqs.inProcess, clock, logger: () => undefined });
    target = localTarget({ region: REGION, busName: BUS, archiveName: ARCHIVE, eventBridgeEndpoint: eventBridge.endpoint, sqsEndpoint: sqs.endpoint });
    servePagesOf(target, PAGE_SIZE);

    // Prepare: four archives of the bus; eight replays of the first, a minute apart, named in the order they started
    // (the emulator lists by name, so the latest are on the last page), and one of another archive.
    await target.eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
    const { ArchiveArn } = await target.eventBridge.send(new CreateArchiveCommand({ ArchiveName: ARCHIVE, EventSourceArn: BUS_ARN, RetentionDays: 0 }));
    const others = await Promise.all(OTHER_ARCHIVES.map((name) => target.eventBridge.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: BUS_ARN, RetentionDays: 30 }))));
    const replay = (name: string, archiveArn: string | undefined) =>
      target.eventBridge.send(
        new StartReplayCommand({ ReplayName: name, EventSourceArn: archiveArn, EventStartTime: new Date("2026-04-30T00:00:00Z"), EventEndTime: new Date("2026-05-01T00:00:00Z"), Destination: { Arn: BUS_ARN } }),
      );
    for (let index = 0; index < REPLAYS; index += 1) {
      clock.advance(60_000);
      await replay(`export-${index}`, ArchiveArn);
    }
    clock.advance(60_000);
    await replay("sessions-backfill", others[0]?.ArchiveArn);
  });

  afterAll(async () => {
    target?.close();
    await eventBridge?.close();
    await sqs?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("lists every archive and each one's latest five replays, newest first, from every page", async () => {
    // Act
    const reporter = memoryReporter();
    const listings = await listArchives(target, reporter);

    // Assess: the ARCHIVE's eight replays take three pages; its latest five are all on the last two.
    expect(listings.map((listing) => listing.name).sort()).toEqual([ARCHIVE, ...OTHER_ARCHIVES].sort());
    const archive = listings.find((listing) => listing.name === ARCHIVE);
    expect(archive?.recentReplays).toEqual([7, 6, 5, 4, 3].map((index) => ({ name: `export-${index}`, state: expect.any(String), startedAt: `2026-05-01T08:0${index + 1}:00.000Z` })));
    expect(listings.find((listing) => listing.name === "innerworld-sessions")?.recentReplays.map((replay) => replay.name)).toEqual(["sessions-backfill"]);
    expect(listings.find((listing) => listing.name === "innerworld-turns")?.recentReplays).toEqual([]);
    expect(reporter.lines.join("\n")).toContain("4 archives of bus innerworld:");
    expect(reporter.lines.filter((line) => line.includes("replay export-"))).toHaveLength(5);
  });

  it("names every archive there is, from every page, when the one asked for does not exist", async () => {
    // Act
    const error = await describeArchive(target, "innerworld-missing").catch((caught: unknown) => caught);

    // Assess
    if (!isAnalystError(error)) throw new Error(`expected an AnalystError, got ${String(error)}`);
    expect(error.code).toBe("ARCHIVE_NOT_FOUND");
    expect(error.hint).toMatch(/^Archives there: /);
    for (const name of [ARCHIVE, ...OTHER_ARCHIVES]) expect(error.hint).toContain(name);
  });
});
