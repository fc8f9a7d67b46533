// What the services' logs and metrics look like on stdout, where Lambda hands them to CloudWatch.
import { afterEach, describe, expect, it, vi } from "vitest";
import { METRIC, METRICS_NAMESPACE } from "./metricNames";
import { createServiceLogger, createServiceMetrics, logLevelFrom } from "./telemetry";

const captureStdout = () => {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  });
  return { lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), restore: () => spy.mockRestore() };
};

describe("service telemetry", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes metrics in the embedded metric format, under the InnerWorld namespace and the service's dimension", () => {
    const metrics = createServiceMetrics("notifier");
    const out = captureStdout();
    metrics.count(METRIC.turnsCompleted);
    metrics.milliseconds(METRIC.turnLatency, 412);
    metrics.flush();
    metrics.flush();
    out.restore();
    const [emf, ...rest] = out.lines();
    expect(rest).toEqual([]);
    expect(emf).toMatchObject({ service: "notifier", TurnsCompleted: 1, TurnLatency: 412 });
    const directive = (emf?._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] }).CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive?.Dimensions).toEqual([["service"]]);
    expect(directive?.Metrics).toEqual(expect.arrayContaining([{ Name: "TurnsCompleted", Unit: "Count" }, { Name: "TurnLatency", Unit: "Milliseconds" }]));
  });

  it("hands a sink the same EMF line instead of writing it to stdout, once per flush", () => {
    const sunk: string[] = [];
    const metrics = createServiceMetrics("safety", { sink: (line) => sunk.push(line) });
    const out = captureStdout();
    metrics.count(METRIC.crisisVerdicts);
    metrics.count(METRIC.crisisVerdicts);
    metrics.flush();
    metrics.flush();
    metrics.count(METRIC.blockedReplies);
    metrics.flush();
    out.restore();
    expect(out.lines()).toEqual([]);
    const [first, second, ...rest] = sunk.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rest).toEqual([]);
    // Two counts in one invocation are one metric with both values, as CloudWatch receives them.
    expect(first).toMatchObject({ service: "safety", CrisisVerdicts: [1, 1] });
    expect((first?._aws as { CloudWatchMetrics: { Namespace: string }[] }).CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
    expect(second).toMatchObject({ service: "safety", BlockedReplies: 1 });
    expect(second).not.toHaveProperty("CrisisVerdicts");
  });

  it("logs JSON with the service and the keys a child logger carries, at the level the environment sets", () => {
    const logger = createServiceLogger("safety", { INNERWORLD_LOG_LEVEL: "debug" });
    const out = captureStdout();
    logger.createChild({ persistentKeys: { correlationId: "msg-1", eventId: "evt-1", sessionId: "ses-1" } }).debug("event received");
    createServiceLogger("safety", { POWERTOOLS_LOG_LEVEL: "WARN" }).info("not shown");
    out.restore();
    expect(out.lines()).toEqual([expect.objectContaining({ level: "DEBUG", message: "event received", service: "safety", correlationId: "msg-1", eventId: "evt-1", sessionId: "ses-1" })]);
    expect(logLevelFrom({})).toBe("INFO");
    expect(logLevelFrom({ INNERWORLD_LOG_LEVEL: "nonsense" })).toBe("INFO");
  });
});
