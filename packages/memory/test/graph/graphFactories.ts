// Factories for graph tests: realistic extractions of a teen's sessions, planned into mutations the way graph-extraction does.
import { randomUUID } from "node:crypto";
import { planMerge, type EntityType, type ExtractedEntity, type ExtractedRelation, type Extraction, type GraphMutation } from "../../src/graph";

/** Stands in for the extractor's canonicalEntityKey, which the service passes to planMerge. */
export const keyOf = (_type: EntityType, name: string) => name.toLowerCase().replace(/^(my|the)\s+/, "").trim();

export const entity = (type: EntityType, name: string, attributes: Record<string, string> = {}, aliases: string[] = []): ExtractedEntity => ({
  type,
  name,
  aliases,
  attributes,
});

export const relation = (type: ExtractedRelation["type"], from: string, to: string, extra: Partial<ExtractedRelation> = {}): ExtractedRelation => ({
  type,
  from,
  to,
  ...extra,
});

export const newUserId = (label = "teen") => `${label}-${randomUUID()}`;

export const mutationFor = (userId: string, sessionId: string, observedAt: string, extraction: Extraction): GraphMutation =>
  planMerge({ userId, sessionId, observedAt, extraction, keyOf });

/** Session 1: soccer, a best friend, an upcoming math test, a goal and a feeling. */
export const firstSession: Extraction = {
  entities: [
    entity("Activity", "soccer", { team: "JV" }),
    entity("Person", "Jordan", { relation: "best friend" }),
    entity("Event", "Math test", { date: "2026-11-27" }),
    entity("Goal", "make the varsity team"),
    entity("Feeling", "anxious"),
  ],
  relations: [
    relation("relates_to", "user", "soccer"),
    relation("relates_to", "user", "Jordan"),
    relation("involves", "user", "Math test", { time: "2026-11-27" }),
    relation("felt_during", "anxious", "Math test"),
  ],
};

/** Session 2: "I quit soccer", Jordan again, and something new. */
export const quitSession: Extraction = {
  entities: [entity("Activity", "soccer"), entity("Person", "Jordan", { relation: "best friend" }), entity("Thing", "new guitar")],
  relations: [relation("relates_to", "user", "soccer", { ended: true, time: "2026-11-24" }), relation("relates_to", "user", "Jordan")],
};

/** Session 3: "I rejoined soccer". */
export const rejoinSession: Extraction = {
  entities: [entity("Activity", "soccer")],
  relations: [relation("relates_to", "user", "soccer")],
};

export const T1 = "2026-11-20T18:30:00.000Z";
export const T2 = "2026-11-25T17:00:00.000Z";
export const T3 = "2026-12-10T16:00:00.000Z";
