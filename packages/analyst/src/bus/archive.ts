// The archive a replay reads and the bus it replays onto, looked up by name so the same code runs locally and on AWS.
import {
  DescribeArchiveCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  type Archive,
  type DescribeArchiveCommandOutput,
  type Replay,
} from "@aws-sdk/client-eventbridge";
import { AnalystError, awsCall, awsFailure } from "../errors";
import type { AnalystTarget } from "../target/connect";

export interface ArchiveInfo {
  name: string;
  arn: string;
  /** The bus it archives; a replay can only go back onto this bus. */
  busArn: string;
  state: string;
  eventCount: number;
  sizeBytes: number;
  /** 0 keeps events forever. */
  retentionDays: number;
  createdAt: Date | undefined;
}

const toInfo = (archive: DescribeArchiveCommandOutput): ArchiveInfo => ({
  name: archive.ArchiveName ?? "",
  arn: archive.ArchiveArn ?? "",
  busArn: archive.EventSourceArn ?? "",
  state: archive.State ?? "UNKNOWN",
  eventCount: Number(archive.EventCount ?? 0),
  sizeBytes: Number(archive.SizeBytes ?? 0),
  retentionDays: archive.RetentionDays ?? 0,
  createdAt: archive.CreationTime,
});

export const describeArchive = async (target: AnalystTarget, name: string = target.archiveName): Promise<ArchiveInfo> => {
  try {
    return toInfo(await target.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: name })));
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw awsFailure(`DescribeArchive ${name}`, error);
    const names = await listArchivesOf(target).then(
      (archives) => archives.map((a) => a.ArchiveName).filter(Boolean),
      () => [] as string[],
    );
    throw new AnalystError("ARCHIVE_NOT_FOUND", `Archive ${name} does not exist on ${target.description}`, {
      cause: error,
      hint: names.length > 0 ? `Archives there: ${names.join(", ")}. Pass --archive NAME, or --stage/--bus to derive it.` : "There is no archive at all: is this the right account, region or endpoint?",
    });
  }
};

/**
 * The largest page ListArchives and ListReplays serve (their Limit is 1–100). AWS documents no page size for a call
 * without a Limit, and may answer fewer than the Limit with a NextToken, so every page is followed to the last.
 */
const LARGEST_PAGE = 100;

/** Every page of a List* call, asking again with the NextToken of the last and the other arguments unchanged, as AWS requires. */
const everyPage = async <Item>(what: string, listPage: (nextToken: string | undefined) => Promise<{ items: Item[] | undefined; nextToken: string | undefined }>): Promise<Item[]> => {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall(what, () => listPage(nextToken));
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
};

/** The archives of one bus (by its ARN), or of the whole account and region. */
export const listArchivesOf = (target: AnalystTarget, busArn?: string): Promise<Archive[]> =>
  everyPage("ListArchives", async (NextToken) => {
    const page = await target.eventBridge.send(new ListArchivesCommand({ ...(busArn ? { EventSourceArn: busArn } : {}), Limit: LARGEST_PAGE, NextToken }));
    return { items: page.Archives, nextToken: page.NextToken };
  });

/** Every replay ever started from one archive (by its ARN); AWS keeps them all, so an archive may have hundreds. */
export const listReplaysOf = (target: AnalystTarget, archiveArn: string): Promise<Replay[]> =>
  everyPage("ListReplays", async (NextToken) => {
    const page = await target.eventBridge.send(new ListReplaysCommand({ EventSourceArn: archiveArn, Limit: LARGEST_PAGE, NextToken }));
    return { items: page.Replays, nextToken: page.NextToken };
  });

export const retentionText = (days: number): string => (days === 0 ? "kept forever" : `kept ${days} days`);

/** AWS: "there may be a delay between an event being received on an event bus and the event arriving in the archive". */
export const ARCHIVE_DELAY_MS = 10 * 60_000;

/** A warning when a window on AWS reaches into the minutes the archive may not hold yet; undefined when there is none. */
export const archiveDelayWarning = (target: AnalystTarget, windowEnd: Date, now: number = Date.now()): string | undefined =>
  target.kind === "aws" && now - windowEnd.getTime() < ARCHIVE_DELAY_MS
    ? "the window ends less than 10 minutes ago: AWS may not have archived its last events yet (it advises waiting 10 minutes before replaying them)"
    : undefined;
