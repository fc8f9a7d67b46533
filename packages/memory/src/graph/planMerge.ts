// Turns one session's extraction into a GraphMutation: pure, so the same session always plans the same ids and the same writes.
import { foldMentionAttributes } from "./attributes";
import { InvalidMutationError } from "./errors";
import { edgeIdOf, userVertexIdOf, vertexIdOf } from "./ids";
import type { EntityType, ExtractedEntity, ExtractedRelation, Extraction } from "./model";
import type { EdgeInvalidation, EdgeUpsert, GraphMutation, VertexUpsert } from "./mutation";
import { cleanName, distinctAliases } from "./names";

export interface PlanMergeInput {
  userId: string;
  sessionId: string;
  extraction: Extraction;
  /** When the session happened (any ISO form); normalised to UTC so stored times compare as strings. */
  observedAt: string;
  /** The canonical entity key (the extraction's `canonicalEntityKey`), passed in so the graph does not depend on the extractor. */
  keyOf: (type: EntityType, name: string) => string;
}

/** What an extractor writes for the user themself; "user" is the contract, the pronouns are what models slip into. */
const USER_NAMES = new Set(["user", "the user", "me", "i", "myself"]);
const lookupKey = (name: string) => cleanName(name).toLowerCase();

/** A valid ISO time as given (a date-only value keeps meaning "that day"), else undefined. */
const validTime = (time: string | null | undefined): string | undefined =>
  time && Number.isFinite(Date.parse(time)) ? time.trim() : undefined;

interface PlannedEntity {
  upsert: VertexUpsert;
  type: EntityType;
  key: string;
}

export function planMerge(input: PlanMergeInput): GraphMutation {
  const { userId, sessionId, extraction, keyOf } = input;
  if (!userId || !sessionId) throw new InvalidMutationError("A graph merge needs a userId and a sessionId", { userId, sessionId });
  const observedMs = Date.parse(input.observedAt);
  if (!Number.isFinite(observedMs)) throw new InvalidMutationError("observedAt is not an ISO time", { observedAt: input.observedAt });
  const observedAt = new Date(observedMs).toISOString();
  const userVertexId = userVertexIdOf(userId);

  const entities = planEntities(extraction.entities, userId, keyOf);
  const byName = nameIndex(entities);
  const resolve = (name: string): string | undefined => {
    const wanted = lookupKey(name);
    if (wanted === "user") return userVertexId;
    const named = byName.get(wanted);
    if (named) return named;
    // "Mom" in a relation for an entity named "my mom": the canonical key, not the spelling, decides.
    for (const entity of entities.values()) if (keyOf(entity.type, cleanName(name)) === entity.key) return entity.upsert.id;
    return USER_NAMES.has(wanted) ? userVertexId : undefined;
  };

  // Keyed by edge id, so a fact stated twice in one session is one write; the later statement wins ("quit… no, rejoined").
  const facts = new Map<string, { kind: "assert"; edge: EdgeUpsert } | { kind: "end"; edge: EdgeInvalidation }>();
  const related = new Set<string>();
  const unresolved: ExtractedRelation[] = [];
  for (const relation of extraction.relations) {
    const from = resolve(relation.from);
    const to = resolve(relation.to);
    if (!from || !to || from === to) {
      unresolved.push(relation);
      continue;
    }
    related.add(from).add(to);
    const id = edgeIdOf(from, relation.type, to);
    const time = validTime(relation.time) ?? observedAt;
    facts.set(
      id,
      relation.ended
        ? { kind: "end", edge: { id, label: relation.type, from, to, invalidAt: time } }
        : { kind: "assert", edge: { id, label: relation.type, from, to, validAt: time } },
    );
  }

  const edges: EdgeUpsert[] = [];
  const invalidations: EdgeInvalidation[] = [];
  for (const fact of facts.values()) {
    if (fact.kind === "assert") edges.push(fact.edge);
    else invalidations.push(fact.edge);
  }
  // An entity the user brought up without saying how it relates to anything still belongs to their world.
  for (const { upsert } of entities.values()) {
    if (related.has(upsert.id)) continue;
    edges.push({ id: edgeIdOf(userVertexId, "mentions", upsert.id), label: "mentions", from: userVertexId, to: upsert.id, validAt: observedAt });
  }

  const userVertex: VertexUpsert = { id: userVertexId, label: "User", name: "user", aliases: [], attributes: {} };
  return {
    userId,
    sessionId,
    observedAt,
    vertices: [userVertex, ...[...entities.values()].map((e) => e.upsert)],
    edges,
    invalidations,
    unresolved,
  };
}

/** One upsert per canonical entity: "my mom" and "Mom" in one session are one vertex with an alias. */
function planEntities(extracted: readonly ExtractedEntity[], userId: string, keyOf: PlanMergeInput["keyOf"]): Map<string, PlannedEntity> {
  const planned = new Map<string, PlannedEntity>();
  for (const entity of extracted) {
    const name = cleanName(entity.name);
    if (!name) continue;
    const key = keyOf(entity.type, name);
    const id = vertexIdOf(entity.type, userId, key);
    const aliases = entity.aliases.map(cleanName).filter(Boolean);
    const attributes = cleanAttributes(entity.attributes);
    const existing = planned.get(id);
    if (!existing) {
      planned.set(id, { type: entity.type, key, upsert: { id, label: entity.type, name, aliases: distinctAliases(name, aliases), attributes } });
      continue;
    }
    const { upsert } = existing;
    upsert.aliases = distinctAliases(upsert.name, [...upsert.aliases, name, ...aliases]);
    // The first mention's values stand and later ones fill gaps, so the plan does not depend on which spelling came
    // last; a later date replaces an earlier one (the test was moved).
    upsert.attributes = foldMentionAttributes(upsert.attributes, attributes);
  }
  return planned;
}

function nameIndex(entities: Map<string, PlannedEntity>): Map<string, string> {
  const index = new Map<string, string>();
  // Names before aliases: an alias never shadows another entity's own name.
  for (const { upsert } of entities.values()) if (!index.has(lookupKey(upsert.name))) index.set(lookupKey(upsert.name), upsert.id);
  for (const { upsert } of entities.values()) for (const alias of upsert.aliases) if (!index.has(lookupKey(alias))) index.set(lookupKey(alias), upsert.id);
  return index;
}

/** Attributes come from a model's output: bounded so that one chatty extraction cannot bloat a vertex for good. */
const MAX_ATTRIBUTES = 20;
const MAX_ATTRIBUTE_LENGTH = 200;

function cleanAttributes(attributes: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== "string" || Object.keys(clean).length >= MAX_ATTRIBUTES) continue;
    const trimmed = value.replace(/\s+/g, " ").trim().slice(0, MAX_ATTRIBUTE_LENGTH);
    if (key.trim() && trimmed) clean[key.trim().slice(0, 40)] = trimmed;
  }
  return clean;
}
