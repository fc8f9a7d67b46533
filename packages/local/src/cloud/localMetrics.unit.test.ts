// The local cloud's metrics: Powertools' EMF lines kept in a file, summed the way the dashboard charts them, printed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createServiceMetrics, METRIC } from "@innerworld/platform/observability";
import { emfFileIn, emfFileSink, formatEmfLine, formatMetricsLine, readEmfFile, startMetricsReporter, totalEmf } from "./localMetrics";

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "innerworld-metrics-"));
  dirs.push(dir);
  return dir;
};

describe("local metrics", () => {
  afterEach(() => {
    vi.useRealTimers();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps each invocation's EMF line in the file, and totals them per service and metric", () => {
    const file = emfFileIn(dataDir());
    const notifier = createServiceMetrics("notifier", { sink: emfFileSink(file) });
    const safety = createServiceMetrics("safety", { sink: emfFileSink(file) });
    for (const latency of [300, 500, 900]) {
      notifier.count(METRIC.turnsCompleted);
      notifier.milliseconds(METRIC.turnLatency, latency);
      notifier.flush();
    }
    safety.count(METRIC.crisisVerdicts);
    safety.flush();

    const records = readEmfFile(file);
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({ service: "notifier", TurnsCompleted: 1, TurnLatency: 300 });
    const totals = totalEmf(records);
    expect(totals).toEqual([
      { metric: "CrisisVerdicts", service: "safety", unit: "Count", samples: 1, sum: 1, p50: 1, p95: 1, max: 1 },
      { metric: "TurnLatency", service: "notifier", unit: "Milliseconds", samples: 3, sum: 1700, p50: 500, p95: 900, max: 900 },
      { metric: "TurnsCompleted", service: "notifier", unit: "Count", samples: 3, sum: 3, p50: 1, p95: 1, max: 1 },
    ]);
    expect(formatMetricsLine(new Date(Date.UTC(2026, 2, 14, 9, 30)), totals)).toBe("09:30:00.000  metrics CrisisVerdicts 1  TurnLatency p50 500 ms p95 900 ms  TurnsCompleted 3");
    expect(formatMetricsLine(new Date(0), [])).toBeUndefined();
    expect(formatEmfLine(records[0] as (typeof records)[number])).toMatch(/^\d\d:\d\d:\d\d\.\d{3}  metric notifier +TurnsCompleted=1 TurnLatency=300ms$/);
  });

  it("skips a line cut off mid-write and anything that is not EMF", () => {
    const file = emfFileIn(dataDir());
    const sink = emfFileSink(file);
    sink('{"level":"INFO","message":"not a metric"}');
    sink('{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"InnerWorld","Dimensions":[["service"]],"Metrics":[{"Name":"DeadLetters","Unit":"Count"}]}]},"service":"storage","DeadLetters":1}');
    sink('{"_aws":{"Timestamp":1,"CloudW');
    expect(totalEmf(readEmfFile(file))).toEqual([expect.objectContaining({ metric: "DeadLetters", service: "storage", sum: 1 })]);
  });

  it("prints a summary of each interval's new lines (and each line at debug), nothing for a quiet one, nor for an earlier run's", () => {
    vi.useFakeTimers();
    const file = emfFileIn(dataDir());
    const generation = createServiceMetrics("generation", { sink: emfFileSink(file) });
    generation.count(METRIC.modelFallbacks);
    generation.flush();
    const printed: string[] = [];
    const reporter = startMetricsReporter({ path: file, level: "debug", print: (line) => printed.push(line), intervalMs: 1000, now: () => new Date(Date.UTC(2026, 2, 14, 9, 31)) });
    vi.advanceTimersByTime(1000);
    expect(printed).toEqual([]);
    generation.count(METRIC.circuitOpens);
    generation.count(METRIC.modelFallbacks);
    generation.flush();
    vi.advanceTimersByTime(1000);
    reporter.stop();
    expect(printed).toEqual([expect.stringMatching(/  metric generation +CircuitOpens=1 ModelFallbacks=1$/), "09:31:00.000  metrics CircuitOpens 1  ModelFallbacks 1"]);
  });
});
