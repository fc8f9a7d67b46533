// The user-graph model shared by the extractors, the merge planner, both GraphStore adapters and the context builder.

export const VERTEX_LABELS = ["User", "Person", "Place", "Thing", "Topic", "Event", "Activity", "Goal", "Feeling", "Value", "Habit"] as const;
export type VertexLabel = (typeof VERTEX_LABELS)[number];
/** What an extractor may find; the User vertex is the graph's root, never extracted. */
export type EntityType = Exclude<VertexLabel, "User">;

export const EDGE_LABELS = ["mentions", "relates_to", "involves", "about", "supports", "conflicts", "temporal", "causal", "felt_during"] as const;
export type EdgeLabel = (typeof EDGE_LABELS)[number];

/** An entity as an extractor reports it, before it is merged into a graph. */
export interface ExtractedEntity {
  type: EntityType;
  /** The name as the user said it, e.g. "my mom", "Jordan", "varsity soccer team". */
  name: string;
  aliases: string[];
  /** Free-form facts, e.g. { relation: "friend" } or { date: "2026-11-27" }. */
  attributes: Record<string, string>;
}

export interface ExtractedRelation {
  type: EdgeLabel;
  /** Entity names as in `entities`, or "user" for the user themself. */
  from: string;
  to: string;
  /** ISO date (or date-time) the fact holds from or happens on, resolved against the session's date. */
  time?: string | null;
  /** True for a retraction of an earlier fact ("I quit soccer"): the matching open edge is closed, not deleted. */
  ended?: boolean | null;
}

export interface Extraction {
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
}

/** A vertex as stored: ids are `<label>:<userId>:<slug>` so that merging the same entity twice is a no-op. */
export interface GraphVertex {
  id: string;
  label: VertexLabel;
  userId: string;
  name: string;
  aliases: string[];
  attributes: Record<string, string>;
  firstSeenAt: string;
  lastSeenAt: string;
  mentionCount: number;
  /** The sessions that mentioned it, the last MAX_SOURCE_SESSIONS to arrive (mergeRecords.ts). */
  sourceSessions: string[];
  /** When each session of `sourceSessions` was observed, by id (absent for sessions merged before this was kept). */
  sessionTimes?: Record<string, string>;
  /**
   * Set once the cap has dropped sessions from `sourceSessions`: the latest time one of them was observed. A session
   * observed at or before it and not listed is counted already (mergeRecords.ts).
   */
  sessionsDroppedThrough?: string;
}

export interface GraphEdge {
  /** `<from>|<label>|<to>`: one edge per pair and label; its history lives in validAt/invalidAt. */
  id: string;
  label: EdgeLabel;
  userId: string;
  from: string;
  to: string;
  /** When the fact became true (or the event happens). */
  validAt: string;
  /** Set when a later session contradicted the fact; the edge stays as history. */
  invalidAt?: string;
  /** Earlier closed periods of a fact that was later re-asserted ("I rejoined soccer"), oldest first. */
  pastPeriods?: EdgePeriod[];
  firstSeenAt: string;
  lastSeenAt: string;
  mentionCount: number;
  /** As on GraphVertex. */
  sourceSessions: string[];
  sessionTimes?: Record<string, string>;
  sessionsDroppedThrough?: string;
}

/** A closed period during which an edge's fact held. */
export interface EdgePeriod {
  validAt: string;
  invalidAt: string;
}

export interface UserGraph {
  vertices: GraphVertex[];
  edges: GraphEdge[];
}
