// Reads the labelled screening data set (JSON Lines written by the data writers) into typed examples, rejecting malformed lines with their place.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isRiskCategory, isRiskLevel, type RiskCategory, type RiskLevel } from "../../src/classifier/labels";

export interface LabelledExample {
  id: string;
  text: string;
  level: RiskLevel;
  category: RiskCategory;
  /** The phrasing family ("slang_euphemism", "spanish", "trap", "sequence", ...): strata for the split and units for the hold-out. */
  family: string;
  lang: string;
  /** An ordinary message built to look risky ("dying of laughter"). */
  trap: boolean;
  author: string;
  /** Earlier user messages of the same session, oldest first; only sequence lines have them. */
  context: string[];
  /** Which file and line it came from. */
  source: string;
}

export type DatasetErrorCode = "DATASET_INVALID_LINE" | "DATASET_DUPLICATE_ID" | "DATASET_EMPTY" | "DATASET_CHANGED";

export class DatasetError extends Error {
  override readonly name = "DatasetError";
  readonly code: DatasetErrorCode;
  constructor(code: DatasetErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function parseExampleLine(line: string, source: string): LabelledExample {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new DatasetError("DATASET_INVALID_LINE", `${source}: not JSON`);
  }
  if (!isObject(value)) throw new DatasetError("DATASET_INVALID_LINE", `${source}: not an object`);
  const { id, text, level, category, family, lang, trap, author, context } = value;
  const field = (name: string) => new DatasetError("DATASET_INVALID_LINE", `${source}: field ${name} is missing or mistyped`);
  if (typeof id !== "string" || id.length === 0) throw field("id");
  if (typeof text !== "string") throw field("text");
  if (!isRiskLevel(level)) throw field("level");
  if (!isRiskCategory(category)) throw field("category");
  if (typeof family !== "string" || family.length === 0) throw field("family");
  if (typeof lang !== "string") throw field("lang");
  if (trap !== undefined && typeof trap !== "boolean") throw field("trap");
  if (typeof author !== "string") throw field("author");
  if (context !== undefined && !(Array.isArray(context) && context.every((m) => typeof m === "string"))) throw field("context");
  return { id, text, level, category, family, lang, trap: trap === true, author, context: context ?? [], source };
}

/** Every *.jsonl file of a directory, in name order, as examples; ids must be unique across files. */
export function readExamples(directory: string): LabelledExample[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith(".jsonl"))
    .sort();
  const examples: LabelledExample[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const lines = readFileSync(join(directory, file), "utf8").split("\n");
    lines.forEach((line, index) => {
      if (line.trim().length === 0) return;
      const example = parseExampleLine(line, `${file}:${index + 1}`);
      const earlier = seen.get(example.id);
      if (earlier !== undefined) throw new DatasetError("DATASET_DUPLICATE_ID", `id ${example.id} at ${example.source} was already used at ${earlier}`);
      seen.set(example.id, example.source);
      examples.push(example);
    });
  }
  if (examples.length === 0) throw new DatasetError("DATASET_EMPTY", `no examples in ${directory}`);
  return examples;
}

/** A stable digest of examples (id, text, context and labels, in id order), to name the exact data a model was trained on. */
export function examplesDigest(examples: readonly LabelledExample[]): string {
  const hash = createHash("sha256");
  for (const e of [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(JSON.stringify([e.id, e.text, e.context, e.level, e.category, e.family, e.lang, e.trap]));
    hash.update("\n");
  }
  return hash.digest("hex");
}
