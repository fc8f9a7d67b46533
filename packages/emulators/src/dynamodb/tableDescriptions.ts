// dynalite reads a table's description from its store on every item request; this keeps each description in memory between the writes that change it.
import { createRequire } from "node:module";

/** The callback half of dynalite's key-value sub-store that holds table descriptions (`store.tableDb`). */
interface TableDescriptionDb {
  get(key: string, callback?: (error: Error | null, value?: unknown) => void): unknown;
  put(key: string, value: unknown, callback?: (error: Error | null) => void): unknown;
  del(key: string, callback?: (error: Error | null) => void): unknown;
  batch(operations: { key: string }[], callback?: (error: Error | null) => void): unknown;
}

interface DynaliteStore {
  tableDb: TableDescriptionDb;
}

interface DynaliteDbModule {
  create(options: unknown): DynaliteStore;
  [descriptionsCached]?: true;
}

const descriptionsCached = Symbol.for("innerworld.dynalite.tableDescriptionsCached");

/**
 * Wraps one store's table-description db. A description changes only when CreateTable, UpdateTable or DeleteTable
 * (and the status changes they schedule) write it, all through `put`, `del` or `batch` here, so a description read
 * since the last write of its key is the stored one. Each write bumps the key's version before and after it lands, so
 * a read that raced a write never caches what it read. Every read gets its own copy (a parse of the cached JSON):
 * UpdateTable and DeleteTable change the description they read before writing it back.
 */
export const cacheTableDescriptions = (tableDb: TableDescriptionDb): void => {
  const cached = new Map<string, string>();
  const versions = new Map<string, number>();
  const versionOf = (key: string) => versions.get(key) ?? 0;
  const changed = (key: string) => {
    cached.delete(key);
    versions.set(key, versionOf(key) + 1);
  };
  const get = tableDb.get.bind(tableDb);
  const put = tableDb.put.bind(tableDb);
  const del = tableDb.del.bind(tableDb);
  const batch = tableDb.batch.bind(tableDb);

  tableDb.get = (key, callback) => {
    if (typeof callback !== "function") return get(key);
    const hit = cached.get(key);
    if (hit !== undefined) {
      queueMicrotask(() => callback(null, JSON.parse(hit)));
      return undefined;
    }
    const version = versionOf(key);
    return get(key, (error, value) => {
      // Only a description is kept: a miss (NotFoundError) is asked again, so a table created meanwhile is found.
      if (!error && value !== undefined && versionOf(key) === version) cached.set(key, JSON.stringify(value));
      callback(error, value);
    });
  };
  /** A write's promise or its callback, with the key's version bumped once it has landed (or failed). */
  const afterWrite = <T>(keys: readonly string[], write: (done?: (error: Error | null) => void) => T, callback?: (error: Error | null) => void): T => {
    for (const key of keys) changed(key);
    if (typeof callback === "function") {
      return write((error) => {
        for (const key of keys) changed(key);
        callback(error);
      });
    }
    const pending = write() as unknown as Promise<unknown>;
    return pending.finally(() => keys.forEach(changed)) as unknown as T;
  };
  tableDb.put = (key, value, callback) => afterWrite([key], (done) => (done ? put(key, value, done) : put(key, value)), callback);
  tableDb.del = (key, callback) => afterWrite([key], (done) => (done ? del(key, done) : del(key)), callback);
  tableDb.batch = (operations, callback) =>
    afterWrite(operations.map((operation) => operation.key), (done) => (done ? batch(operations, done) : batch(operations)), callback);
};

/**
 * Makes every dynalite store created from now on in this process cache its table descriptions. dynalite keeps its
 * store to itself (its server is all `dynalite()` returns), so the wrap goes on the factory its server calls,
 * `require("dynalite/db").create`, the module instance dynalite itself loaded. A store dynalite rebuilds on its own
 * (`recreate`, when it shuts down) is made without the wrap and simply reads its store, as before.
 */
export const cacheDynaliteTableDescriptions = (): void => {
  const dbModule = createRequire(import.meta.url)("dynalite/db") as DynaliteDbModule;
  if (dbModule[descriptionsCached]) return;
  const create = dbModule.create.bind(dbModule);
  dbModule.create = (options) => {
    const store = create(options);
    cacheTableDescriptions(store.tableDb);
    return store;
  };
  dbModule[descriptionsCached] = true;
};
