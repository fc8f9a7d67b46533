// The graph's times read where the user lives. The context block's date words (dates.ts) count in UTC; an instant read
// at its wall-clock time in the user's zone, as if that were UTC, makes them count in the user's days. Days already
// written as days ("2026-12-07": an event's date, resolved in the user's zone when it was said) are left as they are.
import type { TopEdge } from "../graph/graphStore";
import type { GraphEdge, GraphVertex } from "../graph/model";

/** An ISO date-time (an instant), as opposed to a YYYY-MM-DD day. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClockIn(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** The milliseconds whose UTC reading is the wall-clock time of `ms` in `timeZone` (an IANA name). */
export function wallClockMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return ms;
  const parts = new Map(wallClockIn(timeZone).formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]));
  const seconds = Date.UTC(parts.get("year") ?? 1970, (parts.get("month") ?? 1) - 1, parts.get("day") ?? 1, parts.get("hour") ?? 0, parts.get("minute") ?? 0, parts.get("second") ?? 0);
  // The milliseconds the parts leave out; never negative, for instants before 1970 too.
  return seconds + (((ms % 1000) + 1000) % 1000);
}

/** An instant as its wall-clock time in `timeZone`; a day, or anything that is no instant, unchanged. */
export function wallClockIso(value: string, timeZone: string): string {
  if (!INSTANT.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(wallClockMs(ms, timeZone)).toISOString() : value;
}

function vertexIn(vertex: GraphVertex, timeZone: string): GraphVertex {
  return { ...vertex, firstSeenAt: wallClockIso(vertex.firstSeenAt, timeZone), lastSeenAt: wallClockIso(vertex.lastSeenAt, timeZone) };
}

function edgeIn(edge: GraphEdge, timeZone: string): GraphEdge {
  const at = (value: string) => wallClockIso(value, timeZone);
  return {
    ...edge,
    validAt: at(edge.validAt),
    ...(edge.invalidAt !== undefined ? { invalidAt: at(edge.invalidAt) } : {}),
    ...(edge.pastPeriods !== undefined ? { pastPeriods: edge.pastPeriods.map((period) => ({ validAt: at(period.validAt), invalidAt: at(period.invalidAt) })) } : {}),
    firstSeenAt: at(edge.firstSeenAt),
    lastSeenAt: at(edge.lastSeenAt),
  };
}

/** The edges with their endpoints, every instant read at its wall-clock time in `timeZone`. */
export const topEdgesIn = (edges: readonly TopEdge[], timeZone: string): TopEdge[] =>
  timeZone === "UTC" ? [...edges] : edges.map(({ edge, from, to }) => ({ edge: edgeIn(edge, timeZone), from: vertexIn(from, timeZone), to: vertexIn(to, timeZone) }));

/** A user graph's vertices and edges, every instant read at its wall-clock time in `timeZone`. */
export const graphIn = (graph: { vertices: GraphVertex[]; edges: GraphEdge[] }, timeZone: string) =>
  timeZone === "UTC" ? graph : { vertices: graph.vertices.map((v) => vertexIn(v, timeZone)), edges: graph.edges.map((e) => edgeIn(e, timeZone)) };
