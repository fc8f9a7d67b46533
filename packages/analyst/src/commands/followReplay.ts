// Polls DescribeReplay until the replay completes, fails or is cancelled, drawing progress through its time window.
import { DescribeReplayCommand, type DescribeReplayCommandOutput } from "@aws-sdk/client-eventbridge";
import { AnalystError, awsFailure } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { formatDuration } from "../timeWindow";

export const FINAL_REPLAY_STATES = ["COMPLETED", "FAILED", "CANCELLED"] as const;

export interface ReplayStatus {
  name: string;
  state: string;
  reason: string | undefined;
  eventStartTime: Date | undefined;
  eventEndTime: Date | undefined;
  eventLastReplayedTime: Date | undefined;
  replayStartTime: Date | undefined;
  replayEndTime: Date | undefined;
  /** How far through its window the replay is, 0..1 (1 once completed). */
  fraction: number;
}

const toStatus = (name: string, r: DescribeReplayCommandOutput): ReplayStatus => {
  const start = r.EventStartTime?.getTime();
  const end = r.EventEndTime?.getTime();
  const last = r.EventLastReplayedTime?.getTime();
  const fraction = r.State === "COMPLETED" ? 1 : start !== undefined && end !== undefined && last !== undefined && end > start ? Math.min(1, Math.max(0, (last - start) / (end - start))) : 0;
  return {
    name,
    state: r.State ?? "UNKNOWN",
    reason: r.StateReason,
    eventStartTime: r.EventStartTime,
    eventEndTime: r.EventEndTime,
    eventLastReplayedTime: r.EventLastReplayedTime,
    replayStartTime: r.ReplayStartTime,
    replayEndTime: r.ReplayEndTime,
    fraction,
  };
};

export const describeReplay = async (target: AnalystTarget, name: string): Promise<ReplayStatus> => {
  try {
    return toStatus(name, await target.eventBridge.send(new DescribeReplayCommand({ ReplayName: name })));
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") {
      throw new AnalystError("REPLAY_NOT_FOUND", `There is no replay named ${name} on ${target.description}`, { cause: error });
    }
    throw awsFailure(`DescribeReplay ${name}`, error);
  }
};

export const progressLabel = (status: ReplayStatus): string =>
  `${status.state.padEnd(9)} ${status.eventLastReplayedTime ? `replayed up to ${status.eventLastReplayedTime.toISOString()}` : "no event replayed yet"}`;

export interface FollowOptions {
  reporter: Reporter;
  signal?: AbortSignal;
  intervalMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Follows a replay to its end. Resolves with the final status when it COMPLETED; throws REPLAY_FAILED when it failed
 * or was cancelled, and INTERRUPTED when `signal` aborts first (the replay itself goes on).
 */
export const followReplay = async (target: AnalystTarget, name: string, options: FollowOptions): Promise<ReplayStatus> => {
  const { reporter, signal } = options;
  const intervalMs = options.intervalMs ?? target.timings.followIntervalMs;
  for (;;) {
    const status = await describeReplay(target, name);
    reporter.progress(status.fraction, progressLabel(status));
    if ((FINAL_REPLAY_STATES as readonly string[]).includes(status.state)) {
      reporter.done();
      const took = status.replayStartTime && status.replayEndTime ? ` in ${formatDuration(status.replayEndTime.getTime() - status.replayStartTime.getTime())}` : "";
      if (status.state !== "COMPLETED") {
        throw new AnalystError("REPLAY_FAILED", `Replay ${name} ended ${status.state}${took}${status.reason ? `: ${status.reason}` : ""}`);
      }
      reporter.say(`replay ${name} COMPLETED${took}`);
      return status;
    }
    if (signal?.aborted) {
      reporter.done();
      throw new AnalystError("INTERRUPTED", `Stopped following replay ${name}; it is still ${status.state}`);
    }
    await sleep(intervalMs, signal);
  }
};
