// Finds the user's feelings ("I'm nervous about the test", "I feel lonely") and what each is about.
import type { EntityType } from "../graph/model.js";
import { FEELINGS, WEAK_FEELINGS } from "./lexicon.js";
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import { alternation, clauseEnd, clauseStart, matchesOf } from "./textPatterns.js";

const FEELING = new RegExp(`\\b(${alternation(FEELINGS.keys())})\\b`, "g");
/**
 * What makes a feeling word the user's own: "I'm", "I feel", "feeling", "makes me", "it's" (as in "it's
 * lonely"), followed only by intensifiers. "my mom is stressed" has none, so it is not the user's feeling.
 */
const OWNER = /(?:^\s*|\bestoy|\bme\s+siento|\bi'm|\bi\s+am|\bi\s+feel|\bi\s+felt|\bfeel|\bfeeling|\bfelt|\bi\s+was|\bi've\s+been|\bi\s+have\s+been|\bbeen|\bi\s+get|\bgetting|\bmakes?\s+me|\bmade\s+me|\bit's|\bits|\bit\s+is)((?:\s+(?:so|really|very|kind\s+of|sort\s+of|lowkey|highkey|super|a\s+bit|a\s+little|pretty|extremely|totally|too|mad|hella|literally|honestly|just|still|also|always|kinda|actually|like|lately|not|no\s+longer|never|even|that|soo?|so\s+much|bien|muy|genuinely|lowkey|deadass|ngl))*)\s*$/;
const STRONG_OWNER = /\b(?:feel|feeling|felt)\b/;
const ABOUT = /^\s*(?:about|of|for|with|because\s+of|over)\s+/;
const ABOUT_TYPES: readonly EntityType[] = ["Event", "Topic", "Activity", "Person", "Place", "Thing", "Goal"];
const LOOK_BACK = 48;

/** "relieved but also scared", "tired and kinda sad": a second feeling joined to one the user already owns. */
const JOINED = /^\s*(?:and|but|&|n|or)\s+(?:also\s+|then\s+|kinda\s+|so\s+|really\s+|lowkey\s+|a\s+little\s+|a\s+bit\s+|super\s+)*$/;
/** "climate change scares me", "it stresses me out": the feeling told by what causes it. */
const CAUSED = /\b(scares|scared|terrifies|terrified|stresses|stressed|worries|worried|annoys|annoyed|upsets|upset|depresses|embarrasses|frustrates|overwhelms)\s+me\b/g;
const CAUSED_FEELING: Record<string, string> = {
  scares: "scared", scared: "scared", terrifies: "scared", terrified: "scared", stresses: "stressed", stressed: "stressed", worries: "worried",
  worried: "worried", annoys: "annoyed", annoyed: "annoyed", upsets: "upset", upset: "upset", depresses: "depressed", embarrasses: "embarrassed",
  frustrates: "frustrated", overwhelms: "overwhelmed",
};
/** "i feel so disconected": a word right after "i feel" one letter off a listed feeling is that feeling misspelled. */
const FELT_WORD = /\b(?:i\s+feel|i\s+felt|feeling|im|i'm|i\s+am)\s+(?:so\s+|really\s+|very\s+|super\s+|kinda\s+|lowkey\s+|soo+\s+|hella\s+|mad\s+|just\s+|extremely\s+)*(\p{L}{6,})\b/gu;

export function findFeelings(found: MessageFindings): void {
  findFeelingsByWord(found);
  findCausedFeelings(found);
  findMisspeltFeelings(found);
}

function findCausedFeelings(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(CAUSED, message.lower)) {
    const [start, end] = match.indices[1] ?? [0, 0];
    const name = CAUSED_FEELING[match[1] ?? ""];
    // "scared me" in the past of a moment ("that scared me") counts too; the subject is whatever came before.
    if (!name || found.isTaken(start, end) || found.entities.some((entity) => entity.type === "Feeling" && FEELINGS.get(entity.name.toLowerCase()) === name)) continue;
    found.add({ type: "Feeling", name, start, end, userEdges: [{ type: "felt_during", time: message.sentOn }] });
  }
}

/** Listed feelings long enough that one letter off is still recognisably them. */
const SPELLABLE_FEELINGS = [...FEELINGS.keys()].filter((word) => !word.includes(" ") && word.length >= 6);

function findMisspeltFeelings(found: MessageFindings): void {
  const { message } = found;
  for (const match of matchesOf(FELT_WORD, message.lower)) {
    const word = match[1] ?? "";
    const [start, end] = match.indices[1] ?? [0, 0];
    if (FEELINGS.has(word) || found.isTaken(start, end)) continue;
    const near = SPELLABLE_FEELINGS.find((feeling) => Math.abs(feeling.length - word.length) <= 1 && withinOneEdit(word, feeling));
    if (!near) continue;
    const name = FEELINGS.get(near) ?? near;
    found.add({ type: "Feeling", name, start, end, userEdges: [{ type: "felt_during", time: message.sentOn }] });
  }
}

/** One letter added, dropped or changed ("disconected", "anxous", "exausted"). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

function findFeelingsByWord(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, sentOn } = message;
  for (const match of matchesOf(FEELING, lower)) {
    const start = match.index;
    const end = start + match[0].length;
    const surface = match[0].replace(/\s+/g, " ");
    const clauseFrom = clauseStart(lower, start);
    // A teen often drops the "I'm": a feeling first in its clause ("lowkey stressed abt...", "shook.", "so excited i could
    // scream") is the user's own. Only when the look-back reaches the clause's start can "^" mean that.
    const from = Math.max(clauseFrom, start - LOOK_BACK);
    const before = lower.slice(from, start);
    const joined = !OWNER.test(from === clauseFrom ? ` ${before}` : `.${before}`) && from === clauseFrom && JOINED.test(` ${before}`) && found.entities.some((entity) => entity.type === "Feeling" && entity.end <= clauseFrom && clauseFrom - entity.end < 12);
    const owner = OWNER.exec(from === clauseFrom ? ` ${before}` : `.${before}`) ?? (joined ? ["", ""] : null);
    if (!owner) continue;
    if (WEAK_FEELINGS.has(surface) && !STRONG_OWNER.test(owner[0])) continue;
    if (found.isTaken(start, end)) continue;

    // "I'm not nervous anymore" closes the feeling; "I'm not nervous" alone says nothing to store.
    const negated = /\b(?:not|never|no\s+longer)\b/.test(owner[1] ?? "");
    const rest = lower.slice(end, clauseEnd(lower, end) + 40);
    const ended = negated && (/\bno\s+longer\b/.test(owner[1] ?? "") || /^[^.!?]*\b(?:anymore|any\s+more)\b/.test(rest));
    if (negated && !ended) continue;

    const feeling = found.add({
      type: "Feeling",
      name: text.slice(start, end),
      start,
      end,
      userEdges: [ended ? { type: "felt_during", time: sentOn, ended: true } : { type: "felt_during", time: sentOn }],
    });
    if (!ended) linkCause(found, feeling);
  }
}

/**
 * "nervous about the test", "excited for the game": the first entity after about/for/of is the cause. With
 * no such phrase, a message that names exactly one event ties the feeling to it ("a test on Friday and
 * I'm so nervous"): teens rarely repeat the event they just named.
 */
function linkCause(found: MessageFindings, feeling: EntityFinding): void {
  const { lower } = found.message;
  const about = ABOUT.exec(lower.slice(feeling.end));
  if (about) {
    const from = feeling.end + about[0].length;
    const cause = found.within(from, clauseEnd(lower, from), ABOUT_TYPES)[0];
    if (cause) {
      found.link("about", feeling, cause);
      return;
    }
  }
  const events = found.entities.filter((entity) => entity.type === "Event");
  const only = events[0];
  if (events.length === 1 && only && !about) found.link("about", feeling, only);
}
