// The shape of one session's change to a user graph: what planMerge produces and every GraphStore applies.
import type { EdgeLabel, ExtractedRelation, VertexLabel } from "./model";

/** Create the vertex, or fold this session's mention into it. */
export interface VertexUpsert {
  id: string;
  label: VertexLabel;
  name: string;
  aliases: string[];
  attributes: Record<string, string>;
}

/** Create the edge, or record that this session asserted its fact again (re-opening it when it had been closed). */
export interface EdgeUpsert {
  id: string;
  label: EdgeLabel;
  from: string;
  to: string;
  /** relation.time ?? the session's observedAt. */
  validAt: string;
}

/** Close the edge's open fact at `invalidAt` ("I quit soccer"); the edge is kept as history, never deleted. */
export interface EdgeInvalidation {
  id: string;
  label: EdgeLabel;
  from: string;
  to: string;
  invalidAt: string;
}

export interface GraphMutation {
  userId: string;
  /** Mention counts and source sessions change once per session: re-applying the same session is a no-op. */
  sessionId: string;
  /** When the session was observed (ISO, UTC): first/last seen times come from it. */
  observedAt: string;
  /** The User vertex first, then one per distinct entity; every edge endpoint is among them. */
  vertices: VertexUpsert[];
  edges: EdgeUpsert[];
  invalidations: EdgeInvalidation[];
  /** Relations whose endpoints matched no entity of the extraction: dropped, reported for logs. */
  unresolved: ExtractedRelation[];
}

/** What one apply changed; a repeated apply of the same session reports zeros. */
export interface ApplyResult {
  /** Entity vertices (the User vertex excluded) created or updated. */
  entitiesMerged: number;
  /** Edges created, updated or re-opened by an assertion. */
  relationsMerged: number;
  /** Open edges closed (or recorded closed) by an invalidation. */
  relationsInvalidated: number;
}
