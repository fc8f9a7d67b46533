// Table descriptions cached between writes: a read that raced a write is never kept, and every reader gets its own copy.
import { describe, expect, it } from "vitest";
import { cacheTableDescriptions } from "./tableDescriptions";

/** A table-description db in memory whose reads answer only when the test lets them. */
const heldDb = () => {
  const stored = new Map<string, unknown>();
  const heldReads: (() => void)[] = [];
  let reads = 0;
  const db = {
    get(key: string, callback?: (error: Error | null, value?: unknown) => void) {
      reads += 1;
      const value = stored.get(key);
      heldReads.push(() => callback?.(value === undefined ? Object.assign(new Error("NotFound"), { name: "NotFoundError" }) : null, value === undefined ? undefined : structuredClone(value)));
      return undefined;
    },
    put(key: string, value: unknown, callback?: (error: Error | null) => void) {
      stored.set(key, structuredClone(value));
      queueMicrotask(() => callback?.(null));
      return undefined;
    },
    del(key: string, callback?: (error: Error | null) => void) {
      stored.delete(key);
      queueMicrotask(() => callback?.(null));
      return undefined;
    },
    batch(_operations: { key: string }[], callback?: (error: Error | null) => void) {
      queueMicrotask(() => callback?.(null));
      return undefined;
    },
  };
  return { db, stored, reads: () => reads, answer: () => heldReads.splice(0).forEach((answer) => answer()) };
};

const read = (db: ReturnType<typeof heldDb>["db"], key: string, answer: () => void) =>
  new Promise<unknown>((resolve, reject) => {
    db.get(key, (error, value) => (error ? reject(error) : resolve(value)));
    answer();
  });

const written = (write: (done: (error: Error | null) => void) => void) => new Promise<void>((resolve) => write(() => resolve()));

describe("cached table descriptions", () => {
  it("reads a description once until it is written, handing each reader its own copy", async () => {
    const held = heldDb();
    held.stored.set("sessions", { TableStatus: "ACTIVE" });
    cacheTableDescriptions(held.db);
    const first = (await read(held.db, "sessions", held.answer)) as { TableStatus: string };
    first.TableStatus = "UPDATING";
    expect(await read(held.db, "sessions", held.answer)).toEqual({ TableStatus: "ACTIVE" });
    expect(held.reads()).toBe(1);

    await written((done) => held.db.put("sessions", { TableStatus: "DELETING" }, done));
    expect(await read(held.db, "sessions", held.answer)).toEqual({ TableStatus: "DELETING" });
    expect(held.reads()).toBe(2);

    await written((done) => held.db.del("sessions", done));
    await expect(read(held.db, "sessions", held.answer)).rejects.toThrow("NotFound");
    // A missing table is not remembered as missing.
    held.stored.set("sessions", { TableStatus: "ACTIVE" });
    expect(await read(held.db, "sessions", held.answer)).toEqual({ TableStatus: "ACTIVE" });
  });

  it("does not keep what a read found when a write of the same table came while it was under way", async () => {
    const held = heldDb();
    held.stored.set("sessions", { TableStatus: "ACTIVE", ItemCount: 0 });
    cacheTableDescriptions(held.db);
    const racing = new Promise((resolve) => held.db.get("sessions", (_error, value) => resolve(value)));
    await written((done) => held.db.put("sessions", { TableStatus: "UPDATING" }, done));
    // The read answers with what it found before the write: its caller gets that, the cache does not keep it.
    held.stored.set("sessions", { TableStatus: "ACTIVE", ItemCount: 0 });
    held.answer();
    expect(await racing).toEqual({ TableStatus: "ACTIVE", ItemCount: 0 });
    held.stored.set("sessions", { TableStatus: "UPDATING" });
    expect(await read(held.db, "sessions", held.answer)).toEqual({ TableStatus: "UPDATING" });
  });
});
