// The labelled teen messages: their shape, the deterministic train/dev/test split by a hash of each id, and the frozen test file.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityType } from "../../src/graph/model";

export interface LabelledEntity {
  type: EntityType;
  name: string;
}

export interface LabelledRelation {
  type: string;
  from: string;
  to: string;
  time?: string;
  timeExpression?: string;
  ended?: boolean;
}

/** One message as the writers labelled it, carrying the day it is said on (the writers used different days). */
export interface LabelledMessage {
  id: string;
  text: string;
  referenceDate: string;
  entities: LabelledEntity[];
  relations: LabelledRelation[];
}

export interface SplitFile {
  description: string;
  split: SplitName;
  messages: LabelledMessage[];
}

export type SplitName = "train" | "dev" | "test" | "fresh" | "blind";
export const SPLITS: readonly SplitName[] = ["train", "dev", "test", "fresh", "blind"];
/** The splits scored as estimates and never read or tuned on. */
export const FROZEN_SPLITS: ReadonlySet<SplitName> = new Set(["test", "fresh", "blind"]);

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/extraction");
export const TEEN_SOURCES = ["teen/labelled-A.json", "teen/labelled-B.json", "teen/labelled-C.json", "teen/labelled-D.json", "teen/labelled-E.json", "teen/labelled-F.json", "teen/labelled-G.json", "teen/labelled-H.json", "teen/labelled-I.json", "teen/labelled-J.json", "teen/labelled-K.json", "teen/labelled-L.json", "teen/labelled-M.json", "teen/labelled-N.json", "teen/labelled-O.json", "teen/labelled-P.json", "teen/labelled-Q.json", "teen/labelled-R.json", "teen/labelled-S.json", "teen/labelled-T.json", "teen/labelled-U.json", "teen/labelled-V.json", "teen/labelled-W.json", "teen/labelled-X.json", "teen/labelled-Y.json", "teen/labelled-Z.json", "teen/labelled-AA.json", "teen/labelled-AB.json", "teen/labelled-AC.json", "teen/labelled-AD.json"] as const;
/** A message's writer: the letters its id starts with ("D" for D017). */
const writerOf = (id: string) => /^[A-Z]+/.exec(id)?.[0] ?? "";
/** Writers whose messages came after the test split was frozen: they go to train and dev only. */
const AFTER_FREEZE_WRITERS: ReadonlySet<string> = new Set(["C", "D", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "Y", "Z", "AA", "AB", "AC", "AD"]);
/** Writer C wrote the second round of rules; the others after the freeze never saw the rules, which are not flattered on their words. */
const RULES_AUTHOR = "C";
/** Whether a message came from a writer no rule was written against: a check of the rules' tuning that their authors did not read. */
export const isUnseenByTheRules = (id: string) => AFTER_FREEZE_WRITERS.has(writerOf(id)) && writerOf(id) !== RULES_AUTHOR;
/**
 * Writer E's messages are a second check set beside the frozen test split, written after it by a writer who never saw
 * the rules or the tagger: all of them go to the fresh split, which is scored and never read or tuned on.
 */
const FRESH = /^E\d+$/;
/**
 * Writer X's messages (2026-12-07) are a blind set: written and labelled by a writer who read nothing of the project but
 * the writers' brief and its examples, after every rule and tagger here; all of them go to the blind split, scored and
 * never read or tuned on.
 */
const BLIND = /^X\d+$/;
export const splitPath = (split: SplitName) => join(FIXTURES, "teen", `${split}.json`);

/**
 * SHA-256 of teen/test.json as frozen before any tuning. The evaluation prints the hash it reads and refuses to
 * call a run an estimate when the file differs; a unit test fails if anyone edits the file.
 */
export const FROZEN_TEST_SHA256 = "4c29038fd006c319c9217f7b34f8ca9e6b4ead75e64e54022eb2482cca780ec3";
/** SHA-256 of teen/fresh.json (all of writer E) as written when it joined, checked like the test split's. */
export const FROZEN_FRESH_SHA256 = "84aa2f4224d8b806c11bf24163bb5bf0587ffd5455523ed7d60a0a15d0005816";
/** SHA-256 of teen/blind.json (all of writer X) as written when it joined, checked like the test split's. */
export const FROZEN_BLIND_SHA256 = "a8f0fbaaa0280956456d9c2191269bb31386d79b814d85109d921dd2b8a4d473";
/** The hash each frozen split must have. */
export const FROZEN_SHA256: Readonly<Partial<Record<SplitName, string>>> = { test: FROZEN_TEST_SHA256, fresh: FROZEN_FRESH_SHA256, blind: FROZEN_BLIND_SHA256 };

/**
 * 60/20/20 by the first 4 bytes of SHA-256("innerworld-extraction-split:" + id): stable whatever order or file the
 * messages come in, and independent of their text, so relabelling a message never moves it between splits. Messages
 * written after the freeze (writers C, D and F to P) split 75/25 between train and dev by the same hash: the test split never
 * grows. Writer E's all go to the fresh split.
 */
export function splitOf(id: string): SplitName {
  if (FRESH.test(id)) return "fresh";
  if (BLIND.test(id)) return "blind";
  const bucket = createHash("sha256").update(`innerworld-extraction-split:${id}`).digest().readUInt32BE(0) % 100;
  if (AFTER_FREEZE_WRITERS.has(writerOf(id))) return bucket < 75 ? "train" : "dev";
  return bucket < 60 ? "train" : bucket < 80 ? "dev" : "test";
}

export function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function readSplit(split: SplitName): SplitFile {
  return JSON.parse(readFileSync(splitPath(split), "utf8")) as SplitFile;
}
