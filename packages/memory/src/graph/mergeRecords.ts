// The merge rules for one vertex or edge, shared by every GraphStore adapter so that all of them agree to the letter.
//
// Idempotence comes from the session: a session already in `sourceSessions` adds no mention, and every other rule is
// a min, a max, a union or an overwrite with the same value, so re-applying a session changes nothing at all.
// Re-opening: an assertion observed after the edge was closed ("I rejoined soccer") re-opens the same edge (one edge per
// pair and label): the closed period moves to `pastPeriods`, `validAt` becomes the new start and `invalidAt` goes away.
// An assertion dated inside or before the closed period is old news and only counts as a mention.
import type { EdgePeriod, GraphEdge, GraphVertex } from "./model";
import type { EdgeInvalidation, EdgeUpsert, GraphMutation, VertexUpsert } from "./mutation";
import { distinctAliases } from "./names";

/**
 * How many source sessions one element keeps. Without a cap the User vertex would grow by one id per session until it
 * hit DynamoDB's 400 KB item limit. A session the cap dropped can still come again (a replay of the archive), long
 * after the consumer's eventId idempotency forgot it: the record keeps when the dropped sessions were observed
 * (`sessionsDroppedThrough`), and a session not listed and observed no later is taken as counted. The price: a session
 * merged for the first time after later ones pushed an older one out, and older than that one, adds no mention.
 */
export const MAX_SOURCE_SESSIONS = 100;
const MAX_ALIASES = 20;
const MAX_PAST_PERIODS = 20;

type Session = Pick<GraphMutation, "userId" | "sessionId" | "observedAt">;

const ms = (iso: string) => Date.parse(iso);
const minIso = (a: string, b: string) => (ms(b) < ms(a) ? b : a);
const maxIso = (a: string, b: string) => (ms(b) > ms(a) ? b : a);

type Sightings = Pick<GraphVertex, "sourceSessions" | "mentionCount" | "sessionTimes" | "sessionsDroppedThrough">;

const sightingsOf = ({ sourceSessions, mentionCount, sessionTimes, sessionsDroppedThrough }: Sightings): Sightings => ({
  sourceSessions,
  mentionCount,
  ...(sessionTimes !== undefined ? { sessionTimes } : {}),
  ...(sessionsDroppedThrough !== undefined ? { sessionsDroppedThrough } : {}),
});

const firstSighting = (session: Session): Sightings => ({ sourceSessions: [session.sessionId], mentionCount: 1, sessionTimes: { [session.sessionId]: session.observedAt } });

function seenIn(record: Sightings, session: Session): Sightings {
  const counted =
    record.sourceSessions.includes(session.sessionId) || (record.sessionsDroppedThrough !== undefined && ms(session.observedAt) <= ms(record.sessionsDroppedThrough));
  if (counted) return sightingsOf(record);
  const sessions = [...record.sourceSessions, session.sessionId];
  const kept = sessions.slice(-MAX_SOURCE_SESSIONS);
  const times = { ...record.sessionTimes, [session.sessionId]: session.observedAt };
  let droppedThrough = record.sessionsDroppedThrough;
  // A session merged before its time was kept drops without one; the check above then knows it no better than before.
  for (const dropped of sessions.slice(0, sessions.length - kept.length)) {
    const at = times[dropped];
    if (at !== undefined) droppedThrough = droppedThrough === undefined ? at : maxIso(droppedThrough, at);
  }
  return {
    sourceSessions: kept,
    mentionCount: record.mentionCount + 1,
    sessionTimes: Object.fromEntries(kept.flatMap((id) => (times[id] === undefined ? [] : [[id, times[id]]]))),
    ...(droppedThrough !== undefined ? { sessionsDroppedThrough: droppedThrough } : {}),
  };
}

