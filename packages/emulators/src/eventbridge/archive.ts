// Archived events on disk: one JSON Lines file per archive, appended before PutEvents answers and streamed back for replays.
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { AwsEvent } from "./types.js";

interface ArchiveStats {
  eventCount: number;
  sizeBytes: number;
}

export class ArchiveStore {
  private readonly stats = new Map<string, ArchiveStats>();
  /** One write chain per archive, so appends to a file never interleave and deletes wait for them. */
  private readonly chains = new Map<string, Promise<void>>();
  /**
   * Each archive's file, open for appending while the emulator runs. A write is synchronous, as the local SQS journal's:
   * a few microseconds, where opening, writing and closing the file through the thread pool held every PutEvents for
   * three round trips there.
   */
  private readonly files = new Map<string, number>();

  private constructor(private readonly dir: string) {}

  /** Opens the archive directory and counts what each archive already holds (counts are derived, not persisted). */
  static async open(dataDir: string, archiveNames: Iterable<string>): Promise<ArchiveStore> {
    const dir = join(dataDir, "archives");
    await mkdir(dir, { recursive: true });
    const store = new ArchiveStore(dir);
    const known = new Set(archiveNames);
    for (const name of known) store.stats.set(name, await countEvents(store.fileOf(name)));
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
    this.stats.set(name, { eventCount: 0, sizeBytes: 0 });
  }

  statsOf(name: string): ArchiveStats {
    return this.stats.get(name) ?? { eventCount: 0, sizeBytes: 0 };
  }

  /** Appends events to an archive; resolves once they are in the file. */
  append(name: string, events: readonly AwsEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join("");
    const write = this.enqueue(name, async () => {
      appendWhole(this.fileFor(name), Buffer.from(text, "utf8"));
      const stats = this.statsOf(name);
      this.stats.set(name, { eventCount: stats.eventCount + events.length, sizeBytes: stats.sizeBytes + Buffer.byteLength(text) });
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
    this.stats.delete(name);
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

const countEvents = async (file: string): Promise<ArchiveStats> => {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(file)).size;
  } catch {
    return { eventCount: 0, sizeBytes: 0 };
  }
  let eventCount = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) if (parseLine(line)) eventCount += 1;
  return { eventCount, sizeBytes };
};
