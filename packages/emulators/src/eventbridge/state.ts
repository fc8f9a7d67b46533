// The emulator's resources (buses, rules with their targets, archives, replays) in memory, saved to `state.json` by write-then-rename.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArchiveRecord, EventBusRecord, ReplayRecord, RuleRecord } from "./types.js";

const STATE_FILE = "state.json";
const STATE_VERSION = 1;

interface PersistedState {
  version: number;
  buses: EventBusRecord[];
  rules: RuleRecord[];
  archives: ArchiveRecord[];
  replays: ReplayRecord[];
}

export class StateFileError extends Error {
  override readonly name = "StateFileError";
  readonly code = "EventBridgeStateFileInvalid";

  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Cannot read EventBridge emulator state from ${path}; move it away to start empty.`, { cause });
  }
}

export class EmulatorState {
  readonly buses = new Map<string, EventBusRecord>();
  /** Rules by bus name, then by rule name. */
  readonly rules = new Map<string, Map<string, RuleRecord>>();
  readonly archives = new Map<string, ArchiveRecord>();
  readonly replays = new Map<string, ReplayRecord>();

  private writes: Promise<void> = Promise.resolve();
  private tmpCounter = 0;

  private constructor(private readonly dataDir: string) {}

  /** Loads `state.json` from dataDir, or starts with only the default bus when there is none yet. */
  static async load(dataDir: string, now: number): Promise<EmulatorState> {
    await mkdir(dataDir, { recursive: true });
    const state = new EmulatorState(dataDir);
    const path = join(dataDir, STATE_FILE);
    let text: string | undefined;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new StateFileError(path, error);
    }
    if (text !== undefined) {
      let persisted: PersistedState;
      try {
        persisted = JSON.parse(text) as PersistedState;
        if (persisted.version !== STATE_VERSION) throw new Error(`unsupported state version ${String(persisted.version)}`);
      } catch (error) {
        // Refuse to start over silently: that would drop the user's rules and archives without a word.
        throw new StateFileError(path, error);
      }
      for (const bus of persisted.buses ?? []) state.buses.set(bus.name, bus);
      for (const rule of persisted.rules ?? []) state.rulesOf(rule.eventBusName).set(rule.name, rule);
      for (const archive of persisted.archives ?? []) state.archives.set(archive.name, archive);
      for (const replay of persisted.replays ?? []) state.replays.set(replay.name, replay);
    }
    // The default bus always exists on AWS, so it is created rather than loaded when missing.
    if (!state.buses.has("default")) state.buses.set("default", { name: "default", creationTime: now, lastModifiedTime: now });
    return state;
  }

  /** The rules of one bus (an empty, attached map when it has none yet). */
  rulesOf(busName: string): Map<string, RuleRecord> {
    let rules = this.rules.get(busName);
    if (!rules) {
      rules = new Map();
      this.rules.set(busName, rules);
    }
    return rules;
  }

  /**
   * Writes the current state to disk. Saves run one after another so an older snapshot never
   * renames over a newer one; each snapshot is taken when save() is called.
   */
  save(): Promise<void> {
    const snapshot: PersistedState = {
      version: STATE_VERSION,
      buses: [...this.buses.values()],
      rules: [...this.rules.values()].flatMap((rules) => [...rules.values()]),
      archives: [...this.archives.values()],
      replays: [...this.replays.values()],
    };
    const text = `${JSON.stringify(snapshot, null, 2)}\n`;
    const path = join(this.dataDir, STATE_FILE);
    const tmp = `${path}.${process.pid}.${++this.tmpCounter}.tmp`;
    const write = this.writes.then(async () => {
      await writeFile(tmp, text, "utf8");
      await rename(tmp, path);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every save started so far has finished. */
  drain(): Promise<void> {
    return this.writes;
  }
}
