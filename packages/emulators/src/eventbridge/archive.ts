// Archived events on disk: one JSON Lines file per archive, appended before PutEvents answers and streamed back for replays.
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
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

/** The oldest event time an archive still keeps at `now`: all of them when RetentionDays is 0, as on AWS. */
export const oldestRetainedTime = (archive: Pick<ArchiveRecord, "retentionDays">, now: number): number =>
  archive.retentionDays > 0 ? now - archive.retentionDays * DAY_MS : -Infinity;

/** An event whose time does not parse cannot be placed in a retention window, so only an archive that keeps all keeps it. */
export const isRetained = (time: number | undefined, oldestKept: number): boolean => (time === undefined ? oldestKept === -Infinity : time >= oldestKept);

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

  private constructor(private readonly dir: string) {}

  /** Opens the archive directory and reads the time and size of each event the archives already hold. */
  static async open(dataDir: string, archiveNames: Iterable<string>): Promise<ArchiveStore> {
    const dir = join(dataDir, "archives");
    await mkdir(dir, { recursive: true });
    const store = new ArchiveStore(dir);
    const known = new Set(archiveNames);
    for (const name of known) store.entries.set(name, await readEntries(store.fileOf(name)));
    // A file without a state entry belongs to an archive deleted while its delete was in flight.
    for (const file of await readdir(dir)) {
      if (file.endsWith(".jsonl") && !known.has(file.slice(0, -".jsonl".length))) await rm(join(dir, file), { force: true });
    }
    return store;
  }

  // Archive names match [.\-_A-Za-z0-9]+, so they are safe file names once suffixed.
  private fileOf(name: string): string {
    return join(this.dir, `${name}.jsonl`);
  }

  create(name: string): void {
    this.entries.set(name, []);
  }

  /** What the archive keeps of events no older than `oldestKept` (see oldestRetainedTime), as AWS counts them. */
  statsOf(name: string, oldestKept: number): ArchiveStats {
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
      events.forEach((event, index) => entries.push({ time: parseEventTime(event.time), bytes: Buffer.byteLength(lines[index] ?? "") }));
      this.entries.set(name, entries);
    });
    return write;
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
    this.chains.delete(name);
  }

  /**
   * Streams an archive's events in the order they were archived. Lines that do not parse (a write
   * cut short by a crash) are skipped rather than failing the whole replay.
   */
  async *read(name: string): AsyncGenerator<AwsEvent> {
    await this.chains.get(name);
    const stream = createReadStream(this.fileOf(name), { encoding: "utf8" });
    const opened = new Promise<boolean>((resolve, reject) => {
      stream.once("open", () => resolve(true));
      stream.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
    });
    if (!(await opened)) return;
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

/** The time and size of each event in an archive's file; a line that does not parse (a write cut short) is no event. */
const readEntries = async (file: string): Promise<ArchivedEntry[]> => {
  const stream = createReadStream(file, { encoding: "utf8" });
  const opened = new Promise<boolean>((resolve, reject) => {
    stream.once("open", () => resolve(true));
    stream.once("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(false) : reject(error)));
  });
  if (!(await opened)) return [];
  const entries: ArchivedEntry[] = [];
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const event = parseLine(line);
    // Each line was written with its newline, which the reader takes off.
    if (event) entries.push({ time: parseEventTime(event.time), bytes: Buffer.byteLength(line) + 1 });
  }
  return entries;
};
