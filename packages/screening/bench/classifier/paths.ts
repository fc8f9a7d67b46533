// Where the screening data, its frozen split and the shipped model live, relative to the package.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATA_DIR = join(PACKAGE_ROOT, "data");
export const EXAMPLES_DIR = join(DATA_DIR, "examples");
export const SPLIT_FILE = join(DATA_DIR, "split.json");
export const FROZEN_TEST_FILE = join(DATA_DIR, "test.frozen.jsonl");
/** Later writers' messages, never trained or tuned on: blind estimates beside the frozen split (writer-b3, then writer-b4 to writer-b15, and writer-es1 to writer-es3). */
export const BLIND_DIR = join(DATA_DIR, "blind");
export const BLIND_B4_DIR = join(DATA_DIR, "blind-b4");
export const BLIND_B5_DIR = join(DATA_DIR, "blind-b5");
export const BLIND_B6_DIR = join(DATA_DIR, "blind-b6");
export const BLIND_B7_DIR = join(DATA_DIR, "blind-b7");
export const BLIND_B8_DIR = join(DATA_DIR, "blind-b8");
export const BLIND_B9_DIR = join(DATA_DIR, "blind-b9");
export const BLIND_B10_DIR = join(DATA_DIR, "blind-b10");
export const BLIND_B11_DIR = join(DATA_DIR, "blind-b11");
export const BLIND_B12_DIR = join(DATA_DIR, "blind-b12");
export const BLIND_B13_DIR = join(DATA_DIR, "blind-b13");
export const BLIND_B14_DIR = join(DATA_DIR, "blind-b14");
export const BLIND_B15_DIR = join(DATA_DIR, "blind-b15");
/** A Spanish-speaking writer's set to a brief of its own (writer-es1): 300 messages, all Spanish or Spanglish. */
export const BLIND_ES2_DIR = join(DATA_DIR, "blind-es2");
export const BLIND_ES1_DIR = join(DATA_DIR, "blind-es1");
export const BLIND_ES3_DIR = join(DATA_DIR, "blind-es3");
export const MODEL_FILE = join(PACKAGE_ROOT, "model", "screening-classifier.json");
/** The concept lexicon as its writer delivered it (byte for byte), and the same terms in the normaliser's form. */
export const CONCEPTS_RECEIVED_FILE = join(DATA_DIR, "concepts", "concepts.received.json");
export const CONCEPTS_FILE = join(DATA_DIR, "concepts", "concepts.json");
/** The Spanish glossary as its writer delivered it (byte for byte), and its entries in the normaliser's form. */
export const GLOSS_RECEIVED_FILE = join(DATA_DIR, "gloss", "gloss.received.json");
export const GLOSS_FILE = join(DATA_DIR, "gloss", "gloss.json");
