// Entity resolution over a whole session: one entity per thing, however often and however differently it was named.
//
// canonicalEntityKey folds what a name alone can tell ("mum" = "mom"); this adds what only the
// session (or the graph) knows:
// - a first name seen before is the same person: "Jordan" after "Jordan Lee" (or after a known
//   "Jordan Lee" passed in from the graph) is Jordan Lee;
// - a bare role is the named person with that role when there is exactly one: "my sister" after
//   "my sister Emma" is Emma;
// - a generic event on the same date as a specific one is that one: "the test" on 2026-11-20 is the
//   "math test" on 2026-11-20. Without a shared date they stay separate: two tests on different days
//   are different events, and a guess here would wrongly merge their history.
// Relations are rewritten to the surviving names, and a later statement about the same edge wins
// ("I quit soccer" after "soccer practice was fun" leaves one closed edge); so does a later date of the same
// entity ("my math test is on friday", then "it got moved to monday"), while its other attributes keep their first value.
import type { EntityType, ExtractedEntity, ExtractedRelation, Extraction } from "../graph/model.js";
import { foldMentionAttributes } from "../graph/attributes.js";
import { canonicalEntityKey } from "./canonicalEntityKey.js";

export interface KnownEntity {
  type: EntityType;
  name: string;
}

const USER = "user";
const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "coach"]);

export function resolveEntities(extraction: Extraction, known: readonly KnownEntity[] = []): Extraction {
  const byKey = new Map<string, ExtractedEntity>();
  const surviving = new Map<string, ExtractedEntity>();
  // Which surviving entity each name (as used in relations) now points to; a name maps per type, so
  // "dance" the Activity and "dance" the Event stay apart.
  const renamed = new Map<string, string>();

  for (const entity of extraction.entities) {
    const name = entity.name.trim();
    if (!name) continue;
    const key = `${entity.type}:${canonicalEntityKey(entity.type, name)}`;
    const existing = byKey.get(key);
    if (existing) {
      mergeInto(existing, { ...entity, name });
    } else {
      const copy: ExtractedEntity = { type: entity.type, name, aliases: [...entity.aliases], attributes: { ...entity.attributes } };
      byKey.set(key, copy);
      surviving.set(key, copy);
    }
    renamed.set(nameKey(entity.type, entity.name), key);
  }

  foldFirstNames(surviving, renamed, known);
  foldRoles(surviving, renamed);
  foldGenericEvents(surviving, renamed);

  const entities = [...surviving.values()];
  const nameOf = (name: string): string => {
    if (name.trim().toLowerCase() === USER) return USER;
    for (const type of TYPE_ORDER) {
      const key = renamed.get(nameKey(type, name));
      const target = key === undefined ? undefined : surviving.get(key);
      if (target) return target.name;
    }
    return name.trim();
  };

  const relations = new Map<string, ExtractedRelation>();
  for (const relation of extraction.relations) {
    const from = nameOf(relation.from);
    const to = nameOf(relation.to);
    if (from === to) continue;
    const edgeKey = `${relation.type}|${from.toLowerCase()}|${to.toLowerCase()}`;
    // Delete first so the later statement also takes the later position.
    relations.delete(edgeKey);
    relations.set(edgeKey, {
      type: relation.type,
      from,
      to,
      ...(relation.time ? { time: relation.time } : {}),
      ...(relation.ended ? { ended: true } : {}),
    });
  }
  // An event with a date needs no bare mention as well: "the test" later in the session is the same edge.
  const dated = new Set([...relations.values()].filter((relation) => relation.type === "temporal" && relation.from === USER).map((relation) => relation.to.toLowerCase()));
  const eventNames = new Set(entities.filter((entity) => entity.type === "Event").map((entity) => entity.name.toLowerCase()));
  const kept = [...relations.values()].filter(
    (relation) => !(relation.type === "mentions" && relation.from === USER && eventNames.has(relation.to.toLowerCase()) && dated.has(relation.to.toLowerCase())),
  );
  return { entities, relations: kept };
}

/** Lookup order when a relation names an entity: people and events before the things they share names with. */
const TYPE_ORDER: readonly EntityType[] = ["Person", "Event", "Activity", "Goal", "Feeling", "Place", "Topic", "Thing", "Value", "Habit"];

