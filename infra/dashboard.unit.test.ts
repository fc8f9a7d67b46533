// The operations dashboard is built from the topology: a row per consuming service, and the metrics the code emits.
import { describe, expect, it } from "vitest";
import { consumingServices } from "../packages/events/src/topology";
import { METRIC, METRICS_NAMESPACE } from "../packages/platform/src/observability/metricNames";
import { deployPart } from "./parts";
import { buildPlan, componentsOf, settingsFor } from "./plan";
import { dashboardBodyFor } from "./plan/dashboard";
import { installFakeSst } from "./test/fakeSst";

describe("operations dashboard", () => {
  const plan = buildPlan("test", settingsFor("test"));
  const titles = plan.dashboard.widgets.map((w) => w.title);
  const metricsOf = (title: string) => plan.dashboard.widgets.find((w) => w.title === title)?.metrics ?? [];

  it.each(consumingServices().map((t) => t.service))("shows %s's received, errors, queue and dead-letter depth and oldest message ages on its own queues and function", (service) => {
    const planned = plan.services.find((s) => s.service === service);
    if (!planned) throw new Error(`no plan for ${service}`);
    expect(metricsOf(`${service}: received`)).toEqual([expect.objectContaining({ namespace: "AWS/SQS", metricName: "NumberOfMessagesReceived", dimensions: { QueueName: planned.queue.name } })]);
    expect(metricsOf(`${service}: errors`)).toEqual([expect.objectContaining({ namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: planned.function.name } })]);
    expect(metricsOf(`${service}: dead letters`)).toEqual([expect.objectContaining({ metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: planned.deadLetterQueue.name } })]);
    expect(metricsOf(`${service}: oldest message age (s)`)).toEqual([expect.objectContaining({ metricName: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: planned.queue.name } })]);
    expect(metricsOf(`${service}: queue depth`)).toEqual([expect.objectContaining({ metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: planned.queue.name } })]);
    expect(metricsOf(`${service}: oldest dead letter age (s)`)).toEqual([expect.objectContaining({ metricName: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: planned.deadLetterQueue.name } })]);
  });

  it("charts turn latency percentiles and the crisis count from the services that emit them", () => {
    expect(metricsOf("turn latency (ms, gateway to final frame)").map((m) => [m.namespace, m.metricName, m.dimensions.service, m.stat])).toEqual([
      [METRICS_NAMESPACE, METRIC.turnLatency, "notifier", "p50"],
      [METRICS_NAMESPACE, METRIC.turnLatency, "notifier", "p95"],
      [METRICS_NAMESPACE, METRIC.turnLatency, "notifier", "p99"],
    ]);
    expect(metricsOf("turns, crisis and concern")).toEqual(expect.arrayContaining([expect.objectContaining({ metricName: METRIC.crisisVerdicts, dimensions: { service: "safety" }, stat: "Sum" })]));
    const charted = new Set(plan.dashboard.widgets.flatMap((w) => w.metrics.filter((m) => m.namespace === METRICS_NAMESPACE).map((m) => m.metricName)));
    expect([...charted].sort()).toEqual(Object.values(METRIC).sort());
  });

  it("lays widgets out without overlap, and renders a CloudWatch body for the region", () => {
    const cells = new Set<string>();
    for (const w of plan.dashboard.widgets) {
      expect(w.x + w.width, w.title).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x += 1) for (let y = w.y; y < w.y + w.height; y += 1) {
        expect(cells.has(`${x},${y}`), `${w.title} overlaps at ${x},${y}`).toBe(false);
        cells.add(`${x},${y}`);
      }
    }
    const body = dashboardBodyFor(plan.dashboard, "eu-west-1");
    expect(body.widgets).toHaveLength(titles.length);
    expect(body.widgets[0]?.properties).toMatchObject({ region: "eu-west-1", metrics: [[METRICS_NAMESPACE, METRIC.turnLatency, "service", "notifier", { stat: "p50", label: "p50" }], expect.anything(), expect.anything()] });
  });

  it("is created by the core, beside the alarm topic, under the stage's name", () => {
    const fake = installFakeSst({ name: "innerworld", stage: "test" });
    try {
      deployPart(plan, "core");
    } finally {
      fake.uninstall();
    }
    const dashboard = fake.created.find((c) => c.type === "aws.cloudwatch.Dashboard");
    expect(dashboard).toMatchObject({ name: "OperationsDashboard", args: { dashboardName: "innerworld-test-operations" } });
    expect(componentsOf(plan, "core")).toContain("OperationsDashboard");
  });
});
