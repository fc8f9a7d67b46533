// Adds what the learned span tagger finds and the rules missed to a message's findings, with the edge the user has to each type.
import type { EntityType } from "../../graph/model.js";
import { canonicalEntityKey } from "../canonicalEntityKey.js";
import type { MessageFindings, UserEdge } from "../MessageFindings.js";
import type { SpanTagger, TaggedSpan } from "./spanTagger.js";
import { spanText } from "./trainSpanTagger.js";

/** Per type, the margin over O a span needs before it joins the rules' findings (types missing here are never added). */
export type AddThresholds = Partial<Record<EntityType, number>>;

/** How far from an event's words a date may sit and still be its date: "the tryouts are next friday". */
const DATE_REACH = 40;

function userEdgeFor(type: EntityType, span: TaggedSpan, found: MessageFindings): UserEdge {
  switch (type) {
    case "Event": {
      const date = found.message.dates.find((mention) => mention.end >= span.start - DATE_REACH && mention.start <= span.end + DATE_REACH);
      return date ? { type: "temporal", time: date.date } : { type: "mentions" };
    }
    case "Activity":
    case "Habit":
      return { type: "involves" };
    case "Goal":
    case "Value":
      return { type: "supports" };
    case "Feeling":
      return { type: "felt_during", time: found.message.sentOn };
    default:
      return { type: "mentions" };
  }
}

/**
 * The rules keep what they found: a tagged span is added only where no finding lies (a habit's finding covers its verb)
 * and no finding of its type already has its key, and only when the tagger is sure enough for its type.
 */
export function addTaggedSpans(found: MessageFindings, tagger: SpanTagger, thresholds: AddThresholds): void {
  for (const span of tagger.tag(found.message)) {
    const threshold = thresholds[span.type];
    if (threshold === undefined || span.margin < threshold || found.isTaken(span.start, span.end)) continue;
    const name = spanText(found.message, span.first, span.last);
    const key = canonicalEntityKey(span.type, name);
    if (name.length < 2 || found.entities.some((entity) => entity.type === span.type && canonicalEntityKey(entity.type, entity.name) === key)) continue;
    const edge = userEdgeFor(span.type, span, found);
    found.add({ type: span.type, name, start: span.start, end: span.end, attributes: { foundBy: "tagger", ...(edge.type === "temporal" && edge.time ? { date: edge.time } : {}) }, userEdges: [edge] });
  }
}
