// A file a separate writer delivered (a lexicon, a glossary): read once, with its SHA-256 and when it was delivered, then kept byte for byte beside its normalised form.

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sha256 } from "./pipeline";

export interface DeliveredFile {
  path: string;
  /** The file's JSON, not yet checked. */
  json: unknown;
  sha256: string;
  /** When it was delivered: the writer's DONE mark if there is one, else the file itself. */
  receivedAt: string;
}

export function readDelivered(directory: string, name: string): DeliveredFile {
  const path = join(directory, name);
  const bytes = readFileSync(path);
  const done = join(directory, "DONE");
  return { path, json: JSON.parse(bytes.toString("utf8")), sha256: sha256(bytes), receivedAt: statSync(existsSync(done) ? done : path).mtime.toISOString() };
}

/** Keeps the delivered file as received and writes what the project reads of it. */
export function keepDelivered(delivered: DeliveredFile, receivedCopy: string, normalisedPath: string, normalised: unknown): void {
  mkdirSync(dirname(normalisedPath), { recursive: true });
  copyFileSync(delivered.path, receivedCopy);
  writeFileSync(normalisedPath, `${JSON.stringify(normalised, null, 1)}\n`);
}