export function mergeVertex(current: GraphVertex | undefined, upsert: VertexUpsert, session: Session): GraphVertex {
  if (!current) {
    return {
      id: upsert.id,
      label: upsert.label,
      userId: session.userId,
      name: upsert.name,
      aliases: distinctAliases(upsert.name, upsert.aliases).slice(0, MAX_ALIASES),
      attributes: { ...upsert.attributes },
      firstSeenAt: session.observedAt,
      lastSeenAt: session.observedAt,
      ...firstSighting(session),
    };
  }
  // The newest session's attribute values win (a test moved to Monday); an older session delivered late only fills gaps.
  const newer = ms(session.observedAt) >= ms(current.lastSeenAt);
  return {
    ...current,
    // The first name stays the display name, so the vertex does not flip between spellings; others become aliases.
    aliases: distinctAliases(current.name, [...current.aliases, upsert.name, ...upsert.aliases]).slice(0, MAX_ALIASES),
    attributes: newer ? { ...current.attributes, ...upsert.attributes } : { ...upsert.attributes, ...current.attributes },
    firstSeenAt: minIso(current.firstSeenAt, session.observedAt),
    lastSeenAt: maxIso(current.lastSeenAt, session.observedAt),
    ...seenIn(current, session),
  };
}

export function assertEdge(current: GraphEdge | undefined, upsert: EdgeUpsert, session: Session): GraphEdge {
  if (!current) {
    return {
      id: upsert.id,
      label: upsert.label,
      userId: session.userId,
      from: upsert.from,
      to: upsert.to,
      validAt: upsert.validAt,
      firstSeenAt: session.observedAt,
      lastSeenAt: session.observedAt,
      ...firstSighting(session),
    };
  }
  const seen = { firstSeenAt: minIso(current.firstSeenAt, session.observedAt), lastSeenAt: maxIso(current.lastSeenAt, session.observedAt), ...seenIn(current, session) };
  if (current.invalidAt === undefined) {
    // Still true: a later mention does not move the start of the fact, an earlier dated one does, but never back into
    // a period that has already been closed.
    const lastClosed = current.pastPeriods?.at(-1)?.invalidAt;
    const earlier = lastClosed === undefined || ms(upsert.validAt) > ms(lastClosed) ? minIso(current.validAt, upsert.validAt) : current.validAt;
    return { ...current, ...seen, validAt: earlier };
  }
  if (ms(upsert.validAt) > ms(current.invalidAt)) {
    const { invalidAt, ...open } = current;
    const closed: EdgePeriod = { validAt: current.validAt, invalidAt };
    return { ...open, ...seen, validAt: upsert.validAt, pastPeriods: [...(current.pastPeriods ?? []), closed].slice(-MAX_PAST_PERIODS) };
  }
  return { ...current, ...seen };
}

/**
 * Closes the open fact at `invalidAt`. An edge never seen before is recorded already closed (validAt = invalidAt, the
 * start being unknown), so "I quit soccer" is remembered even when soccer was never mentioned. An invalidation dated
 * before the current period began belongs to an earlier period and leaves the edge open; an edge already closed keeps
 * its first closing time.
 */
export function closeEdge(current: GraphEdge | undefined, invalidation: EdgeInvalidation, session: Session): GraphEdge {
  if (!current) {
    const opened = assertEdge(undefined, { ...invalidation, validAt: invalidation.invalidAt }, session);
    return { ...opened, invalidAt: invalidation.invalidAt };
  }
  const seen = { firstSeenAt: minIso(current.firstSeenAt, session.observedAt), lastSeenAt: maxIso(current.lastSeenAt, session.observedAt), ...seenIn(current, session) };
  if (current.invalidAt === undefined && ms(invalidation.invalidAt) >= ms(current.validAt)) {
    return { ...current, ...seen, invalidAt: invalidation.invalidAt };
  }
  return { ...current, ...seen };
}

/** Structural equality of two stored records (key order ignored), so an unchanged element is not written at all. */
export function sameRecord(a: GraphVertex | GraphEdge | undefined, b: GraphVertex | GraphEdge): boolean {
  return a !== undefined && canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
