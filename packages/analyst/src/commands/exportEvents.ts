// `export`: archived events of a window (optionally some types only) to JSON Lines, one EventBridge event per line.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { resolve } from "node:path";
import type { BusEvent } from "../busEvent";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import type { TimeWindow } from "../timeWindow";
import { parseEventTypes } from "./planReplay";
import { readArchiveWindow } from "./readArchive";

export interface ExportRequest {
  window: TimeWindow;
  types?: readonly string[];
  /** A file to write; without one the caller prints the lines (the CLI writes them to stdout). */
  out?: string;
  reporter: Reporter;
  signal?: AbortSignal;
}

export interface ExportResult {
  replayName: string;
  events: BusEvent[];
  file: string | undefined;
  countsByType: Record<string, number>;
}

export const writeJsonLines = async (file: string, events: readonly BusEvent[]): Promise<void> => {
  const stream = createWriteStream(file, { encoding: "utf8" });
  for (const event of events) {
    if (!stream.write(`${JSON.stringify(event)}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
};

export const exportEvents = async (target: AnalystTarget, request: ExportRequest): Promise<ExportResult> => {
  const types = parseEventTypes(request.types ?? []);
  const { reporter } = request;
  reporter.say(`target: ${target.description}`);
  const read = await readArchiveWindow(target, {
    window: request.window,
    ...(types.length > 0 ? { filter: { "detail-type": types } } : {}),
    kind: "export",
    purpose: `export of ${types.length > 0 ? types.join(", ") : "every event type"}`,
    reporter,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const countsByType: Record<string, number> = {};
  for (const event of read.events) countsByType[event["detail-type"]] = (countsByType[event["detail-type"]] ?? 0) + 1;
  let file: string | undefined;
  if (request.out) {
    file = resolve(request.out);
    await writeJsonLines(file, read.events);
    reporter.say(`wrote ${read.events.length} events to ${file}`);
  }
  const counts = Object.entries(countsByType).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length > 0) reporter.say(`by type: ${counts.map(([type, n]) => `${type} ${n}`).join(", ")}`);
  return { replayName: read.replayName, events: read.events, file, countsByType };
};
