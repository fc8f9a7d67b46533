// What the learned span taggers change in a message's findings: spans the rules missed, added, and the types one tagger decides outright.
import type { EntityType } from "../../graph/model.js";
import { canonicalEntityKey } from "../canonicalEntityKey.js";
import type { EntityFinding, MessageFindings, UserEdge } from "../MessageFindings.js";
import { dateFor } from "../findEvents.js";
import { isNotAGoal, linkGoalsHolding, linkGoalToWhatItHolds } from "../findGoals.js";
import { personRole } from "../personRoles.js";
import type { MessageText } from "../readMessage.js";
import type { TaggedSpan } from "./spanTagger.js";
import type { RuleSpan } from "./tokenFeatures.js";
import { spanText } from "./spanTagger.js";
import { spansOverlap } from "../spans.js";

/** Per type, the margin over O a span needs before it joins the rules' findings (types missing here are never added). */
export type AddThresholds = Partial<Record<EntityType, number>>;

/** How far from an event's words a date may sit and still be its date: "the tryouts are next friday". */
const DATE_REACH = 40;

function userEdgeFor(type: EntityType, span: TaggedSpan, found: MessageFindings): UserEdge {
  switch (type) {
    case "Event": {
      // Dated as the rules date their events (findEvents.ts): the nearest date in its clause, else in its sentence. A
      // tagged span may hold part of its date ("the sat on saturday", "demo day dec 15"), which the rules' event words
      // never do: then the first date within reach, unless that is a season said as a time ("this summer").
      const date = dateFor(found.message, span.start, span.end, false);
      if (date) return { type: "temporal", time: date };
      const near = found.message.dates.find((mention) => mention.vague !== "name" && mention.end >= span.start - DATE_REACH && mention.start <= span.end + DATE_REACH);
      return near && !near.vague ? { type: "temporal", time: near.date } : { type: "mentions" };
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

const NEGATIONS = new Set(["not", "never", "no", "nor", "isn't", "aren't", "wasn't", "don't", "didn't", "doesn't", "ain't", "dont", "didnt", "doesnt", "isnt", "wasnt", "anymore"]);
const USER_SUBJECTS = new Set(["i", "i'm", "im", "i've", "ive", "i'd", "id", "me", "myself", "we", "we're", "were", "us"]);
const OTHER_SUBJECTS = new Set(["she", "he", "they", "she's", "he's", "they're", "shes", "hes", "theyre", "you", "you're", "youre", "u", "it", "it's", "its", "everyone", "everybody", "nobody"]);
const LINKING_VERBS = new Set(["is", "was", "seems", "seemed", "looks", "looked", "sounds", "sounded", "gets", "got", "feels", "felt", "acts", "acted", "been", "be"]);

/**
 * The rules turn some phrases down on purpose, and a span nobody took may be one of them: a feeling that is somebody
 * else's ("my mom is so stressed") or denied ("i'm not nervous"), a role that is somebody else's family ("her mom"), a
 * goal that is denied, somebody else's or a wish the rules never keep ("i don't want to go to school", "i want to die").
 * The tagger's additions pass the same tests.
 */
function isSomebodyElses(message: MessageText, span: TaggedSpan, name: string): boolean {
  const { tokens } = message;
  if (span.type === "Person") {
    const before = tokens[span.first - 1]?.lower ?? "";
    return personRole(name.toLowerCase()) !== undefined && (/^(?:her|his|their|your|ur)$/.test(before) || /'s$/.test(before));
  }
  if (span.type === "Goal" && isNotAGoal(name)) return true;
  if (span.type !== "Feeling" && span.type !== "Goal") return false;
  for (let index = span.first - 1; index >= 0; index -= 1) {
    const token = tokens[index];
    // Only the span's own sentence: a token ending the sentence before stops the look back.
    if (!token || /[.!?;]/.test(token.post)) break;
    if (NEGATIONS.has(token.lower) || token.lower.endsWith("n't")) return true;
    if (USER_SUBJECTS.has(token.lower)) return false;
    // "my goal is to…" is the user's own: only a feeling is somebody else's after a linking verb ("my mom is so stressed").
    if (OTHER_SUBJECTS.has(token.lower) || (span.type === "Feeling" && LINKING_VERBS.has(token.lower) && index > 0 && !USER_SUBJECTS.has(tokens[index - 1]?.lower ?? ""))) return true;
    if (token.sentenceStart) break;
  }
  return false;
}

/** Findings whose words may hold a shorter tagged span of another type: "soccer" in "soccer tryouts", "tiktok" in "scrolling tiktok every night". */
const HOLDERS: ReadonlySet<EntityType> = new Set(["Event", "Habit", "Goal", "Value"]);

/** A tagged span may not overlap a finding, unless it lies strictly inside a longer event, habit, goal or value of another type. */
function overlapsFinding(found: MessageFindings, span: TaggedSpan): boolean {
  return found.entities.some((entity) => {
    if (!spansOverlap(entity, span)) return false;
    const nested = HOLDERS.has(entity.type) && entity.type !== span.type && entity.start <= span.start && span.end <= entity.end && entity.end - entity.start > span.end - span.start;
    return !nested;
  });
}

/**
 * The rules keep what they found: a tagged span is added only where no finding lies, or inside a longer event, habit,
 * goal or value (which hold names and things), when no finding of its type already has its key, and only when the
 * tagger is sure enough for its type.
 */
export function addTaggedSpans(found: MessageFindings, spans: readonly TaggedSpan[], thresholds: AddThresholds): void {
  for (const span of spans) {
    const threshold = thresholds[span.type];
    if (threshold === undefined || span.margin < threshold || overlapsFinding(found, span)) continue;
    const name = spanText(found.message, span.first, span.last);
    const key = canonicalEntityKey(span.type, name);
    if (name.length < 2 || isSomebodyElses(found.message, span, name) || found.entities.some((entity) => entity.type === span.type && canonicalEntityKey(entity.type, entity.name) === key)) continue;
    const edge = userEdgeFor(span.type, span, found);
    const added = found.add({ type: span.type, name, start: span.start, end: span.end, attributes: { foundBy: "tagger", ...(edge.type === "temporal" && edge.time ? { date: edge.time } : {}) }, userEdges: [edge] });
    // A goal is about what its words hold, as the rules link theirs, whichever of the two found each side.
    if (added.type === "Goal") linkGoalToWhatItHolds(found, added);
    else linkGoalsHolding(found, added);
  }
}

/** What the rules found, as a tagger that reads them is given it (and was trained on it): type and offsets. */
export function ruleSpansOf(found: MessageFindings): RuleSpan[] {
  return found.entities.map(({ type, start, end }) => ({ type, start, end }));
}

/**
 * For the types it decides, the tagger that reads the rules' findings redraws them. Where it tags a span of a finding's
 * type over that finding under another name ("the GSA meeting" over "GSA"), and the span may be added, the span takes
 * the finding's place: its attributes, the user's edges to it (a date among them) and the links to it from feelings,
 * goals and the rest. A finding it names the same, says nothing about, or that closes a fact ("i quit soccer": the
 * tagger cannot say that) stays; so does one whose redrawn span may not be added. What it tags and no finding of its
 * type holds is added too. A span is added only when it is not somebody else's and not a wish the rules never keep as
 * a goal; unlike the other tagger's additions it needs no margin, and it may lie over a finding of another type (the
 * dev split chose this form, PROVENANCE.md). `tagged` is what that tagger tagged given the rules' own findings,
 * before any tagger added to them.
 */
export function letTaggerDecide(found: MessageFindings, tagged: readonly TaggedSpan[], types: ReadonlySet<EntityType>): void {
  const keyOf = (entity: { type: EntityType; name: string }) => `${entity.type}|${canonicalEntityKey(entity.type, entity.name)}`;
  const addable = tagged
    .filter((span) => types.has(span.type))
    .map((span) => ({ span, name: spanText(found.message, span.first, span.last) }))
    .filter(({ span, name }) => name.length >= 2 && !isSomebodyElses(found.message, span, name));
  const keysTagged = new Set(addable.map(({ span, name }) => keyOf({ type: span.type, name })));
  // A finding stays unless an addable span of its type redraws it; those that may be replaced wait to see if one is added.
  const replaceable = found.entities.filter(
    (entity) =>
      types.has(entity.type) &&
      !keysTagged.has(keyOf(entity)) &&
      !entity.userEdges.some((edge) => edge.ended) &&
      addable.some(({ span }) => span.type === entity.type && spansOverlap(span, entity)),
  );
  const staying = (entity: EntityFinding) => !replaceable.includes(entity);
  for (const { span, name } of addable) {
    const key = keyOf({ type: span.type, name });
    const held = found.entities.some((entity) => entity.type === span.type && staying(entity) && (keyOf(entity) === key || spansOverlap(entity, span)));
    if (held) continue;
    const replaced = replaceable.filter((entity) => entity.type === span.type && spansOverlap(entity, span) && found.entities.includes(entity));
    const edges = replaced.length > 0 ? distinctEdges(replaced.flatMap((entity) => entity.userEdges)) : [userEdgeFor(span.type, span, found)];
    const date = edges.find((edge) => edge.type === "temporal" && edge.time)?.time;
    const attributes = Object.assign({}, ...replaced.map((entity) => entity.attributes), { foundBy: "tagger" }, date ? { date } : {}) as Record<string, string>;
    const links = found.links.filter((link) => replaced.includes(link.from) || replaced.includes(link.to));
    for (const entity of replaced) found.remove(entity);
    const added = found.add({ type: span.type, name, start: span.start, end: span.end, attributes, userEdges: edges });
    // What pointed at the finding it replaced points at it now: "stressed about pre calc" stays about the subject.
    for (const link of links) {
      const from = replaced.includes(link.from) ? added : link.from;
      const to = replaced.includes(link.to) ? added : link.to;
      if (found.entities.includes(from) && found.entities.includes(to)) found.link(link.type, from, to, { ...(link.time ? { time: link.time } : {}), ...(link.ended ? { ended: true } : {}) });
    }
    // A goal is about what its words hold, as the rules link theirs, whichever of the two found each side.
    if (added.type === "Goal") linkGoalToWhatItHolds(found, added);
    else linkGoalsHolding(found, added);
  }
}

function distinctEdges(edges: readonly UserEdge[]): UserEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = `${edge.type}|${edge.time ?? ""}|${edge.ended ? 1 : 0}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
