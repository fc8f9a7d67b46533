// Puts the events of one saga in causal order (each after the event that caused it) and times every hop.
import { dataOf, metadataOf, occurredAtOf, type BusEvent } from "../busEvent";

export interface SagaStep {
  event: BusEvent;
  eventId: string;
  /** 0 for an event nothing in the saga caused; 1 for what it caused, and so on. */
  depth: number;
  /** The event that caused this one, when it is part of the saga. */
  causedBy: string | undefined;
  /** Set when the causing event is not among the saga's events (outside the window, or not archived). */
  missingCause: string | undefined;
  /** occurredAt of this event minus that of its cause: the time the hop took. */
  hopMs: number | undefined;
  /** occurredAt minus that of the saga's first event. */
  sinceStartMs: number;
  /** How many archived copies share this eventId (a producer retried a PutEvents, say): more than 1 is worth a look. */
  copies: number;
  /**
   * True when an earlier event of the same type has the same cause: the step ran again for it, as it does when a replay
   * delivers the cause once more (graph-extraction publishes a new GraphUpdated per replay). Its hop measures the
   * wait for the replay, not the step.
   */
  rerun: boolean;
}

export interface SagaTrace {
  correlationId: string;
  steps: SagaStep[];
  /** From the first event to the last, by occurredAt. */
  totalMs: number;
}

const eventIdOf = (event: BusEvent): string => {
  const id = metadataOf(event).eventId;
  return typeof id === "string" ? id : `(no eventId) ${event.id}`;
};

/**
 * What an event is a step of: its type, and in a group turn which persona's reply (each persona's ReplyGenerated has the
 * same cause, and is not the step running again).
 */
const stepOf = (event: BusEvent): string => {
  const replyIndex = dataOf(event).replyIndex;
  return typeof replyIndex === "number" ? `${event["detail-type"]}#${replyIndex}` : event["detail-type"];
};

/**
 * Depth-first from each root (an event with no cause in the saga), roots and siblings in order of occurrence: reading
 * down the list follows the chain of cause and effect, and a branch (storage and the notifier both acting on one
 * verdict, say) shows as siblings at the same depth.
 */
export const orderSaga = (correlationId: string, events: readonly BusEvent[]): SagaTrace => {
  const byId = new Map<string, { event: BusEvent; copies: number }>();
  for (const event of events) {
    const id = eventIdOf(event);
    const known = byId.get(id);
    if (known) known.copies += 1;
    else byId.set(id, { event, copies: 1 });
  }
  const causeOf = (event: BusEvent): string | undefined => {
    const cause = metadataOf(event).causationId;
    return typeof cause === "string" ? cause : undefined;
  };
  const children = new Map<string, BusEvent[]>();
  const roots: BusEvent[] = [];
  for (const { event } of byId.values()) {
    const cause = causeOf(event);
    if (cause !== undefined && byId.has(cause) && cause !== eventIdOf(event)) children.set(cause, [...(children.get(cause) ?? []), event]);
    else roots.push(event);
  }
  const chronological = (a: BusEvent, b: BusEvent) => occurredAtOf(a) - occurredAtOf(b) || eventIdOf(a).localeCompare(eventIdOf(b));
  const all = [...byId.values()].map((v) => v.event).sort(chronological);
  const start = all[0] ? occurredAtOf(all[0]) : 0;
  const end = all.at(-1) ? occurredAtOf(all.at(-1)!) : start;

  const steps: SagaStep[] = [];
  const visited = new Set<string>();
  const visit = (event: BusEvent, depth: number, parent: BusEvent | undefined, rerun = false) => {
    const id = eventIdOf(event);
    if (visited.has(id)) return;
    visited.add(id);
    const cause = causeOf(event);
    steps.push({
      event,
      eventId: id,
      depth,
      causedBy: parent ? eventIdOf(parent) : undefined,
      missingCause: !parent && cause !== undefined && !byId.has(cause) ? cause : undefined,
      hopMs: parent ? occurredAtOf(event) - occurredAtOf(parent) : undefined,
      sinceStartMs: occurredAtOf(event) - start,
      copies: byId.get(id)?.copies ?? 1,
      rerun,
    });
    const seenSteps = new Set<string>();
    for (const child of [...(children.get(id) ?? [])].sort(chronological)) {
      const step = stepOf(child);
      const again = seenSteps.has(step);
      seenSteps.add(step);
      visit(child, depth + 1, event, again);
    }
  };
  for (const root of roots.sort(chronological)) visit(root, 0, undefined);
  // A cycle of causationIds (a bug somewhere) leaves events unvisited: list them rather than lose them.
  for (const event of all) visit(event, 0, undefined);
  return { correlationId, steps, totalMs: end - start };
};
