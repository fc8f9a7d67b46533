// Archive retention on the emulator's own clock, moved by the test (replays and the archive's counts), and NextToken/Limit paging of ListArchives and ListReplays.
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListReplaysCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  type ListArchivesCommandInput,
  type ListReplaysCommandInput,
} from "@aws-sdk/client-eventbridge";
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
    await harness.eventBridge.send(new PutRuleCommand({ Name: "storage", EventBusName: BUS, EventPattern: JSON.stringify({ source: ["innerworld.gateway"] }) }));
    await harness.eventBridge.send(new PutTargetsCommand({ Rule: "storage", EventBusName: BUS, Targets: [{ Id: "queue", Arn: storage.queueArn }] }));
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

/** Every page of a List* call, following NextToken with the other arguments unchanged, as AWS asks. */
const allPages = async <Page extends { NextToken?: string | undefined }>(list: (nextToken: string | undefined) => Promise<Page>): Promise<Page[]> => {
  const pages: Page[] = [];
  let nextToken: string | undefined;
  do {
    const page = await list(nextToken);
    pages.push(page);
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return pages;
};

describe("paging", () => {
  it("pages ListArchives by Limit, keeping its filter, and answers every archive in one page without a Limit", async () => {
    // Prepare: five archives of the bus and one of the default bus, which the filter leaves out.
    const names = ["a-0", "a-1", "a-2", "a-3", "a-4"];
    for (const name of names) await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: BUS_ARN }));
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-default", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }));
    const list = (input: ListArchivesCommandInput) => harness.eventBridge.send(new ListArchivesCommand(input));

    // Act
    const pages = await allPages((NextToken) => list({ EventSourceArn: BUS_ARN, Limit: 2, NextToken }));
    const unlimited = await list({ EventSourceArn: BUS_ARN });

    // Assess
    expect(pages.map((page) => page.Archives?.map((archive) => archive.ArchiveName))).toEqual([["a-0", "a-1"], ["a-2", "a-3"], ["a-4"]]);
    expect(pages.map((page) => page.NextToken === undefined)).toEqual([false, false, true]);
    expect(unlimited.Archives?.map((archive) => archive.ArchiveName)).toEqual(names);
    expect(unlimited.NextToken).toBeUndefined();
  });

  it("pages ListReplays of one archive by Limit, and refuses a Limit AWS does not allow", async () => {
    // Prepare: an empty archive and 101 replays of it (one more than the largest page AWS serves).
    const { ArchiveArn } = await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN }));
    const names = Array.from({ length: 101 }, (_, index) => `replay-${String(index).padStart(3, "0")}`);
    for (const name of names) {
      await harness.eventBridge.send(new StartReplayCommand({ ReplayName: name, EventSourceArn: ArchiveArn, EventStartTime: new Date(0), EventEndTime: new Date(START), Destination: { Arn: BUS_ARN } }));
    }
    const list = (input: ListReplaysCommandInput) => harness.eventBridge.send(new ListReplaysCommand(input));

    // Act
    const pages = await allPages((NextToken) => list({ EventSourceArn: ArchiveArn, Limit: 100, NextToken }));
    const overLimit = await list({ Limit: 101 }).catch((error: unknown) => error);

    // Assess
    expect(pages.map((page) => page.Replays?.length)).toEqual([100, 1]);
    expect(pages.flatMap((page) => page.Replays?.map((replay) => replay.ReplayName))).toEqual(names);
    expect(pages[1]?.NextToken).toBeUndefined();
    expect(overLimit).toMatchObject({ name: "ValidationException" });
  });

  it("answers a NextToken it never gave out with 400 InvalidToken on every List* operation, as EventBridge does", async () => {
    // Prepare: one of everything to list; a token of garbage, and one a real page gave out with a byte changed.
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-0", EventSourceArn: BUS_ARN }));
    await harness.eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-1", EventSourceArn: BUS_ARN }));
    await harness.eventBridge.send(new PutRuleCommand({ Name: "storage", EventBusName: BUS, EventPattern: JSON.stringify({ source: ["innerworld.gateway"] }) }));
    const { NextToken: issued = "" } = await harness.eventBridge.send(new ListArchivesCommand({ Limit: 1 }));
    const garbled = `${issued.slice(0, 2)}!${issued.slice(3)}`;
    const attempts = {
      ListEventBuses: (NextToken: string) => harness.eventBridge.send(new ListEventBusesCommand({ NextToken })),
      ListRules: (NextToken: string) => harness.eventBridge.send(new ListRulesCommand({ EventBusName: BUS, NextToken })),
      ListTargetsByRule: (NextToken: string) => harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: "storage", EventBusName: BUS, NextToken })),
      ListArchives: (NextToken: string) => harness.eventBridge.send(new ListArchivesCommand({ NextToken })),
      ListReplays: (NextToken: string) => harness.eventBridge.send(new ListReplaysCommand({ NextToken })),
    };

    // Act
    const refusals = Object.fromEntries(
      await Promise.all(
        Object.entries(attempts).map(async ([operation, list]) => {
          const refused = await Promise.all(["garbage", garbled].map((token) => list(token).then(() => "answered", (error: unknown) => error)));
          return [operation, refused] as const;
        }),
      ),
    );
    const secondPage = await harness.eventBridge.send(new ListArchivesCommand({ Limit: 1, NextToken: issued }));

    // Assess
    const invalidToken = expect.objectContaining({ name: "InvalidToken", message: "The NextToken provided is invalid.", $metadata: expect.objectContaining({ httpStatusCode: 400 }) });
    for (const operation of Object.keys(attempts)) expect(refusals[operation], operation).toEqual([invalidToken, invalidToken]);
    expect(secondPage.Archives?.map((archive) => archive.ArchiveName)).toEqual(["a-1"]);
  });
});
