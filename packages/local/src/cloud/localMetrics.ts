// The services' metrics in the local cloud: the EMF lines CloudWatch would get, kept in a file and summed up on the console.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EmfSink } from "@innerworld/platform/observability";

/** One EMF line as Powertools writes it: the CloudWatch directive, the dimensions, and each metric's value(s). */
export interface EmfRecord {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  service?: string;
  [field: string]: unknown;
}

export interface MetricTotal {
  metric: string;
  service: string;
  unit: string;
  /** How many values were recorded (a Count metric's value is usually 1 each time). */
  samples: number;
  sum: number;
  p50: number;
  p95: number;
  max: number;
}

/** Where the local cloud keeps every EMF line, one a line, as CloudWatch Logs would hold them. */
export const emfFileIn = (dataDir: string) => join(dataDir, "metrics", "emf.jsonl");

/** An EMF sink writing to one file, whose descriptor stays open until `close`. */
export interface EmfFileSink extends EmfSink {
  close(): void;
}

/**
 * Appends each line to the file, synchronously: the services flush at the end of an invocation, so a line is on disk
 * before the batch is acknowledged, and processes attached with `--attach` write to the same file. The file is opened
 * once, for appending (each write lands at its end, whoever else appends), not once a line; after `close` a line
 * still lands, through a one-off append.
 */
export const emfFileSink = (path: string): EmfFileSink => {
  let fd: number | undefined;
  let closed = false;
  const sink = (line: string) => {
    if (closed) return appendFileSync(path, `${line}\n`);
    if (fd === undefined) {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, "a");
    }
    writeSync(fd, `${line}\n`);
  };
  return Object.assign(sink, {
    close: () => {
      closed = true;
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  });
};

const isEmfRecord = (value: unknown): value is EmfRecord =>
  typeof value === "object" && value !== null && Array.isArray((value as { _aws?: { CloudWatchMetrics?: unknown } })._aws?.CloudWatchMetrics);

export const parseEmfLines = (text: string): EmfRecord[] =>
  text.split("\n").flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const parsed: unknown = JSON.parse(line);
      return isEmfRecord(parsed) ? [parsed] : [];
    } catch {
      // A line cut off by a crash mid-write: that invocation's metrics are lost, as in Lambda.
      return [];
    }
  });

export const readEmfFile = (path: string): EmfRecord[] => (existsSync(path) ? parseEmfLines(readFileSync(path, "utf8")) : []);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** What CloudWatch would chart from these lines: per service and metric, the sum and the spread of the values. */
export const totalEmf = (records: readonly EmfRecord[]): MetricTotal[] => {
  const values = new Map<string, { metric: string; service: string; unit: string; values: number[] }>();
  for (const record of records) {
    for (const directive of record._aws.CloudWatchMetrics) {
      for (const { Name, Unit } of directive.Metrics) {
        const raw = record[Name];
        const recorded = (Array.isArray(raw) ? raw : [raw]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
        const service = typeof record.service === "string" ? record.service : "?";
        const key = `${service}\u0000${Name}`;
        const entry = values.get(key) ?? { metric: Name, service, unit: Unit, values: [] };
        entry.values.push(...recorded);
        values.set(key, entry);
      }
    }
  }
  return [...values.values()]
    .map(({ metric, service, unit, values: recorded }) => {
      const sorted = [...recorded].sort((a, b) => a - b);
      return { metric, service, unit, samples: sorted.length, sum: sorted.reduce((a, b) => a + b, 0), p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
    })
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.service.localeCompare(b.service));
};

const clockTime = (at: Date) => at.toISOString().slice(11, 23);

/**
 * One console line for a window of metrics, the way the dashboard's top row reads: counts summed over services,
 * milliseconds as p50/p95. Empty windows print nothing.
 */
export const formatMetricsLine = (at: Date, totals: readonly MetricTotal[]): string | undefined => {
  if (totals.length === 0) return undefined;
  const byMetric = new Map<string, MetricTotal[]>();
  for (const total of totals) byMetric.set(total.metric, [...(byMetric.get(total.metric) ?? []), total]);
  const parts = [...byMetric.entries()].map(([metric, all]) => {
    if (all.every((t) => t.unit === "Milliseconds")) {
      // Latency from one service is the meaningful case; several services' latencies are shown apart.
      return all.map((t) => `${metric}${all.length > 1 ? `(${t.service})` : ""} p50 ${Math.round(t.p50)} ms p95 ${Math.round(t.p95)} ms`).join("  ");
    }
    return `${metric} ${all.reduce((sum, t) => sum + t.sum, 0)}`;
  });
  return `${clockTime(at)}  metrics ${parts.join("  ")}`;
};

/** One EMF line at debug level: which service recorded what in one invocation. */
export const formatEmfLine = (record: EmfRecord): string => {
  const metrics = record._aws.CloudWatchMetrics.flatMap((d) => d.Metrics).map(({ Name, Unit }) => {
    const value = record[Name];
    return `${Name}=${Array.isArray(value) ? value.join(",") : String(value)}${Unit === "Milliseconds" ? "ms" : ""}`;
  });
  return `${clockTime(new Date(record._aws.Timestamp))}  metric ${String(record.service ?? "?").padEnd(16)} ${metrics.join(" ")}`;
};

export interface MetricsReporter {
  stop(): void;
}

/**
 * Follows the EMF file (its own services' lines and those of attached processes): every interval, one summary line
 * of what was recorded in it; at debug, each EMF line as well.
 */
export const startMetricsReporter = (options: { path: string; level: "info" | "debug"; print: (line: string) => void; intervalMs?: number; now?: () => Date }): MetricsReporter => {
  // What was there before this start (an earlier run's lines) is history, not this minute's traffic.
  let offset = existsSync(options.path) ? statSync(options.path).size : 0;
  let partial = "";
  const readNew = (): EmfRecord[] => {
    if (!existsSync(options.path)) return [];
    const size = statSync(options.path).size;
    if (size <= offset) return [];
    const fd = openSync(options.path, "r");
    try {
      const buffer = Buffer.alloc(size - offset);
      readSync(fd, buffer, 0, buffer.length, offset);
      offset = size;
      const text = partial + buffer.toString("utf8");
      const cut = text.lastIndexOf("\n");
      partial = text.slice(cut + 1);
      return parseEmfLines(text.slice(0, cut + 1));
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(() => {
    try {
      const records = readNew();
      if (options.level === "debug") for (const record of records) options.print(formatEmfLine(record));
      const line = formatMetricsLine((options.now ?? (() => new Date()))(), totalEmf(records));
      if (line) options.print(line);
    } catch (error) {
      options.print(`WARN   reading the metrics file failed: ${(error as Error).message}`);
    }
  }, options.intervalMs ?? 60_000);
  return { stop: () => clearInterval(timer) };
};
