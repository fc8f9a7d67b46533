// The archive a replay reads and the bus it replays onto, looked up by name so the same code runs locally and on AWS.
import { DescribeArchiveCommand, ListArchivesCommand, type DescribeArchiveCommandOutput } from "@aws-sdk/client-eventbridge";
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
    const names = await awsCall("ListArchives", () => target.eventBridge.send(new ListArchivesCommand({}))).then(
      (listed) => (listed.Archives ?? []).map((a) => a.ArchiveName).filter(Boolean),
      () => [] as string[],
    );
    throw new AnalystError("ARCHIVE_NOT_FOUND", `Archive ${name} does not exist on ${target.description}`, {
      cause: error,
      hint: names.length > 0 ? `Archives there: ${names.join(", ")}. Pass --archive NAME, or --stage/--bus to derive it.` : "There is no archive at all: is this the right account, region or endpoint?",
    });
  }
};

export const retentionText = (days: number): string => (days === 0 ? "kept forever" : `kept ${days} days`);

/** AWS: "there may be a delay between an event being received on an event bus and the event arriving in the archive". */
export const ARCHIVE_DELAY_MS = 10 * 60_000;

/** A warning when a window on AWS reaches into the minutes the archive may not hold yet; undefined when there is none. */
export const archiveDelayWarning = (target: AnalystTarget, windowEnd: Date, now: number = Date.now()): string | undefined =>
  target.kind === "aws" && now - windowEnd.getTime() < ARCHIVE_DELAY_MS
    ? "the window ends less than 10 minutes ago: AWS may not have archived its last events yet (it advises waiting 10 minutes before replaying them)"
    : undefined;
