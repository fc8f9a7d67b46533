// Reads the activity gazetteer as its writer delivered it (test/fixtures/extraction/activities) into the data file the
// offline extractor reads: each entry checked, its forms lower-cased, the writer's notes left out.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ActivityNamesFile, ListedActivity } from "../src/extraction/activityGazetteer";

export const RECEIVED_FILE = fileURLToPath(new URL("../test/fixtures/extraction/activities/activities.received.jsonl", import.meta.url));
export const DATA_FILE = fileURLToPath(new URL("../src/extraction/activityNames.data.json", import.meta.url));

const KINDS = new Set([
  "sport", "martial_art", "dance", "music_instrument", "music_group", "performing_art", "visual_art", "craft", "writing", "game", "outdoor", "animal",
  "club", "programme", "religious", "volunteering", "job", "fitness", "tech", "other",
]);

/** One line of the received file, checked: a bad line names its line number rather than slipping into the list. */
function parseLine(line: string, lineNumber: number): ListedActivity {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const { name, variants, kind, lang, ambiguous } = raw;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string" && item.trim().length > 0);
  if (typeof name !== "string" || name.trim() === "" || !strings(variants) || typeof kind !== "string" || !KINDS.has(kind) || (lang !== "en" && lang !== "es") || typeof ambiguous !== "boolean") {
    throw new Error(`activities.received.jsonl line ${lineNumber}: not a {name, variants, kind, lang, ambiguous} entry`);
  }
  const forms = [...new Set([name, ...variants].map((form) => form.trim().toLowerCase().replace(/\s+/g, " ")))];
  return { name: name.trim().toLowerCase(), forms, kind, lang, ambiguous };
}

export function readReceivedActivities(): ActivityNamesFile {
  const bytes = readFileSync(RECEIVED_FILE);
  const lines = bytes.toString("utf8").split("\n").filter((line) => line.trim().length > 0);
  return {
    source: "writer-g1, received 2026-12-07 (test/fixtures/extraction/PROVENANCE.md, 'Activities a wider list names')",
    receivedSha256: createHash("sha256").update(bytes).digest("hex"),
    activities: lines.map((line, index) => parseLine(line, index + 1)),
  };
}

export const renderActivityNames = (file: ActivityNamesFile): string => `${JSON.stringify(file, null, 1)}\n`;
