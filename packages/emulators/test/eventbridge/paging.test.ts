// NextToken/Limit paging of the List* operations through the real SDK: pages by Limit, and tokens good only for the request that made them.
import {
  CreateArchiveCommand,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListReplaysCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  StartReplayCommand,
  type ListArchivesCommandInput,
  type ListReplaysCommandInput,
} from "@aws-sdk/client-eventbridge";
import { manualClock } from "@innerworld/platform/clock";
import { describe, expect, it } from "vitest";
import { harnessPerTest } from "./helpers/harness.js";

const BUS = "innerworld";
const BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/innerworld";
const START = "2026-03-01T00:00:00Z";

// The emulator's now, so the replays listed here end before it whatever day the test runs.
const clock = manualClock(START);
const harness = harnessPerTest(clock, START, BUS);

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
    for (const name of names) await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: name, EventSourceArn: BUS_ARN }));
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-default", EventSourceArn: "arn:aws:events:us-east-1:000000000000:event-bus/default" }));
    const list = (input: ListArchivesCommandInput) => harness().eventBridge.send(new ListArchivesCommand(input));

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
    const { ArchiveArn } = await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "chat", EventSourceArn: BUS_ARN }));
    const names = Array.from({ length: 101 }, (_, index) => `replay-${String(index).padStart(3, "0")}`);
    for (const name of names) {
      await harness().eventBridge.send(new StartReplayCommand({ ReplayName: name, EventSourceArn: ArchiveArn, EventStartTime: new Date(0), EventEndTime: new Date(START), Destination: { Arn: BUS_ARN } }));
    }
    const list = (input: ListReplaysCommandInput) => harness().eventBridge.send(new ListReplaysCommand(input));

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
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-0", EventSourceArn: BUS_ARN }));
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-1", EventSourceArn: BUS_ARN }));
    await harness().eventBridge.send(new PutRuleCommand({ Name: "storage", EventBusName: BUS, EventPattern: JSON.stringify({ source: ["innerworld.gateway"] }) }));
    const { NextToken: issued = "" } = await harness().eventBridge.send(new ListArchivesCommand({ Limit: 1 }));
    const garbled = `${issued.slice(0, 2)}!${issued.slice(3)}`;
    const attempts = {
      ListEventBuses: (NextToken: string) => harness().eventBridge.send(new ListEventBusesCommand({ NextToken })),
      ListRules: (NextToken: string) => harness().eventBridge.send(new ListRulesCommand({ EventBusName: BUS, NextToken })),
      ListTargetsByRule: (NextToken: string) => harness().eventBridge.send(new ListTargetsByRuleCommand({ Rule: "storage", EventBusName: BUS, NextToken })),
      ListArchives: (NextToken: string) => harness().eventBridge.send(new ListArchivesCommand({ NextToken })),
      ListReplays: (NextToken: string) => harness().eventBridge.send(new ListReplaysCommand({ NextToken })),
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
    const secondPage = await harness().eventBridge.send(new ListArchivesCommand({ Limit: 1, NextToken: issued }));

    // Assess
    const invalidToken = expect.objectContaining({ name: "InvalidToken", message: "The NextToken provided is invalid.", $metadata: expect.objectContaining({ httpStatusCode: 400 }) });
    for (const operation of Object.keys(attempts)) expect(refusals[operation], operation).toEqual([invalidToken, invalidToken]);
    expect(secondPage.Archives?.map((archive) => archive.ArchiveName)).toEqual(["a-1"]);
  });

  it("takes a ListRules token for its own next page only: altered, from another operation, prefix or bus, or made by hand, it is InvalidToken", async () => {
    // Prepare: rules with and without the prefix on the bus, the same on the default bus, and one archive.
    for (const name of ["storage-0", "storage-1", "storage-2", "notifier"]) {
      for (const bus of [BUS, "default"]) await harness().eventBridge.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify({ source: ["innerworld.gateway"] }) }));
    }
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-0", EventSourceArn: BUS_ARN }));
    await harness().eventBridge.send(new CreateArchiveCommand({ ArchiveName: "a-1", EventSourceArn: BUS_ARN }));
    const listRules = (NextToken: string, input: { EventBusName?: string; NamePrefix?: string } = {}) =>
      harness().eventBridge.send(new ListRulesCommand({ EventBusName: BUS, NamePrefix: "storage-", Limit: 1, NextToken, ...input }));
    const { NextToken: issued = "" } = await harness().eventBridge.send(new ListRulesCommand({ EventBusName: BUS, NamePrefix: "storage-", Limit: 1 }));
    const { NextToken: archivesToken = "" } = await harness().eventBridge.send(new ListArchivesCommand({ Limit: 1 }));
    // One character in the middle swapped for another of the alphabet, so the token still decodes.
    const middle = Math.floor(issued.length / 2);
    const altered = `${issued.slice(0, middle)}${issued[middle] === "A" ? "B" : "A"}${issued.slice(middle + 1)}`;
    // What a caller who guessed the format would write to skip to the second rule.
    const handBuilt = Buffer.from(JSON.stringify({ offset: 1 })).toString("base64url");
    const refusal = (sent: Promise<unknown>) => sent.then(() => "answered", (error: unknown) => error);

    // Act
    const ownNextPage = await listRules(issued);
    const sameBusByArn = await listRules(issued, { EventBusName: BUS_ARN });
    const refused = {
      altered: await refusal(listRules(altered)),
      anotherPrefix: await refusal(listRules(issued, { NamePrefix: "storage" })),
      noPrefix: await refusal(harness().eventBridge.send(new ListRulesCommand({ EventBusName: BUS, Limit: 1, NextToken: issued }))),
      anotherBus: await refusal(listRules(issued, { EventBusName: "default" })),
      onListArchives: await refusal(harness().eventBridge.send(new ListArchivesCommand({ Limit: 1, NextToken: issued }))),
      onListEventBuses: await refusal(harness().eventBridge.send(new ListEventBusesCommand({ NextToken: issued }))),
      fromListArchives: await refusal(listRules(archivesToken)),
      handBuilt: await refusal(listRules(handBuilt)),
    };

    // Assess
    expect(ownNextPage.Rules?.map((rule) => rule.Name)).toEqual(["storage-1"]);
    expect(sameBusByArn.Rules?.map((rule) => rule.Name)).toEqual(["storage-1"]);
    const invalidToken = expect.objectContaining({ name: "InvalidToken", message: "The NextToken provided is invalid.", $metadata: expect.objectContaining({ httpStatusCode: 400 }) });
    for (const [attempt, outcome] of Object.entries(refused)) expect(outcome, attempt).toEqual(invalidToken);
  });
});
