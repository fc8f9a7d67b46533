// `archives`: the bus's archives with their event counts and sizes, and the latest replays of each.
import { DescribeEventBusCommand } from "@aws-sdk/client-eventbridge";
import { listArchivesOf, listReplaysOf, retentionText } from "../bus/archive";
import { awsCall } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { formatBytes } from "../timeWindow";

export interface ArchiveListing {
  name: string;
  state: string;
  eventCount: number;
  sizeBytes: number;
  retentionDays: number;
  createdAt: string | undefined;
  recentReplays: { name: string; state: string; startedAt: string | undefined }[];
}

const RECENT_REPLAYS = 5;

export const listArchives = async (target: AnalystTarget, reporter: Reporter): Promise<ArchiveListing[]> => {
  reporter.say(`target: ${target.description}`);
  const bus = await awsCall(`DescribeEventBus ${target.busName}`, () => target.eventBridge.send(new DescribeEventBusCommand({ Name: target.busName })));
  const archives = await listArchivesOf(target, bus.Arn);

  const listings: ArchiveListing[] = [];
  for (const archive of archives) {
    const name = archive.ArchiveName ?? "";
    // Every page: the latest replays may be on any of them, as AWS promises no order.
    const replays = await listReplaysOf(target, archiveArnOf(bus.Arn ?? "", name));
    listings.push({
      name,
      state: archive.State ?? "UNKNOWN",
      eventCount: Number(archive.EventCount ?? 0),
      sizeBytes: Number(archive.SizeBytes ?? 0),
      retentionDays: archive.RetentionDays ?? 0,
      createdAt: archive.CreationTime?.toISOString(),
      recentReplays: replays
        .sort((a, b) => (b.ReplayStartTime?.getTime() ?? 0) - (a.ReplayStartTime?.getTime() ?? 0))
        .slice(0, RECENT_REPLAYS)
        .map((r) => ({ name: r.ReplayName ?? "", state: r.State ?? "", startedAt: r.ReplayStartTime?.toISOString() })),
    });
  }

  if (listings.length === 0) {
    reporter.say(`bus ${target.busName} has no archive: nothing can be replayed`);
    return listings;
  }
  reporter.say(`${listings.length} archive${listings.length > 1 ? "s" : ""} of bus ${target.busName}:`);
  reporter.say(`  ${"name".padEnd(32)} ${"state".padEnd(9)} ${"events".padStart(9)} ${"size".padStart(9)}  retention       created`);
  for (const a of listings) {
    reporter.say(`  ${a.name.padEnd(32)} ${a.state.padEnd(9)} ${String(a.eventCount).padStart(9)} ${formatBytes(a.sizeBytes).padStart(9)}  ${retentionText(a.retentionDays).padEnd(15)} ${a.createdAt ?? ""}`);
    for (const r of a.recentReplays) reporter.say(`      replay ${r.name} ${r.state} (started ${r.startedAt ?? "?"})`);
  }
  return listings;
};

/** An archive's ARN from its bus's: same partition, region and account. */
const archiveArnOf = (busArn: string, archiveName: string): string => busArn.replace(/:event-bus\/.*$/, `:archive/${archiveName}`);
