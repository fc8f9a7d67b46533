// Turns a model's answer into a valid Extraction: names trimmed, types coerced, unknown types and dangling relations dropped.
import { EDGE_LABELS, type EdgeLabel, type EntityType, type ExtractedEntity, type ExtractedRelation, type Extraction } from "../graph/model.js";
import type { RecordUserGraph } from "./extractionSchema.js";
import { resolveEntities } from "./resolveEntities.js";

const ENTITY_TYPES: readonly EntityType[] = ["Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"];
/** What models call our types when they do not use our words. Anything else is dropped, not guessed. */
const TYPE_SYNONYMS: Readonly<Record<string, EntityType>> = {
  people: "Person", friend: "Person", family: "Person", familymember: "Person", relative: "Person", teacher: "Person",
  location: "Place", city: "Place", school: "Place", country: "Place",
  object: "Thing", item: "Thing", pet: "Thing", organization: "Thing", organisation: "Thing", org: "Thing", brand: "Thing", product: "Thing",
  subject: "Topic", class: "Topic", course: "Topic", interest: "Topic",
  occasion: "Event", date: "Event", appointment: "Event", holiday: "Event",
  hobby: "Activity", sport: "Activity", club: "Activity", team: "Activity",
  aspiration: "Goal", plan: "Goal", ambition: "Goal", dream: "Goal",
  emotion: "Feeling", mood: "Feeling",
  belief: "Value", principle: "Value",
  routine: "Habit",
};
const USER_NAMES = new Set(["user", "the user", "me", "i", "myself", "teen", "the teen", "self"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_NAME_LENGTH = 120;

export function normaliseExtraction(answer: RecordUserGraph): Extraction {
  const entities: ExtractedEntity[] = [];
  // Relations name entities; this maps every spelling the model used (name or alias) to the kept name.
  const names = new Map<string, string>();

  for (const raw of answer.entities) {
    const type = entityType(raw.type);
    const name = cleanName(raw.name);
    if (!type || !name || USER_NAMES.has(name.toLowerCase())) continue;
    const aliases = [...new Set((raw.aliases ?? []).map(cleanName).filter((alias) => alias && alias.toLowerCase() !== name.toLowerCase()))];
    const attributes: Record<string, string> = {};
    for (const { key, value } of raw.attributes ?? []) {
      const cleanKey = key.trim();
      const cleanValue = value.trim();
      if (cleanKey && cleanValue) attributes[cleanKey] ??= cleanValue;
    }
    entities.push({ type, name, aliases, attributes });
    for (const spelling of [name, ...aliases]) if (!names.has(spelling.toLowerCase())) names.set(spelling.toLowerCase(), name);
  }

  const relations: ExtractedRelation[] = [];
  for (const raw of answer.relations) {
    const type = edgeLabel(raw.type);
    const from = endpoint(raw.from, names);
    const to = endpoint(raw.to, names);
    if (!type || !from || !to || from === to) continue;
    const time = raw.time?.trim();
    relations.push({
      type,
      from,
      to,
      ...(time && ISO_DATE.test(time) && !Number.isNaN(Date.parse(time)) ? { time } : {}),
      ...(raw.ended === true ? { ended: true } : {}),
    });
  }
  return resolveEntities({ entities, relations });
}

function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim().replace(/^["'“”‘’]+|["'“”‘’]+$/g, "").trim().slice(0, MAX_NAME_LENGTH);
}

function entityType(raw: string): EntityType | undefined {
  const word = raw.replace(/[^a-z]/gi, "").toLowerCase();
  return ENTITY_TYPES.find((type) => type.toLowerCase() === word) ?? TYPE_SYNONYMS[word] ?? TYPE_SYNONYMS[word.replace(/s$/, "")];
}

/** "relatesTo", "RELATES_TO", "relates to", "felt-during" are all our labels. */
function edgeLabel(raw: string): EdgeLabel | undefined {
  const label = raw
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .replace(/[\s-]+/g, "_")
    .toLowerCase();
  return EDGE_LABELS.find((candidate) => candidate === label);
}

function endpoint(raw: string, names: ReadonlyMap<string, string>): string | undefined {
  const name = cleanName(raw).toLowerCase();
  if (USER_NAMES.has(name)) return "user";
  return names.get(name);
}
