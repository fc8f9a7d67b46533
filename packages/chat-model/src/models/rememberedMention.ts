// The offline model's memory: reads the context block from the system prompt and, when a remembered fact bears on the turn, asks about it.
import type { BaseMessage } from "@langchain/core/messages";
import { CONTEXT_CLOSE, CONTEXT_OPEN } from "../prompt/contextSection.js";
import { pick } from "./deterministicRandom.js";

/** A fact from the context block the reply may refer to. */
export interface RememberedFact {
  kind: "upcoming" | "past-event" | "person" | "goal";
  /** As the user would hear it: "your mom", "chemistry test", "Maya", "make the varsity soccer team". */
  name: string;
  /** "today", "tomorrow", "in 3 days" for an upcoming event, when the block says so. */
  when?: string;
}

/** Line shapes written by the context builder's phrasing (packages/memory/src/context/phrasing.ts). */
const UPCOMING = /^Upcoming: (.+) on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?(?: \(([^)]+)\))?$/;
const PAST_EVENT = /^Past event: (.+) on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?$/;
const PERSON = /^Person: (.+?)(?: \([^)]*\))?$/;
const GOAL = /^Goal: (.+)$/;

/** Words too common to say a person or an event came up again. */
const COMMON = new Set(["the", "a", "my", "your", "their", "test", "day", "class", "friend", "best"]);

/** The remembered facts the context block in the system prompt holds, in its order (most salient first). */
export function rememberedFacts(messages: readonly BaseMessage[]): RememberedFact[] {
  const system = messages.find((message) => message.type === "system")?.text ?? "";
  const open = system.indexOf(CONTEXT_OPEN);
  const close = system.indexOf(CONTEXT_CLOSE);
  if (open === -1 || close < open) return [];
  const facts: RememberedFact[] = [];
  for (const raw of system.slice(open + CONTEXT_OPEN.length, close).split("\n")) {
    const line = raw.replace(/^- /, "").trim();
    const yours = (name: string) => name.replace(/^their\b/i, "your");
    let match: RegExpExecArray | null;
    if ((match = UPCOMING.exec(line))) facts.push({ kind: "upcoming", name: yours(match[1] ?? ""), ...(match[2] ? { when: match[2] } : {}) });
    else if ((match = PAST_EVENT.exec(line))) facts.push({ kind: "past-event", name: yours(match[1] ?? "") });
    else if ((match = PERSON.exec(line))) facts.push({ kind: "person", name: yours(match[1] ?? "") });
    else if ((match = GOAL.exec(line))) facts.push({ kind: "goal", name: match[1] ?? "" });
  }
  return facts.filter((fact) => fact.name.length > 0);
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** The user's message names the fact again: a distinctive word of its name appears in it. */
function isNamedIn(fact: RememberedFact, userMessage: string): boolean {
  const said = new Set(words(userMessage));
  return words(fact.name).some((word) => word.length > 2 && !COMMON.has(word) && said.has(word));
}

/** The reply already asked about it earlier in this session: once per session per fact is enough. */
function alreadyRaised(fact: RememberedFact, messages: readonly BaseMessage[]): boolean {
  const name = fact.name.toLowerCase();
  return messages.some((message) => message.type === "ai" && message.text.toLowerCase().includes(name));
}

/**
 * The fact that bears on this turn, if any: one the user names again, else, on the session's first reply, the most
 * salient event or goal (an event coming up or just past is what a friend would ask about on seeing you again). A fact
 * the persona already raised in this session is left alone.
 */
export function factBearingOnTurn(messages: readonly BaseMessage[], userMessage: string): RememberedFact | undefined {
  const facts = rememberedFacts(messages).filter((fact) => !alreadyRaised(fact, messages));
  const named = facts.find((fact) => isNamedIn(fact, userMessage));
  if (named) return named;
  const firstReply = !messages.some((message) => message.type === "ai");
  if (!firstReply) return undefined;
  return facts.find((fact) => fact.kind === "upcoming" || fact.kind === "past-event") ?? facts.find((fact) => fact.kind === "goal");
}

const the = (name: string) => (/^(?:your|the)\b/i.test(name) || /^\p{Lu}/u.test(name) ? name : `the ${name}`);

/** One natural sentence about the fact, in second person. */
export function mentionOf(fact: RememberedFact, random: () => number): string {
  switch (fact.kind) {
    case "past-event":
      return pick([`How did ${the(fact.name)} go?`, `Wait, how did ${the(fact.name)} go?`, `I've been wondering how ${the(fact.name)} went.`], random);
    case "upcoming":
      return fact.when === "today" || fact.when === "tomorrow"
        ? pick([`Isn't ${the(fact.name)} ${fact.when}? How are you feeling about it?`, `${capitalise(the(fact.name))} is ${fact.when}, right? How are you feeling?`], random)
        : pick([`How's it going getting ready for ${the(fact.name)}?`, `Is ${the(fact.name)} still coming up? How are you feeling about it?`], random);
    case "goal":
      return pick([`Last time you said you wanted to ${fact.name}. How's that going?`, `How's it going with wanting to ${fact.name}?`], random);
    case "person":
      return pick([`How are things with ${fact.name}?`, `${capitalise(fact.name)} came up last time too. How are things with them?`], random);
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