function nameKey(type: EntityType, name: string): string {
  return `${type}|${name.trim().toLowerCase()}`;
}

function mergeInto(target: ExtractedEntity, source: ExtractedEntity): void {
  for (const alias of [source.name, ...source.aliases]) {
    const lower = alias.trim().toLowerCase();
    if (lower && lower !== target.name.toLowerCase() && !target.aliases.some((existing) => existing.toLowerCase() === lower)) target.aliases.push(alias.trim());
  }
  // `source` is the later mention when a session names the entity again; the folds below only join people, or events
  // on one date, where which comes first does not change a date.
  target.attributes = foldMentionAttributes(target.attributes, source.attributes);
}

/** Moves every name pointing at `fromKey` to `toKey` and merges the entity itself. */
function fold(surviving: Map<string, ExtractedEntity>, renamed: Map<string, string>, fromKey: string, toKey: string): void {
  const from = surviving.get(fromKey);
  const to = surviving.get(toKey);
  if (!from || !to || from === to) return;
  mergeInto(to, from);
  surviving.delete(fromKey);
  for (const [name, key] of renamed) if (key === fromKey) renamed.set(name, toKey);
}

function personWords(name: string): string[] {
  const words = name.toLowerCase().replace(/\./g, "").split(/\s+/).filter(Boolean);
  return TITLES.has(words[0] ?? "") ? words.slice(1) : words;
}

function foldFirstNames(surviving: Map<string, ExtractedEntity>, renamed: Map<string, string>, known: readonly KnownEntity[]): void {
  const people = [...surviving.entries()].filter(([, entity]) => entity.type === "Person");
  for (const [key, entity] of people) {
    const words = personWords(entity.name);
    if (words.length !== 1 || entity.attributes.role || entity.attributes.title) continue;
    const [first] = words;
    // Only an unambiguous match: with two Jordans in the session, a bare "Jordan" could be either.
    const fuller = people.filter(([otherKey, other]) => otherKey !== key && surviving.has(otherKey) && personWords(other.name).length > 1 && personWords(other.name)[0] === first);
    const [match] = fuller;
    if (fuller.length === 1 && match) {
      fold(surviving, renamed, key, match[0]);
      continue;
    }
    const knownFuller = known.filter((other) => other.type === "Person" && personWords(other.name).length > 1 && personWords(other.name)[0] === first);
    const [knownMatch] = knownFuller;
    if (knownFuller.length === 1 && knownMatch) {
      // Renaming to the graph's name makes canonicalEntityKey give the existing vertex's slug.
      const newKey = `Person:${canonicalEntityKey("Person", knownMatch.name)}`;
      if (!entity.aliases.some((alias) => alias.toLowerCase() === entity.name.toLowerCase())) entity.aliases.push(entity.name);
      entity.name = knownMatch.name;
      surviving.delete(key);
      const existing = surviving.get(newKey);
      if (existing) mergeInto(existing, entity);
      else surviving.set(newKey, entity);
      for (const [name, target] of renamed) if (target === key) renamed.set(name, newKey);
    }
  }
}

function foldRoles(surviving: Map<string, ExtractedEntity>, renamed: Map<string, string>): void {
  for (const [key, entity] of [...surviving.entries()]) {
    if (entity.type !== "Person" || !entity.attributes.role || entity.name.toLowerCase() !== entity.attributes.role) continue;
    const named = [...surviving.entries()].filter(([otherKey, other]) => otherKey !== key && other.type === "Person" && other.attributes.role === entity.attributes.role);
    const [match] = named;
    if (named.length === 1 && match) fold(surviving, renamed, key, match[0]);
  }
}

function foldGenericEvents(surviving: Map<string, ExtractedEntity>, renamed: Map<string, string>): void {
  const events = [...surviving.entries()].filter(([, entity]) => entity.type === "Event" && entity.attributes.date);
  for (const [key, entity] of events) {
    const slug = key.slice("Event:".length);
    if (slug.includes("-")) continue;
    const specific = events.filter(([otherKey, other]) => otherKey !== key && surviving.has(otherKey) && other.attributes.date === entity.attributes.date && otherKey.endsWith(`-${slug}`));
    const [match] = specific;
    if (specific.length === 1 && match) fold(surviving, renamed, key, match[0]);
  }
}
