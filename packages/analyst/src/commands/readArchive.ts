// Reads a window of the archive the only way EventBridge allows: replaying it into a tap of our own and draining that.
import { CancelReplayCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { archiveDelayWarning, describeArchive } from "../bus/archive";
import { BusTap } from "../bus/BusTap";
import { defaultReplayName } from "../bus/temporaryNames";
import { byOccurrence, withoutReplayName, type BusEvent } from "../busEvent";
import { AnalystError, awsCall } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { formatDuration, type TimeWindow } from "../timeWindow";
import { describeReplay, FINAL_REPLAY_STATES, progressLabel } from "./followReplay";

export interface ReadArchiveRequest {
  window: TimeWindow;
  /** Extra pattern fields the tap's rule matches on besides the replay's name, e.g. `detail-type`. */
  filter?: Record<string, unknown>;
  kind: "export" | "saga";
  purpose: string;
  reporter: Reporter;
  signal?: AbortSignal;
}

export interface ArchiveRead {
  replayName: string;
  /** Each archived event once, in archive order (EventBridge time, occurredAt, id), without the replay's `replay-name`. */
  events: BusEvent[];
  /** Copies SQS delivered more than once (at-least-once), dropped by event id. */
  redelivered: number;
}

/**
 * Creates a tap whose rule matches only this replay's events (and the filter), replays the window with that rule as the
 * only FilterArn, so no service sees any of it, and drains the tap until the replay has completed and the queue has
 * stayed empty for a while (AWS may still be delivering after COMPLETED). The tap is deleted whatever happens.
 */
export const readArchiveWindow = async (target: AnalystTarget, request: ReadArchiveRequest): Promise<ArchiveRead> => {
  const { reporter, window, signal } = request;
  const archive = await describeArchive(target);
  const delay = archiveDelayWarning(target, window.to);
  if (delay) reporter.warn(delay);
  const replayName = defaultReplayName(request.kind);
  const tap = await BusTap.open(target, { pattern: { "replay-name": [replayName], ...request.filter }, purpose: request.purpose, reporter });
  const seen = new Map<string, BusEvent>();
  let redelivered = 0;
  try {
    if (target.timings.ruleSettleMs > 0) {
      reporter.say(`waiting ${formatDuration(target.timings.ruleSettleMs)} for the temporary rule to take effect (AWS applies new rules eventually; --settle changes this)`);
      await new Promise((resolve) => setTimeout(resolve, target.timings.ruleSettleMs));
    }
    await awsCall(`StartReplay ${replayName}`, () =>
      target.eventBridge.send(
        new StartReplayCommand({
          ReplayName: replayName,
          Description: `innerworld analyst ${request.kind}: ${request.purpose}`.slice(0, 512),
          EventSourceArn: archive.arn,
          EventStartTime: window.from,
          EventEndTime: window.to,
          Destination: { Arn: archive.busArn, FilterArns: [tap.ruleArn] },
        }),
      ),
    );
    reporter.say(`started replay ${replayName} of ${archive.name}, ${window.from.toISOString()} → ${window.to.toISOString()}, into ${tap.name} only`);

    let completedAt: number | undefined;
    let lastArrival = Date.now();
    let lastDescribed = 0;
    for (;;) {
      if (signal?.aborted) {
        await awsCall(`CancelReplay ${replayName}`, () => target.eventBridge.send(new CancelReplayCommand({ ReplayName: replayName }))).catch(() => undefined);
        reporter.done();
        throw new AnalystError("INTERRUPTED", `Interrupted: cancelled replay ${replayName} after ${seen.size} events`);
      }
      const batch = await tap.receive(target.timings.receiveWaitSeconds);
      for (const event of batch) {
        if (seen.has(event.id)) redelivered += 1;
        else seen.set(event.id, withoutReplayName(event));
      }
      if (batch.length > 0) lastArrival = Date.now();
      if (completedAt === undefined && Date.now() - lastDescribed >= target.timings.followIntervalMs) {
        lastDescribed = Date.now();
        const status = await describeReplay(target, replayName);
        reporter.progress(status.fraction, `${progressLabel(status)}, ${seen.size} events received`);
        if ((FINAL_REPLAY_STATES as readonly string[]).includes(status.state)) {
          if (status.state !== "COMPLETED") {
            reporter.done();
            throw new AnalystError("REPLAY_FAILED", `Replay ${replayName} ended ${status.state}${status.reason ? `: ${status.reason}` : ""}`);
          }
          completedAt = Date.now();
        }
      }
      if (completedAt !== undefined && Date.now() - Math.max(completedAt, lastArrival) >= target.timings.drainQuietMs) break;
    }
    reporter.done();
    reporter.say(`replay ${replayName} COMPLETED; received ${seen.size} events${redelivered ? ` (${redelivered} redelivered copies dropped)` : ""}`);
    return { replayName, events: [...seen.values()].sort(byOccurrence), redelivered };
  } finally {
    await tap.close();
  }
};
