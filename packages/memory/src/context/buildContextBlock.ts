// Builds the compact context block for the next conversation from the user's most recent graph edges, within a token budget.
//
// One line per entity (said through the user's own edge to it, when there is one) and one per relation between
// entities, ranked by salience, recency and mentions; the best lines that fit the budget are kept, best first, under
// a one-line summary. The same edges and the same `now` always give the same block.
import { userVertexIdOf } from "../graph/ids";
import type { TopEdge } from "../graph/graphStore";
import type { GraphEdge, GraphVertex } from "../graph/model";
import { estimateTokens } from "@innerworld/chat-model/tokens";
import { formatDay, timeOf } from "./dates";
import { topEdgesIn, wallClockMs } from "./localTime";
import { displayName, entityLine, eventDateOf, relationLine } from "./phrasing";
import { closedFactFactor, factScore, mentionWeight, recencyWeight, typeWeight } from "./salience";

export const DEFAULT_CONTEXT_TOKEN_BUDGET = 400;
/** Entities named in the summary line. */
const SUMMARY_ENTITIES = 3;
/** A relation between two entities says less about the user than an entity the user is directly tied to. */
const RELATION_DISCOUNT = 0.8;

export interface BuildContextBlockInput {
  userId: string;
  /** GraphStore.topEdges output: the most recently seen edges with their endpoints. */
  edges: readonly TopEdge[];
  now: Date;
  tokenBudget?: number;
  /** The user's IANA time zone: "today", "tomorrow" and the days the block names are theirs. Default UTC. */
  timeZone?: string;
}

export interface ContextBlock {
  /** The summary line, then one "- " line per fact; empty when the graph has nothing to say or nothing fits. */
  block: string;
  /** estimateTokens(block): never above the budget. */
  tokenCount: number;
  /** Distinct entities the kept lines speak of. */
  entityCount: number;
  /** The kept fact lines, best first, without their "- " marker. */
  facts: string[];
  /**
   * The graph vertex ids each line of `block` speaks of, line by line (the summary first, then one entry per fact
   * line): what a prompt that kept the first n lines told the model about, for ReplyGenerated and GET /me/memory.
   */
  lineFactIds: string[][];
}

interface Candidate {
  text: string;
  score: number;
  entityIds: string[];
  /** Tie-breaker after score and text, so equal lines still sort the same way every time. */
  key: string;
}

const EMPTY: ContextBlock = { block: "", tokenCount: 0, entityCount: 0, facts: [], lineFactIds: [] };

const byRank = (a: Candidate, b: Candidate) => b.score - a.score || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function buildContextBlock(input: BuildContextBlockInput): ContextBlock {
  const { userId, tokenBudget = DEFAULT_CONTEXT_TOKEN_BUDGET, timeZone = "UTC" } = input;
  // Every instant, now included, read at its wall-clock time where the user lives (localTime.ts).
  const now = wallClockMs(input.now.getTime(), timeZone);
  const userVertexId = userVertexIdOf(userId);
  // Defence in depth: a block for one user must never carry another user's facts.
  const top = topEdgesIn(
    input.edges.filter((t) => t.edge.userId === userId && t.from.userId === userId && t.to.userId === userId),
    timeZone,
  );
  if (top.length === 0) return EMPTY;

  const edges = top.map((t) => t.edge);
  const vertices = new Map<string, GraphVertex>();
  for (const { from, to } of top) vertices.set(from.id, from).set(to.id, to);

  const ended = endedByQuitting(edges, vertices, userVertexId);
  const asOfNow = (edge: GraphEdge, vertexId: string): GraphEdge => {
    const at = ended.get(vertexId);
    return at !== undefined && edge.invalidAt === undefined ? { ...edge, invalidAt: at } : edge;
  };
  const entities = entityCandidates([...vertices.values()].filter((v) => v.id !== userVertexId), edges, userVertexId, now, asOfNow);
  const relations = top
    .filter((t) => t.edge.from !== userVertexId)
    .map((t) => relationCandidate({ ...t, edge: asOfNow(asOfNow(t.edge, t.from.id), t.to.id) }, userVertexId, now));
  const ranked = dedupe([...entities.filter((e) => e.ownLine), ...relations].sort(byRank));

  const lastTalked = Math.max(...edges.map((e) => timeOf(e.lastSeenAt) ?? 0));
  const summaryEntities = [...entities].sort(byRank).slice(0, SUMMARY_ENTITIES);
  const onTheirMind = summaryEntities.map((c) => displayName(vertices.get(c.key) as GraphVertex));
  const summary = `Recently on their mind: ${onTheirMind.join(", ")}${lastTalked > 0 ? `; last talked ${formatDay(lastTalked, now)}` : ""}.`;
  return fitBudget(summary, summaryEntities.map((c) => c.key), ranked, tokenBudget);
}

/**
 * One candidate per entity, said through the user's own edge to it when there is one. An entity the user is not
 * directly tied to is already named by its relation lines ("Felt anxious during Math test"), so it gets a line of its
 * own only when that line says something they do not: an event's date.
 */
