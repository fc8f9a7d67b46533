// The fault suite: every scenario against real processes on 127.0.0.1, within a budget, into one table.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consumingServices, type ServiceName } from "@innerworld/events";
import { everyEventTwice, flakyModel, killEachService, killWholeCloud, massConnectDisconnect, SplitCloud, type LoadBudget, type MassDisconnectReport } from "./faults";
import { authMatrix, malformedAwsRequests, webSocketFuzz } from "./probes";
import type { ScenarioResult } from "./results";

export { formatTable, totals, type ScenarioResult } from "./results";

export interface SuiteBudget {
  fuzzFrames: number;
  awsRequests: number;
  massConnections: number;
  massSettleMs: number;
  /** How long the gateway's memory may take to come back after the mass disconnect (weighed each second until then). */
  massRssWaitMs: number;
  load: LoadBudget;
  /** Seconds before a turn without a reply is failed (the production value is 20). */
  turnDeadlineSeconds: number;
  /** The services killed one at a time mid-load (each kill and restart is a process start). */
  killed: readonly ServiceName[];
}

/** Bounded for CI: a few minutes on a shared two-core machine. */
export const CI_BUDGET: SuiteBudget = {
  fuzzFrames: 10_000,
  awsRequests: 2_000,
  massConnections: 2_000,
  massSettleMs: 6_000,
  // CI does not hold the gateway's memory to the target (a shared machine), so it does not wait for it either.
  massRssWaitMs: 2_000,
  load: { users: 3, messagesPerUser: 4, intervalMs: 400 },
  turnDeadlineSeconds: 10,
  killed: ["generation", "notifier"],
};

/** `pnpm chaos`: the full run, for people. */
export const FULL_BUDGET: SuiteBudget = {
  fuzzFrames: 20_000,
  awsRequests: 5_000,
  massConnections: 5_000,
  massSettleMs: 15_000,
  massRssWaitMs: 120_000,
  load: { users: 8, messagesPerUser: 8, intervalMs: 500 },
  turnDeadlineSeconds: 20,
  killed: consumingServices().map((t) => t.service),
};

export interface SuiteReport {
  results: ScenarioResult[];
  /** Absent when `only` left the mass disconnect out. */
  massDisconnect?: MassDisconnectReport;
}

/**
 * Runs every scenario, or with `only` those whose name holds it (case aside): "mass", say, to look into one row
 * with CHAOS_LOG_DIR set, without the other fourteen.
 */
export const runSuite = async (budget: SuiteBudget, log: (line: string) => void = () => undefined, only?: string): Promise<SuiteReport> => {
  const wants = (scenario: string) => only === undefined || scenario.toLowerCase().includes(only.toLowerCase());
  const results: ScenarioResult[] = [];
  const dirs: string[] = [];
  const dir = async (name: string) => {
    const path = await mkdtemp(join(tmpdir(), `innerworld-chaos-${name}-`));
    dirs.push(path);
    return path;
  };
  const record = (result: ScenarioResult) => {
    results.push(result);
    log(`${result.scenario}: sent ${result.sent}, 5xx ${result.fiveXx}, crashes ${result.crashes}, lost ${result.turnsLost}, duplicated ${result.repliesDuplicated}, unauthorised ${result.unauthorisedAccepted} ${result.notes ?? ""}`);
  };
  let massDisconnect: MassDisconnectReport | undefined;
  try {
    const killed = budget.killed.filter((service) => wants(`${service} killed mid-load`));
    const split = ["websocket fuzz", "malformed AWS API requests", "auth matrix", "mass connect", "model failing", "every event delivered twice"].some(wants) || killed.length > 0;
    if (split) {
      const cloud = await SplitCloud.start(await dir("split"), budget.turnDeadlineSeconds);
      try {
        if (wants("websocket fuzz")) record(await webSocketFuzz(cloud.endpoints, budget.fuzzFrames));
        if (wants("malformed AWS API requests")) record(await malformedAwsRequests(cloud.endpoints, budget.awsRequests));
        if (wants("auth matrix (WebSocket + read API)")) record(await authMatrix(cloud.endpoints, cloud.dataDir));
        if (wants(`mass connect + disconnect (${budget.massConnections})`)) {
          massDisconnect = await massConnectDisconnect(cloud, budget.massConnections, budget.massSettleMs, budget.massRssWaitMs);
          record(massDisconnect.result);
        }
        if (wants("model failing 30% of calls")) record(await flakyModel(cloud, budget.load));
        if (wants("every event delivered twice")) record(await everyEventTwice(cloud, budget.load));
        for (const result of await killEachService(cloud, budget.load, killed)) record(result);
      } finally {
        await cloud.stop();
      }
    }
    if (wants("whole local cloud killed mid-load")) record(await killWholeCloud(await dir("whole"), budget.load, budget.turnDeadlineSeconds));
  } finally {
    for (const path of dirs) await rm(path, { recursive: true, force: true });
  }
  if (only === undefined && !massDisconnect) throw new Error("the mass disconnect did not run");
  return { results, ...(massDisconnect ? { massDisconnect } : {}) };
};
