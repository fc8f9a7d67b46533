// How much a fact deserves a place in the next conversation's prompt: salience of what it is about, recency, mentions.
//
// The weights encode what a companion should not forget: goals, an event coming up soon, the people closest to the
// user, and how they felt lately. A feeling from a month ago or an event that has passed matters much less.
import type { GraphEdge, GraphVertex } from "../graph/model";
import { calendarDaysUntil, daysSince } from "./dates";

/** Relations that make a person close; matched against the `relation` (or `role`) attribute and the name. */
const CLOSE_RELATIONS =
  /\b(mom|mum|mother|dad|father|parent|step ?(mom|dad|mother|father)|sister|brother|sibling|grand(ma|pa|mother|father)|best ?friend|bff|boyfriend|girlfriend|partner|crush|twin)\b/i;

/** Base weight per vertex label, for labels whose weight does not depend on time. */
const BASE_WEIGHTS: Record<string, number> = {
  Goal: 1,
  Activity: 0.55,
  Value: 0.55,
  Habit: 0.5,
  Topic: 0.4,
  Place: 0.35,
  Thing: 0.3,
};

const RECENCY_HALF_LIFE_DAYS = 14;
/** Mentions saturate: the eighth mention says little more than the fifth. */
const MENTIONS_SATURATION = 8;

export function isClosePerson(vertex: GraphVertex): boolean {
  const relation = vertex.attributes.relation ?? vertex.attributes.role ?? "";
  return CLOSE_RELATIONS.test(relation) || CLOSE_RELATIONS.test(vertex.name);
}

/** 0..1: what kind of thing the vertex is, judged at `now` (`eventAt`: the event's date when known). */
export function typeWeight(vertex: GraphVertex, now: number, lastSeenMs: number, eventAt?: number): number {
  switch (vertex.label) {
    case "Event": {
      if (eventAt === undefined) return 0.45;
      const days = calendarDaysUntil(eventAt, now);
      if (days >= 0) return days <= 14 ? 1 : 0.6;
      return days >= -3 ? 0.5 : 0.2;
    }
    case "Person":
      return isClosePerson(vertex) ? 0.9 : 0.6;
    case "Feeling": {
      const age = daysSince(lastSeenMs, now);
      return age <= 3 ? 0.8 : age <= 14 ? 0.5 : 0.2;
    }
    case "User":
      return 0;
    default:
      return BASE_WEIGHTS[vertex.label] ?? 0.3;
  }
}

/** 0..1, halving every two weeks since the fact was last mentioned. */
export const recencyWeight = (lastSeenMs: number, now: number) => 0.5 ** (daysSince(lastSeenMs, now) / RECENCY_HALF_LIFE_DAYS);

/** 0..1 on a log scale. */
export const mentionWeight = (mentions: number) => Math.min(1, Math.log2(1 + Math.max(0, mentions)) / Math.log2(1 + MENTIONS_SATURATION));

/**
 * A fact that no longer holds still matters for a while ("they quit soccer last week"), then fades faster than a
 * current one.
 */
export function closedFactFactor(edge: GraphEdge, now: number): number {
  if (edge.invalidAt === undefined) return 1;
  const closedAt = Date.parse(edge.invalidAt);
  return Number.isFinite(closedAt) && daysSince(closedAt, now) <= 30 ? 0.6 : 0.3;
}

/** The combined score; salience leads, so a goal from last month outranks a passing mention from today. */
export const factScore = (salience: number, recency: number, mentions: number) => 0.5 * salience + 0.3 * recency + 0.2 * mentions;