function entityCandidates(
  entities: GraphVertex[],
  edges: GraphEdge[],
  userVertexId: string,
  now: number,
  asOfNow: (edge: GraphEdge, vertexId: string) => GraphEdge,
): (Candidate & { ownLine: boolean })[] {
  return entities.map((vertex) => {
    const touching = edges.filter((e) => e.from === vertex.id || e.to === vertex.id);
    const representative = representativeUserEdge(edges.filter((e) => e.from === userVertexId && e.to === vertex.id));
    const userEdge = representative && asOfNow(representative, vertex.id);
    const lastSeen = Math.max(...touching.map((e) => timeOf(e.lastSeenAt) ?? 0), timeOf(vertex.lastSeenAt) ?? 0);
    const eventAt = vertex.label === "Event" ? eventDateOf(vertex, edges) : undefined;
    const salience = typeWeight(vertex, now, lastSeen, eventAt) * (userEdge ? closedFactFactor(userEdge, now) : 1);
    return {
      text: entityLine(vertex, userEdge, eventAt, now),
      score: factScore(salience, recencyWeight(lastSeen, now), mentionWeight(vertex.mentionCount)),
      entityIds: [vertex.id],
      key: vertex.id,
      ownLine: userEdge !== undefined || eventAt !== undefined,
    };
  });
}

/**
 * What stopped holding because the user quit something: the thing itself (every edge from the user to it is closed)
 * and any goal about it that was last affirmed before the quitting. "I quit soccer" ends "make the varsity soccer
 * team" too; saying the goal again after quitting keeps it. Returns vertex id → when it stopped.
 */
function endedByQuitting(edges: GraphEdge[], vertices: Map<string, GraphVertex>, userVertexId: string): Map<string, string> {
  const userEdgesTo = new Map<string, GraphEdge[]>();
  for (const edge of edges) if (edge.from === userVertexId) userEdgesTo.set(edge.to, [...(userEdgesTo.get(edge.to) ?? []), edge]);
  const quit = new Map<string, string>();
  for (const [vertexId, own] of userEdgesTo) {
    if (own.every((e) => e.invalidAt !== undefined)) quit.set(vertexId, own.map((e) => e.invalidAt as string).sort().at(-1) as string);
  }
  const ended = new Map(quit);
  for (const edge of edges) {
    const goal = vertices.get(edge.from);
    const quitAt = quit.get(edge.to);
    if (goal?.label !== "Goal" || quitAt === undefined || edge.invalidAt !== undefined) continue;
    const affirmed = (userEdgesTo.get(goal.id) ?? []).filter((e) => e.invalidAt === undefined).map((e) => e.lastSeenAt).sort().at(-1);
    if (affirmed !== undefined && affirmed <= quitAt) ended.set(goal.id, quitAt);
  }
  return ended;
}

/** Of several user edges to one entity: one that still holds, a specific one over a bare mention, the newest. */
function representativeUserEdge(edges: GraphEdge[]): GraphEdge | undefined {
  const rank = (e: GraphEdge) => (e.invalidAt === undefined ? 2 : 0) + (e.label === "mentions" ? 0 : 1);
  return [...edges].sort((a, b) => rank(b) - rank(a) || (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0) || (a.id < b.id ? -1 : 1))[0];
}

function relationCandidate({ edge, from, to }: TopEdge, userVertexId: string, now: number): Candidate {
  const lastSeen = timeOf(edge.lastSeenAt) ?? 0;
  const weight = (vertex: GraphVertex) => typeWeight(vertex, now, lastSeen, vertex.label === "Event" ? timeOf(vertex.attributes.date) : undefined);
  const salience = RELATION_DISCOUNT * Math.max(weight(from), weight(to)) * closedFactFactor(edge, now);
  return {
    text: relationLine(edge, from, to),
    score: factScore(salience, recencyWeight(lastSeen, now), mentionWeight(edge.mentionCount)),
    entityIds: [from.id, to.id].filter((id) => id !== userVertexId),
    key: edge.id,
  };
}

/** Two facts that read the same are one line. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)));
}

/**
 * Keeps the best lines whose estimated tokens fit. Summing line estimates (plus one per newline) bounds the joined
 * block's estimate from above, so the greedy pass never overshoots; the final check guards that bound anyway.
 */
function fitBudget(summary: string, summaryIds: string[], ranked: Candidate[], budget: number): ContextBlock {
  let used = estimateTokens(summary);
  if (used > budget) return EMPTY;
  const kept: Candidate[] = [];
  for (const candidate of ranked) {
    const cost = estimateTokens(`- ${candidate.text}`) + 1;
    if (used + cost > budget) continue;
    kept.push(candidate);
    used += cost;
  }
  for (;;) {
    const block = [summary, ...kept.map((c) => `- ${c.text}`)].join("\n");
    const tokenCount = estimateTokens(block);
    if (tokenCount <= budget || kept.length === 0) {
      if (tokenCount > budget) return EMPTY;
      return {
        block,
        tokenCount,
        entityCount: new Set(kept.flatMap((c) => c.entityIds)).size,
        facts: kept.map((c) => c.text),
        lineFactIds: [summaryIds, ...kept.map((c) => c.entityIds)],
      };
    }
    kept.pop();
  }
}
