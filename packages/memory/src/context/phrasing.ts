// Says one entity or one relation of the graph as a short line of the context block, current or past, with dates.
//
// Lines are third person ("their mom", "them") because the block describes the user to the model. A fact that no
// longer holds is never stated as current: it is said as past, with when it stopped ("Used to be into soccer (quit
// Nov 2026)").
import type { EdgeLabel, GraphEdge, GraphVertex } from "../graph/model";
import { calendarDaysUntil, formatDay, formatMonth, relativeDays, timeOf } from "./dates";

const MAX_NAME_CHARS = 60;

/** The name as the model should read it: one line, bounded, "my mom" turned into "their mom". */
export function displayName(vertex: GraphVertex): string {
  const flat = vertex.name.replace(/[\p{Cc}\p{Cf}]+/gu, " ").replace(/\s+/g, " ").trim();
  const short = flat.length > MAX_NAME_CHARS ? `${flat.slice(0, MAX_NAME_CHARS - 1).trimEnd()}…` : flat;
  return short.replace(/^my\b/i, "their");
}

/** A person with who they are to the user, when the name does not say it already: "Jordan (best friend)". */
function personName(vertex: GraphVertex): string {
  const name = displayName(vertex);
  const relation = (vertex.attributes.relation ?? vertex.attributes.role ?? "").replace(/\s+/g, " ").trim().slice(0, 30);
  return relation && !name.toLowerCase().includes(relation.toLowerCase()) ? `${name} (${relation})` : name;
}

/** The date an event happens on, when the graph knows it: an explicit attribute, else a dated edge into the event. */
export function eventDateOf(vertex: GraphVertex, edges: readonly GraphEdge[]): number | undefined {
  const attribute = timeOf(vertex.attributes.date ?? vertex.attributes.when);
  if (attribute !== undefined) return attribute;
  // validAt differs from the first sighting only when the extractor gave the relation a time of its own.
  const dated = edges
    .filter((e) => (e.to === vertex.id || e.from === vertex.id) && e.validAt !== e.firstSeenAt)
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : a.id < b.id ? -1 : 1));
  return timeOf(dated[0]?.validAt);
}

function eventPhrase(vertex: GraphVertex, eventAt: number | undefined, now: number): string {
  const name = displayName(vertex);
  if (eventAt === undefined) return `Event: ${name}`;
  const days = calendarDaysUntil(eventAt, now);
  const when = relativeDays(days);
  if (days >= 0) return `Upcoming: ${name} on ${formatDay(eventAt, now)}${when ? ` (${when})` : ""}`;
  return `Past event: ${name} on ${formatDay(eventAt, now)}`;
}

/** What the user's own edge to an entity says while it holds. */
function currentPhrase(vertex: GraphVertex, edge: GraphEdge | undefined, eventAt: number | undefined, now: number): string {
  const name = displayName(vertex);
  if (edge?.label === "conflicts") return `In conflict with ${vertex.label === "Person" ? personName(vertex) : name}`;
  // The extractors tie the user to their goals and values with `supports`; those read best as what they are.
  if (edge?.label === "supports" && vertex.label !== "Goal" && vertex.label !== "Value") return `Supports ${vertex.label === "Person" ? personName(vertex) : name}`;
  switch (vertex.label) {
    case "Person":
      return `Person: ${personName(vertex)}`;
    case "Event":
      return eventPhrase(vertex, eventAt, now);
    case "Feeling": {
      const seen = timeOf(edge?.lastSeenAt ?? vertex.lastSeenAt);
      return seen === undefined ? `Felt ${name}` : `Felt ${name} (${formatDay(seen, now)})`;
    }
    case "Goal":
      return `Goal: ${name}`;
    case "Activity":
      return `Activity: ${name}`;
    case "Habit":
      return `Habit: ${name}`;
    case "Value":
      return `Values ${name}`;
    case "Topic":
      return `Interested in ${name}`;
    case "Place":
      return `Place: ${name}`;
    default:
      return `Mentioned ${name}`;
  }
}

/** What the user's own edge to an entity says once it stopped holding. */
function pastPhrase(vertex: GraphVertex, edge: GraphEdge, eventAt: number | undefined, now: number): string {
  const name = displayName(vertex);
  const closedAt = timeOf(edge.invalidAt);
  const month = closedAt === undefined ? "" : ` ${formatMonth(closedAt)}`;
  if (edge.label === "conflicts") return `Conflict with ${vertex.label === "Person" ? personName(vertex) : name} is over (since${month || " recently"})`;
  switch (vertex.label) {
    case "Activity":
      return `Used to be into ${name} (quit${month || " recently"})`;
    case "Habit":
      return `Former habit: ${name} (stopped${month || " recently"})`;
    case "Goal":
      return `Former goal: ${name} (dropped${month || " recently"})`;
    case "Event":
      return `Called off: ${name}${eventAt === undefined ? "" : ` on ${formatDay(eventAt, now)}`}`;
    case "Feeling":
      return `No longer feels ${name} (since${month || " recently"})`;
    case "Person":
      return `Past: ${personName(vertex)} (until${month || " recently"})`;
    case "Place":
      return `Used to go to ${name} (until${month || " recently"})`;
    default:
      return `Used to be into ${name} (until${month || " recently"})`;
  }
}

/** One line for an entity, given the user's own edge to it (if any): current, re-opened or past. */
export function entityLine(vertex: GraphVertex, userEdge: GraphEdge | undefined, eventAt: number | undefined, now: number): string {
  if (userEdge?.invalidAt !== undefined) return pastPhrase(vertex, userEdge, eventAt, now);
  const line = currentPhrase(vertex, userEdge, eventAt, now);
  const lastBreak = userEdge?.pastPeriods?.at(-1);
  const again = timeOf(userEdge?.validAt);
  const stopped = timeOf(lastBreak?.invalidAt);
  if (lastBreak && again !== undefined && stopped !== undefined) return `${line} (again since ${formatMonth(again)}; had stopped ${formatMonth(stopped)})`;
  return line;
}

const VERBS: Record<EdgeLabel, string> = {
  mentions: "mentions",
  relates_to: "is connected to",
  involves: "involves",
  about: "is about",
  supports: "supports",
  conflicts: "conflicts with",
  temporal: "happens around",
  causal: "leads to",
  felt_during: "felt during",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One line for a relation that does not start at the user: "Math test involves Jordan", "Their mom supports them". */
export function relationLine(edge: GraphEdge, from: GraphVertex, to: GraphVertex): string {
  const name = (vertex: GraphVertex) => (vertex.label === "User" ? "them" : vertex.label === "Person" ? personName(vertex) : displayName(vertex));
  const closedAt = timeOf(edge.invalidAt);
  const past = edge.invalidAt === undefined ? "" : closedAt === undefined ? " (no longer)" : ` (until ${formatMonth(closedAt)})`;
  if (edge.label === "felt_during" && from.label === "Feeling") return capitalise(`felt ${name(from)} during ${name(to)}${past}`);
  return capitalise(`${name(from)} ${VERBS[edge.label]} ${name(to)}${past}`);
}
