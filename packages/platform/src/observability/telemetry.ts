// Each service's structured logger and metrics: Powertools Logger (JSON) and Metrics (embedded metric format).
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRICS_NAMESPACE, type MetricName } from "./metricNames";

/** What the services' logic records; a port, so unit tests and tools can pass the silent one. */
export interface MetricsPort {
  count(name: MetricName, value?: number): void;
  milliseconds(name: MetricName, value: number): void;
  /** Writes what was recorded (one EMF line); the consumer calls it at the end of every invocation. */
  flush(): void;
}

export const silentMetrics: MetricsPort = { count: () => undefined, milliseconds: () => undefined, flush: () => undefined };

const LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL"] as const;
type Level = (typeof LEVELS)[number];

/** INNERWORLD_LOG_LEVEL, else Powertools' own POWERTOOLS_LOG_LEVEL, else INFO. */
export const logLevelFrom = (env: NodeJS.ProcessEnv = process.env): Level => {
  const wanted = (env.INNERWORLD_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? "INFO").toUpperCase();
  return (LEVELS as readonly string[]).includes(wanted) ? (wanted as Level) : "INFO";
};

export const createServiceLogger = (service: string, env: NodeJS.ProcessEnv = process.env): Logger => new Logger({ serviceName: service, logLevel: logLevelFrom(env) });

/** Where EMF lines go instead of stdout: off AWS no CloudWatch reads stdout, so the local cloud collects them itself. */
export type EmfSink = (line: string) => void;

/**
 * Powertools Metrics, writing each invocation's EMF line to stdout (Lambda hands it to CloudWatch) or, given a sink,
 * the very same line to the sink.
 */
export const createServiceMetrics = (service: string, options: { sink?: EmfSink } = {}): MetricsPort => {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  let recorded = false;
  return {
    count(name, value = 1) {
      metrics.addMetric(name, MetricUnit.Count, value);
      recorded = true;
    },
    milliseconds(name, value) {
      metrics.addMetric(name, MetricUnit.Milliseconds, value);
      recorded = true;
    },
    flush() {
      // Nothing recorded means nothing to write: Powertools would warn about an empty flush.
      if (!recorded) return;
      recorded = false;
      if (!options.sink) {
        metrics.publishStoredMetrics();
        return;
      }
      // What publishStoredMetrics writes, handed over instead: serialised, then cleared the same way.
      try {
        options.sink(JSON.stringify(metrics.serializeMetrics()));
      } finally {
        metrics.clearMetrics();
      }
    },
  };
};
