// The blind set: messages by a writer who never saw the project's code, data or lexicon, kept out of training and tuning, and scored by `pnpm eval:safety` beside the frozen split.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatasetError } from "./examples";
import { BLIND_DIR } from "./paths";

/** What `risk.jsonl` and `ordinary.jsonl` hashed to when they were received (2026-12-06): a changed file is no longer the blind set. */
export const BLIND_SHA256: Readonly<Record<string, string>> = {
  "risk.jsonl": "441713941d25e102b6bde0cf44c142392a17edc97e69d460588faec5dead3816",
  "ordinary.jsonl": "4407964b4250dce96badbbde516c01eac85958f7b733992f017d27f4f7d19073",
};

export interface BlindMessage {
  id: string;
  text: string;
  level: "crisis" | "concern" | "none";
  /** The brief's kind of message: explicit, slang_euphemism, …, sequence for risk; ordinary or trap otherwise. */
  kind: string;
  lang: string;
  trap: boolean;
  context: string[];
}

const LEVELS = new Set(["crisis", "concern", "none"]);

function parseBlindLine(line: string, where: string): BlindMessage {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const { id, text, level, kind, lang, trap, context } = raw;
  if (typeof id !== "string" || typeof text !== "string" || typeof kind !== "string" || typeof lang !== "string" || typeof trap !== "boolean" || !LEVELS.has(String(level))) {
    throw new DatasetError("DATASET_INVALID_LINE", `${where}: a blind line needs id, text, level, kind, lang and trap`);
  }
  if (context !== undefined && !(Array.isArray(context) && context.every((c) => typeof c === "string"))) throw new DatasetError("DATASET_INVALID_LINE", `${where}: context must be a list of strings`);
  return { id, text, level: level as BlindMessage["level"], kind, lang, trap, context: (context as string[] | undefined) ?? [] };
}

/** Reads the blind set, refusing it when a file is not the one received. */
export function readBlindSet(directory: string = BLIND_DIR): { messages: BlindMessage[]; sha256: Record<string, string> } {
  const messages: BlindMessage[] = [];
  const sha256: Record<string, string> = {};
  for (const [file, expected] of Object.entries(BLIND_SHA256)) {
    const bytes = readFileSync(join(directory, file));
    sha256[file] = createHash("sha256").update(bytes).digest("hex");
    if (sha256[file] !== expected) throw new DatasetError("DATASET_CHANGED", `${file} has sha256 ${sha256[file]}, received as ${expected}: the blind set was changed`);
    bytes
      .toString("utf8")
      .split("\n")
      .forEach((line, index) => {
        if (line.trim().length > 0) messages.push(parseBlindLine(line, `${file}:${index + 1}`));
      });
  }
  return { messages, sha256 };
}
