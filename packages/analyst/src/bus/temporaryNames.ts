// Names of the temporary rules and queues this tool creates: recognisable, unique, and carrying when they were made.
import { randomBytes } from "node:crypto";

/** `<bus>-analyst-`: every temporary rule and queue starts with it, so `cleanup` can find leftovers of a crashed run. */
export const temporaryPrefix = (busName: string): string => `${busName}-analyst-`;

/**
 * `<bus>-analyst-<base36 ms>-<4 hex>`: at most 35 + 9 + 8 + 5 = 57 characters for the longest stage name, under
 * EventBridge's 64 for rule names (SQS allows 80), with room for a `-<n>` suffix.
 */
export const temporaryName = (busName: string, now: number = Date.now()): string =>
  `${temporaryPrefix(busName)}${now.toString(36)}-${randomBytes(2).toString("hex")}`;

/** When a temporary resource was made, read back from its name; undefined for names this tool did not make. */
export const createdAtOfTemporary = (busName: string, name: string): Date | undefined => {
  const prefix = temporaryPrefix(busName);
  if (!name.startsWith(prefix)) return undefined;
  const stamp = /^([0-9a-z]+)-[0-9a-f]{4}(?:-\d+)?$/.exec(name.slice(prefix.length))?.[1];
  const ms = stamp ? parseInt(stamp, 36) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
};

/** Replay names: `[.-_A-Za-z0-9]`, at most 64 characters. */
export const REPLAY_NAME_PATTERN = /^[.\-_A-Za-z0-9]{1,64}$/;

export const defaultReplayName = (kind: "replay" | "export" | "saga", now: Date = new Date()): string =>
  `${kind}-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(2).toString("hex")}`;
