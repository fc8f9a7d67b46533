// Runs replays: streams an archive's events in the time window back onto their bus, to the chosen rules only, marked with `replay-name`.
import type { Clock } from "@innerworld/platform/clock";
import { isRetained, oldestRetainedTime, type ArchiveStore } from "./archive.js";
import { eventsResourceName, ruleArn, type AccountScope } from "./arns.js";
import { asReplayedEvent, parseEventTime } from "./awsEvent.js";
import type { EventRouter } from "./eventRouter.js";
import type { EmulatorState } from "./state.js";
import type { EmulatorLogger, ReplayRecord } from "./types.js";

export interface ReplayRunnerDeps {
  state: EmulatorState;
  archives: ArchiveStore;
  router: EventRouter;
  scope: AccountScope;
  log: EmulatorLogger;
  /** Reads replay end times and where an archive's retention begins. */
  clock: Clock;
}

/** Sends are awaited in slices so a large archive neither floods the queue emulator nor holds every event in memory. */
const SENDS_PER_SLICE = 100;

export class ReplayRunner {
  private readonly running = new Set<Promise<void>>();
  private readonly cancelRequested = new Set<string>();

  constructor(private readonly deps: ReplayRunnerDeps) {}

  /** A replay that was still going when the emulator stopped cannot resume mid-way: mark it failed so it can be started again under a new name. */
  failInterrupted(now: number): boolean {
    let changed = false;
    for (const replay of this.deps.state.replays.values()) {
      if (replay.state === "STARTING" || replay.state === "RUNNING" || replay.state === "CANCELLING") {
        replay.state = replay.state === "CANCELLING" ? "CANCELLED" : "FAILED";
        replay.stateReason = "The emulator stopped before the replay finished.";
        replay.replayEndTime = now;
        changed = true;
      }
    }
    return changed;
  }

  start(replay: ReplayRecord): void {
    // Deferred so StartReplay answers with STARTING before the first event moves, as on AWS.
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(replay));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  requestCancel(replayName: string): void {
    this.cancelRequested.add(replayName);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async run(replay: ReplayRecord): Promise<void> {
    const { state, archives, router, scope, log, clock } = this.deps;
    try {
      if (this.cancelRequested.has(replay.name)) return await this.finish(replay, "CANCELLED");
      replay.state = "RUNNING";
      await state.save();

      const archiveName = eventsResourceName(replay.eventSourceArn, "archive", scope);
      const archive = archiveName === undefined ? undefined : state.archives.get(archiveName);
      if (!archive || archiveName === undefined) return await this.finish(replay, "FAILED", `Archive ${archiveName ?? replay.eventSourceArn} does not exist.`);
      const busName = eventsResourceName(replay.destination.Arn, "event-bus", scope) ?? "";
      const filter = replay.destination.FilterArns?.length ? new Set(replay.destination.FilterArns) : undefined;
      const oldestKept = oldestRetainedTime(archive, clock());

      let pending: Promise<void>[] = [];
      for await (const event of archives.read(archiveName)) {
        if (this.cancelRequested.has(replay.name)) break;
        const time = parseEventTime(event.time);
        // The window is [EventStartTime, EventEndTime) on the event's own time, as AWS replays by event time.
        if (time === undefined || time < replay.eventStartTime || time >= replay.eventEndTime || !isRetained(time, oldestKept)) continue;
        const replayed = asReplayedEvent(event, replay.name);
        const rules = router.matchingRules(busName, replayed, (rule) => !filter || filter.has(ruleArn(scope, rule.eventBusName, rule.name)));
        pending.push(router.deliver(replayed, rules));
        replay.eventLastReplayedTime = Math.max(replay.eventLastReplayedTime ?? time, time);
        if (pending.length >= SENDS_PER_SLICE) {
          await Promise.all(pending);
          pending = [];
        }
      }
      await Promise.all(pending);
      await this.finish(replay, this.cancelRequested.has(replay.name) ? "CANCELLED" : "COMPLETED");
    } catch (error) {
      log(`[eventbridge] replay ${replay.name} failed: ${String(error)}`);
      await this.finish(replay, "FAILED", error instanceof Error ? error.message : String(error)).catch(() => undefined);
    } finally {
      this.cancelRequested.delete(replay.name);
    }
  }

  private async finish(replay: ReplayRecord, outcome: "COMPLETED" | "CANCELLED" | "FAILED", reason?: string): Promise<void> {
    replay.state = outcome;
    if (reason !== undefined) replay.stateReason = reason;
    replay.replayEndTime = this.deps.clock();
    await this.deps.state.save();
  }
}
