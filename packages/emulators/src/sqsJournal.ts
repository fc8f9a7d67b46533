// Keeps what the local SQS holds across a crash of its process: fauxqs 1.9 is memory only, so every enqueue and delete is journaled.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** A message as fauxqs keeps it; journaled whole so a restart restores it as it was (attributes, delay, receive count). */
interface FauxqsMessage {
  messageId: string;
  body: string;
  approximateReceiveCount: number;
  delayUntil?: number;
  [field: string]: unknown;
}

export interface FauxqsQueue {
  name: string;
  url: string;
  /** Messages ready to be received (a standard queue's; FIFO queues keep theirs by group). */
  messages: FauxqsMessage[];
  /** Long polls waiting on this queue, oldest first. */
  pollWaiters: { resolve: () => void; timer: NodeJS.Timeout }[];
  inflightMessages: Map<string, { message: FauxqsMessage; visibilityDeadline?: number }>;
  isFifo(): boolean;
  /** Called by fauxqs whenever messages may have become ready: a send, a visibility timeout or delay running out. */
  notifyWaiters(): void;
  dequeue(...args: unknown[]): unknown[];
  enqueue(message: FauxqsMessage): void;
  deleteMessage(receiptHandle: string): boolean;
  /** 0 puts an in-flight message back on the queue at once. */
  changeVisibility(receiptHandle: string, timeoutSeconds: number): void;
  purge(): void;
}

/** The part of fauxqs's SqsStore the journal and the local SQS hook into. */
export interface FauxqsSqsStore {
  createQueue(...args: unknown[]): FauxqsQueue;
  getQueue(url: string): FauxqsQueue | undefined;
  getQueueByName(name: string): FauxqsQueue | undefined;
}

type JournalEntry = { op: "put"; queue: string; message: FauxqsMessage } | { op: "del"; id: string } | { op: "purge"; queue: string };

/** Past this size the journal is rewritten to hold only what the queues still have. */
const COMPACT_AFTER_BYTES = 32 * 1024 * 1024;

/**
 * fauxqs exports only its app builder; its store class lives beside it in the package. Found through the same
 * node_modules lookup Node uses, so the journal wraps the store the running server uses.
 */
export const loadSqsStoreClass = async (): Promise<new () => FauxqsSqsStore> =>
  (await importFauxqsModule<{ SqsStore: new () => FauxqsSqsStore }>("sqsStore.js", "SqsStore")).SqsStore;

/** A module of fauxqs's SQS (`dist/sqs/<file>`), which its package does not export. */
export const importFauxqsModule = async <T>(file: string, what: string): Promise<T> => {
  const require = createRequire(import.meta.url);
  const path = (require.resolve.paths("fauxqs") ?? []).map((dir) => join(dir, "fauxqs", "dist", "sqs", file)).find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`fauxqs's ${what} was not found beside its package; is fauxqs 1.9 installed?`);
  return (await import(pathToFileURL(path).href)) as T;
};

export interface SqsJournal {
  /** The store to hand fauxqs: every queue it creates is journaled. */
  store: FauxqsSqsStore;
  /** Puts back what the journal held into the queues that exist now (call once the queues are created). */
  restore(): { restored: number; dropped: number };
  close(): void;
}

const readEntries = (path: string): JournalEntry[] => {
  if (!existsSync(path)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // The last line of a journal cut off by a crash: that write was never acknowledged.
    }
  }
  return entries;
};

export const openSqsJournal = async (dataDir: string): Promise<SqsJournal> => {
  const SqsStore = await loadSqsStoreClass();
  const path = join(dataDir, "journal.jsonl");
  mkdirSync(dirname(path), { recursive: true });

  /** What the queues hold, by message id: the last queue a message was put on (a dead-letter move is a put). */
  const live = new Map<string, { queue: string; message: FauxqsMessage }>();
  const apply = (entry: JournalEntry) => {
    if (entry.op === "put") live.set(entry.message.messageId, { queue: entry.queue, message: entry.message });
    else if (entry.op === "del") live.delete(entry.id);
    else for (const [id, held] of live) if (held.queue === entry.queue) live.delete(id);
  };
  for (const entry of readEntries(path)) apply(entry);
  const pending = [...live.values()];

  let fd = -1;
  let bytes = 0;
  const compact = () => {
    if (fd >= 0) closeSync(fd);
    const text = [...live.values()].map(({ queue, message }) => `${JSON.stringify({ op: "put", queue, message } satisfies JournalEntry)}\n`).join("");
    // Write then rename: a crash mid-compaction leaves the old journal whole.
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    fd = openSync(path, "a");
    bytes = Buffer.byteLength(text);
  };
  const append = (entry: JournalEntry) => {
    apply(entry);
    const line = `${JSON.stringify(entry)}\n`;
    // Synchronous, before fauxqs answers the request: an acknowledged send or delete is in the file (the OS keeps it
    // when our process dies).
    writeSync(fd, line);
    bytes += line.length;
    if (bytes > COMPACT_AFTER_BYTES) compact();
  };
  compact();

  const originals = new WeakMap<FauxqsQueue, (message: FauxqsMessage) => void>();
  const store = new SqsStore();
  const createQueue = store.createQueue.bind(store);
  store.createQueue = (...args: unknown[]) => {
    const queue = createQueue(...args);
    const enqueue = queue.enqueue.bind(queue);
    const deleteMessage = queue.deleteMessage.bind(queue);
    const purge = queue.purge.bind(queue);
    originals.set(queue, enqueue);
    queue.enqueue = (message) => {
      append({ op: "put", queue: queue.name, message });
      enqueue(message);
    };
    queue.deleteMessage = (receiptHandle) => {
      const held = queue.inflightMessages.get(receiptHandle);
      const deleted = deleteMessage(receiptHandle);
      if (held) append({ op: "del", id: held.message.messageId });
      return deleted;
    };
    queue.purge = () => {
      append({ op: "purge", queue: queue.name });
      purge();
    };
    return queue;
  };

  return {
    store,
    restore() {
      let restored = 0;
      let dropped = 0;
      for (const { queue: name, message } of pending.splice(0)) {
        const queue = store.getQueueByName(name);
        const enqueue = queue ? originals.get(queue) : undefined;
        if (!enqueue) {
          dropped += 1;
          live.delete(message.messageId);
          continue;
        }
        // Already in the journal: put back without journaling it twice.
        enqueue(message);
        restored += 1;
      }
      return { restored, dropped };
    },
    close() {
      if (fd >= 0) closeSync(fd);
      fd = -1;
    },
  };
};
