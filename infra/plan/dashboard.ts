// The operations dashboard as data: a row per consuming service from the topology, then the turn and safety metrics.
import type { ServiceName } from "../../packages/events/src/envelope";
import { METRIC, METRICS_NAMESPACE, type MetricName } from "../../packages/platform/src/observability/metricNames";
import { busNameFor } from "./naming";
import type { DashboardPlan, DashboardWidgetPlan, ServicePlan } from "./types";

const FIVE_MINUTES = 300;

/** A custom metric as CloudWatch keys it: Powertools puts the emitting service in the `service` dimension. */
const custom = (name: MetricName, service: ServiceName, stat: string, label?: string): DashboardWidgetPlan["metrics"][number] => ({
  namespace: METRICS_NAMESPACE,
  metricName: name,
  dimensions: { service },
  stat,
  ...(label ? { label } : {}),
});

/** One row per service: what came in, what failed, how deep and how old its queue and its dead letters are. */
const serviceRow = (service: ServicePlan, y: number): DashboardWidgetPlan[] => {
  const widget = (x: number, title: string, metric: DashboardWidgetPlan["metrics"][number]): DashboardWidgetPlan => ({ title: `${service.service}: ${title}`, x, y, width: 4, height: 5, periodSeconds: FIVE_MINUTES, metrics: [metric] });
  const queue = { QueueName: service.queue.name };
  const deadLetterQueue = { QueueName: service.deadLetterQueue.name };
  return [
    widget(0, "received", { namespace: "AWS/SQS", metricName: "NumberOfMessagesReceived", dimensions: queue, stat: "Sum" }),
    widget(4, "errors", { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: service.function.name }, stat: "Sum" }),
    widget(8, "queue depth", { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: queue, stat: "Maximum" }),
    widget(12, "dead letters", { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: deadLetterQueue, stat: "Maximum" }),
    widget(16, "oldest message age (s)", { namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", dimensions: queue, stat: "Maximum" }),
    widget(20, "oldest dead letter age (s)", { namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", dimensions: deadLetterQueue, stat: "Maximum" }),
  ];
};

export const planDashboard = (stage: string, services: ServicePlan[]): DashboardPlan => {
  const top: DashboardWidgetPlan[] = [
    {
      title: "turn latency (ms, gateway to final frame)",
      x: 0,
      y: 0,
      width: 12,
      height: 6,
      periodSeconds: 60,
      metrics: [custom(METRIC.turnLatency, "notifier", "p50", "p50"), custom(METRIC.turnLatency, "notifier", "p95", "p95"), custom(METRIC.turnLatency, "notifier", "p99", "p99")],
    },
    {
      title: "turns, crisis and concern",
      x: 12,
      y: 0,
      width: 12,
      height: 6,
      periodSeconds: FIVE_MINUTES,
      metrics: [
        custom(METRIC.turnsCompleted, "notifier", "Sum", "turns"),
        custom(METRIC.crisisVerdicts, "safety", "Sum", "crisis"),
        custom(METRIC.concernVerdicts, "safety", "Sum", "concern"),
        custom(METRIC.checkInsAfterCrisis, "safety", "Sum", "check-ins after a crisis"),
        custom(METRIC.blockedMessages, "safety", "Sum", "blocked messages"),
        custom(METRIC.blockedReplies, "safety", "Sum", "blocked replies"),
      ],
    },
    {
      title: "model fallbacks and open circuits",
      x: 0,
      y: 6,
      width: 12,
      height: 5,
      periodSeconds: FIVE_MINUTES,
      metrics: [custom(METRIC.modelFallbacks, "generation", "Sum", "fallbacks"), custom(METRIC.circuitOpens, "generation", "Sum", "circuit opens")],
    },
    {
      title: "dead-lettered by the services",
      x: 12,
      y: 6,
      width: 12,
      height: 5,
      periodSeconds: FIVE_MINUTES,
      metrics: services.map((s) => custom(METRIC.deadLetters, s.service, "Sum", s.service)),
    },
  ];
  const rows = services.flatMap((service, index) => serviceRow(service, 11 + index * 5));
  return { logicalName: "OperationsDashboard", name: `${busNameFor(stage)}-operations`, part: "core", widgets: [...top, ...rows] };
};

/** The CloudWatch dashboard body (its JSON schema) for one region. */
export const dashboardBodyFor = (plan: DashboardPlan, region: string) => ({
  widgets: plan.widgets.map((w) => ({
    type: "metric",
    x: w.x,
    y: w.y,
    width: w.width,
    height: w.height,
    properties: {
      title: w.title,
      region,
      view: "timeSeries",
      period: w.periodSeconds,
      metrics: w.metrics.map((m) => [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { stat: m.stat, ...(m.label ? { label: m.label } : {}) }]),
    },
  })),
});
