// `export`: archived events of a window (optionally some types only) to JSON Lines, one EventBridge event per line.
import { constants, createWriteStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import { once } from "node:events";
import { dirname, resolve } from "node:path";
import type { BusEvent } from "../busEvent";
import { AnalystError } from "../errors";
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

const notWritable = (file: string, why: string, cause?: unknown): AnalystError =>
  new AnalystError("OUTPUT_NOT_WRITABLE", `--out ${file}: ${why}`, { ...(cause === undefined ? {} : { cause }), hint: "Name a file in a directory you can write to; nothing was replayed." });

/**
 * Checks that the export can be written before the replay runs (a replay of a large window takes long, and creates
 * temporary resources), without creating or truncating the file: a failed export leaves an earlier file as it was.
 */
const assertWritable = async (file: string): Promise<void> => {
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw notWritable(file, "is a directory");
  const checked = existing ? file : dirname(file);
  if (!existing && !(await stat(checked).catch(() => undefined))?.isDirectory()) throw notWritable(file, `directory ${checked} does not exist`);
  await access(checked, constants.W_OK).catch((cause: unknown) => {
    throw notWritable(file, `${checked} is not writable`, cause);
  });
};

export const exportEvents = async (target: AnalystTarget, request: ExportRequest): Promise<ExportResult> => {
  const types = parseEventTypes(request.types ?? []);
  const { reporter } = request;
  const file = request.out === undefined ? undefined : resolve(request.out);
  if (file !== undefined) await assertWritable(file);
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
  if (file !== undefined) {
    await writeJsonLines(file, read.events).catch((cause: unknown) => {
      throw new AnalystError("OUTPUT_NOT_WRITABLE", `--out ${file}: writing the ${read.events.length} exported events failed: ${(cause as Error).message}`, { cause });
    });
    reporter.say(`wrote ${read.events.length} events to ${file}`);
  }
  const counts = Object.entries(countsByType).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length > 0) reporter.say(`by type: ${counts.map(([type, n]) => `${type} ${n}`).join(", ")}`);
  return { replayName: read.replayName, events: read.events, file, countsByType };
};
