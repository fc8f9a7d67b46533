// Archived events on disk: one JSON Lines file per archive, appended before PutEvents answers, streamed back for replays, and rid of events past the archive's retention.
import { closeSync, createReadStream, createWriteStream, openSync, writeSync, type ReadStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import type { Clock } from "@innerworld/platform/clock";
import { parseEventTime } from "./awsEvent.js";
import type { ArchiveRecord, AwsEvent } from "./types.js";

interface ArchiveStats {
  eventCount: number;
  sizeBytes: number;
}

/** One archived event as the stats see it: its own time (undefined when that does not parse) and the bytes of its line. */
interface ArchivedEntry {
  time: number | undefined;
  bytes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far the emulator's clock moves between two rewrites of an archive's file. Events expire one by one as time
 * passes, and a file rewritten each time one did would be copied whole for every event put; until the next rewrite an
 * expired event is still on disk but counted and replayed by no one, as AWS, too, deletes expired events some time after.
 */
const EXPIRY_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** The file a sweep writes beside an archive's own before renaming it over it. */
const REWRITE_SUFFIX = ".rewrite";

/** The archives the store holds events for, as the store needs them: their RetentionDays, read at each sweep. */
type ArchiveRetentions = ReadonlyMap<string, Pick<ArchiveRecord, "retentionDays">>;

/** The oldest event time an archive still keeps at `now`: all of them when RetentionDays is 0, as on AWS. */
export const oldestRetainedTime = (archive: Pick<ArchiveRecord, "retentionDays">, now: number): number =>
  archive.retentionDays > 0 ? now - archive.retentionDays * DAY_MS : -Infinity;

/** An event whose time does not parse cannot be placed in a retention window, so only an archive that keeps all keeps it. */
export const isRetained = (time: number | undefined, oldestKept: number): boolean => (time === undefined ? oldestKept === -Infinity : time >= oldestKept);

/** The time an entry is kept by: one whose time does not parse is older than any window (see isRetained). */
const keptByTime = (entry: ArchivedEntry): number => entry.time ?? -Infinity;

const oldestOf = (entries: readonly ArchivedEntry[]): number => entries.reduce((oldest, entry) => Math.min(oldest, keptByTime(entry)), Infinity);

export class ArchiveStore {
  /**
   * Each archive's events, in the order they were archived: only their times and sizes, so DescribeArchive and
   * ListArchives count what the archive keeps at the emulator's now (counts are derived, not persisted).
   */
  private readonly entries = new Map<string, ArchivedEntry[]>();
  /** One write chain per archive, so appends to a file never interleave and deletes wait for them. */
  private readonly chains = new Map<string, Promise<void>>();
  /**
   * Each archive's file, open for appending while the emulator runs. A write is synchronous, as the local SQS journal's:
   * a few microseconds, where opening, writing and closing the file through the thread pool held every PutEvents for
   * three round trips there.
   */
  private readonly files = new Map<string, number>();
  /** The time of each archive's oldest event (see keptByTime), so a write sees whether one has expired without reading them all. */
  private readonly oldest = new Map<string, number>();
  /** Each archive's retention bound its file was last rewritten to (see EXPIRY_SWEEP_INTERVAL_MS). */
  private readonly sweptTo = new Map<string, number>();

  private constructor(
    private readonly dir: string,
    private readonly retentions: ArchiveRetentions,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens the archive directory and reads the time and size of each event the archives already hold. `retentions` is
   * the emulator's own map of archives, read again at each sweep; `clock` is the emulator's now, where retention ends.
   */
  static async open(dataDir: string, retentions: ArchiveRetentions, clock: Clock): Promise<ArchiveStore> {
    const dir = join(dataDir, "archives");
    await mkdir(dir, { recursive: true });
    const store = new ArchiveStore(dir, retentions, clock);
    const known = new Set(retentions.keys());
    for (const name of known) store.keep(name, await readEntries(store.fileOf(name)));
    // A file without a state entry belongs to an archive deleted while its delete was in flight; a rewrite's file, to a
    // sweep cut short (the archive's own file is still whole).
    for (const file of await readdir(dir)) {
      const orphaned = file.endsWith(".jsonl") && !known.has(file.slice(0, -".jsonl".length));
      if (orphaned || file.endsWith(REWRITE_SUFFIX)) await rm(join(dir, file), { force: true });
    }
    return store;
  }

  // Archive names match [.\-_A-Za-z0-9]+, so they are safe file names once suffixed.
  private fileOf(name: string): string {
    return join(this.dir, `${name}.jsonl`);
  }

  create(name: string): void {
    this.keep(name, []);
  }

  private keep(name: string, entries: ArchivedEntry[]): void {
    this.entries.set(name, entries);
    this.oldest.set(name, oldestOf(entries));
  }

  /** What the archive keeps at the emulator's now, as AWS counts it: expired events are deleted first when a sweep is due, and never counted. */
  async statsOf(name: string): Promise<ArchiveStats> {
    await this.sweepExpired(name);
    const oldestKept = this.oldestKeptOf(name);
    let eventCount = 0;
    let sizeBytes = 0;
    for (const entry of this.entries.get(name) ?? []) {
      if (!isRetained(entry.time, oldestKept)) continue;
      eventCount += 1;
      sizeBytes += entry.bytes;
    }
    return { eventCount, sizeBytes };
  }

  /** Appends events to an archive; resolves once they are in the file. */
  append(name: string, events: readonly AwsEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const lines = events.map((event) => `${JSON.stringify(event)}\n`);
    const write = this.enqueue(name, async () => {
      appendWhole(this.fileFor(name), Buffer.from(lines.join(""), "utf8"));
      const entries = this.entries.get(name) ?? [];
      const appended = events.map((event, index) => ({ time: parseEventTime(event.time), bytes: Buffer.byteLength(lines[index] ?? "") }));
      entries.push(...appended);
      this.entries.set(name, entries);
      this.oldest.set(name, Math.min(this.oldest.get(name) ?? Infinity, oldestOf(appended)));
    });
    // Written to, the archive also lets go of what has expired, so an archive nobody reads does not grow without end. The
    // events are in whether or not that sweep works: one that fails leaves the file as it was, for the next to try again.
    return write.then(() => this.sweepExpired(name).catch(() => undefined));
  }

  private oldestKeptOf(name: string): number {
    const archive = this.retentions.get(name);
    return archive ? oldestRetainedTime(archive, this.clock()) : -Infinity;
  }

  /**
   * Deletes an archive's expired events from its file and its counts when one has expired and the last sweep is at
   * least EXPIRY_SWEEP_INTERVAL_MS behind. Queued behind the archive's writes, so no append is lost to the rewrite.
   */
  private async sweepExpired(name: string): Promise<void> {
    const due = (oldestKept: number): boolean => {
      const sweptTo = this.sweptTo.get(name);
      return (this.oldest.get(name) ?? Infinity) < oldestKept && (sweptTo === undefined || oldestKept - sweptTo >= EXPIRY_SWEEP_INTERVAL_MS);
    };
    if (!due(this.oldestKeptOf(name))) return;
    await this.enqueue(name, async () => {
      // Asked again in the queue: a sweep queued just before this one may have done it.
      const oldestKept = this.oldestKeptOf(name);
      if (!this.entries.has(name) || !due(oldestKept)) return;
      this.closeFile(name);
      this.keep(name, await rewriteKeeping(this.fileOf(name), oldestKept));
      this.sweptTo.set(name, oldestKept);
    });
  }

  private fileFor(name: string): number {
    let fd = this.files.get(name);
    if (fd === undefined) {
      fd = openSync(this.fileOf(name), "a");
      this.files.set(name, fd);
    }
    return fd;
  }

  private closeFile(name: string): void {
    const fd = this.files.get(name);
    if (fd === undefined) return;
    this.files.delete(name);
    closeSync(fd);
  }

  /** Closes the archives' files once every write started so far is in them. */
  async close(): Promise<void> {
    await this.drain();
    for (const name of [...this.files.keys()]) this.closeFile(name);
  }

  async remove(name: string): Promise<void> {
    await this.enqueue(name, () => {
      this.closeFile(name);
      return rm(this.fileOf(name), { force: true });
    });
    this.entries.delete(name);
    this.oldest.delete(name);
    this.sweptTo.delete(name);
    this.chains.delete(name);
  }

  /**
   * Streams an archive's events in the order they were archived, once expired ones are deleted when a sweep is due.
   * Lines that do not parse (a write cut short by a crash) are skipped rather than failing the whole replay.
   */
  async *read(name: string): AsyncGenerator<AwsEvent> {
    await this.sweepExpired(name);
    await this.chains.get(name);
    const stream = await openIfPresent(this.fileOf(name));
    if (!stream) return;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        const event = parseLine(line);
        if (event) yield event;
      }
    } finally {
      lines.close();
      stream.destroy();
    }
  }

  /** Resolves once every archive write started so far is on disk. */
  async drain(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  private enqueue(name: string, task: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(name) ?? Promise.resolve()).then(task);
    this.chains.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

/** The file, open for reading as text, or undefined when there is none (an archive nothing was written to yet). */
const openIfPresent = async (file: string): Promise<ReadStream | undefined> => {
  const stream = createReadStream(file, { encoding: "utf8" });
  const opened = await new Promise<boolean>((resolve, reject) => {
    stream.once("open", () => resolve(true));
    stream.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
  });
  return opened ? stream : undefined;
};

/** A write to a regular file may take less than the whole buffer; the rest follows until it is all in. */
const appendWhole = (fd: number, bytes: Buffer): void => {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
};

const parseLine = (line: string): AwsEvent | undefined => {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as AwsEvent) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Rewrites an archive's file with only the events no older than `oldestKept` (by write-then-rename, so a crash mid-way
 * leaves the old file whole), and returns the entries of what it kept. A line that does not parse goes too.
 */
const rewriteKeeping = async (file: string, oldestKept: number): Promise<ArchivedEntry[]> => {
  const kept: ArchivedEntry[] = [];
  const stream = await openIfPresent(file);
  if (!stream) return kept;
  const rewritten = `${file}${REWRITE_SUFFIX}`;
  await pipeline(async function* keepRetained() {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      const event = parseLine(line);
      const time = event ? parseEventTime(event.time) : undefined;
      if (!event || !isRetained(time, oldestKept)) continue;
      kept.push({ time, bytes: Buffer.byteLength(line) + 1 });
      yield `${line}\n`;
    }
  }, createWriteStream(rewritten));
  await rename(rewritten, file);
  return kept;
};

/** The time and size of each event in an archive's file; a line that does not parse (a write cut short) is no event. */
const readEntries = async (file: string): Promise<ArchivedEntry[]> => {
  const stream = await openIfPresent(file);
  if (!stream) return [];
  const entries: ArchivedEntry[] = [];
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const event = parseLine(line);
    // Each line was written with its newline, which the reader takes off.
    if (event) entries.push({ time: parseEventTime(event.time), bytes: Buffer.byteLength(line) + 1 });
  }
  return entries;
};
