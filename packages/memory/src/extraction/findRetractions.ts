// Finds retractions ("I quit soccer", "I'm not on the team anymore", "Jordan and I aren't friends anymore") and ends the matching edge.
import type { EntityFinding, MessageFindings } from "./MessageFindings.js";
import { clauseEnd, looksLikeName, matchesOf, tokenIndexAt } from "./textPatterns.js";

/** Leaving an activity; the object follows. */
const LEFT_ACTIVITY = [
  /\bi\s+(?:just\s+|finally\s+|officially\s+|already\s+|basically\s+)?(?:quit|stopped|dropped|gave\s+up(?:\s+on)?|got\s+cut\s+from|got\s+kicked\s+off|left)\s+(?:playing\s+|doing\s+|going\s+to\s+)?/g,
  /\bi(?:'m|\s+am)\s+(?:quitting|leaving|dropping|so\s+done\s+with|done\s+with|not\s+(?:on|in|doing|playing)|no\s+longer\s+(?:on|in|doing|playing))\s+/g,
  /\bi\s+(?:don't|do\s+not|can't|won't)\s+(?:really\s+|even\s+)?(?:play|do|go\s+to|dance|swim|draw|sing|skate)\s+/g,
  /\bi\s+no\s+longer\s+(?:play|do|go\s+to)\s+/g,
  /\bnot\s+(?:doing|playing)\s+/g,
];
/** Negated forms count only with "anymore" ("I don't play piano anymore"), else they are habits of not doing. */
const NEEDS_ANYMORE = /don't|do\s+not|can't|won't|not\s+(?:on|in|doing|playing)/;
/** Ending a friendship; a name comes before ("Jordan and I aren't friends anymore") or after ("I broke up with Liam"). */
const FRIENDSHIP_ENDED_AFTER_NAME = /^\s+and\s+(?:i|me)\s+(?:aren't|are\s+not|are\s+no\s+longer|'re\s+not|stopped\s+being|broke\s+up|don't\s+talk|do\s+not\s+talk|aren't\s+talking|stopped\s+talking|fell\s+out|had\s+a\s+falling\s+out)\b|^\s+(?:isn't|is\s+not|is\s+no\s+longer|'s\s+not)\s+my\s+(?:best\s+)?friend\b/;
const FRIENDSHIP_ENDED_BEFORE_NAME = /\bi(?:'m|\s+am)\s+not\s+friends\s+with\s+|\bi\s+(?:broke\s+up\s+with|stopped\s+talking\s+to|don't\s+talk\s+to|unfriended|blocked|unfollowed)\s+/g;

export function findRetractions(found: MessageFindings): void {
  endActivities(found);
  endFriendships(found);
}

function endActivities(found: MessageFindings): void {
  const { message } = found;
  const { text, lower, dates } = message;
  for (const pattern of LEFT_ACTIVITY) {
    for (const match of matchesOf(pattern, lower)) {
      const from = match.index + match[0].length;
      const end = clauseEnd(lower, from);
      if (NEEDS_ANYMORE.test(match[0]) && !/\b(?:anymore|any\s+more)\b/.test(lower.slice(from, end + 12))) continue;
      const target = found.within(from, end, ["Activity", "Habit", "Topic"])[0] ?? found.at(from, ["Activity"]);
      if (target) {
        endEdge(target, "involves");
        continue;
      }
      // "I quit my job": the thing left is named right after, unless it is a date ("I quit last week") or a pronoun.
      const object = /^(?:the\s+|my\s+|our\s+)?(\p{L}+(?:\s+(?:team|club|class|lessons|practice))?)/u.exec(text.slice(from, end));
      if (!object || dates.some((date) => date.start <= from && from < date.end)) continue;
      const word = (object[1] ?? "").toLowerCase();
      if (/^(?:it|that|this|them|him|her|you|school|talking|being|my|the|a|caring|trying|going|because|and|so|anymore|now|today)$/.test(word)) continue;
      // "I stopped in 8th grade", "I quit because...": only a noun can be the thing left.
      const objectToken = message.tokens[tokenIndexAt(message, from + (object[0].length - (object[1] ?? "").length))];
      if (!objectToken?.tags.has("Noun") || objectToken.tags.has("Preposition") || objectToken.tags.has("Pronoun")) continue;
      if (!/quit|stopped|dropped|gave|cut|kicked|quitting|dropping/.test(match[0])) continue;
      const nameStart = from + (object[0].length - (object[1] ?? "").length);
      const activity = found.add({ type: "Activity", name: text.slice(nameStart, from + object[0].length), start: nameStart, end: from + object[0].length, userEdges: [] });
      endEdge(activity, "involves");
    }
  }
}

function endFriendships(found: MessageFindings): void {
  const { message } = found;
  const { lower, tokens } = message;
  for (const person of found.entities.filter((entity) => entity.type === "Person")) {
    if (FRIENDSHIP_ENDED_AFTER_NAME.test(lower.slice(person.end))) endEdge(person, "relates_to");
  }
  for (const match of matchesOf(FRIENDSHIP_ENDED_BEFORE_NAME, lower)) {
    const from = match.index + match[0].length;
    const person = found.at(from, ["Person"]);
    if (person) {
      endEdge(person, "relates_to");
      continue;
    }
    const token = tokens[tokenIndexAt(message, from)];
    if (!token || !looksLikeName(token.text)) continue;
    const name = token.text.replace(/[^\p{L}'’-]+$/u, "");
    endEdge(found.add({ type: "Person", name, start: token.start, end: token.start + name.length, userEdges: [{ type: "mentions" }] }), "relates_to");
  }
}

/** Replaces the finding's open edge of that label with a closed one, so the graph closes what it had. */
export function endEdge(entity: EntityFinding, type: "involves" | "relates_to"): void {
  const label = entity.type === "Topic" ? "mentions" : type;
  entity.userEdges = [...entity.userEdges.filter((edge) => edge.type !== label), { type: label, ended: true }];
  if (type === "relates_to") entity.attributes.relation ??= "friend";
}
