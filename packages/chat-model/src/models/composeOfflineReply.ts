// Writes the offline model's reply: 2-4 persona-styled sentences that echo the user's topic and ask a follow-up.
import type { BaseMessage } from "@langchain/core/messages";
import { TOPIC_PLACEHOLDER, type Persona } from "../personas/index.js";
import { seededRandom } from "@innerworld/platform/random";
import { hashString, pick } from "./deterministicRandom.js";
import { extractTopic } from "./extractTopic.js";
import { GROUP_LINE } from "../prompt/systemPrompt.js";
import { factBearingOnTurn, mentionOf } from "./rememberedMention.js";
import { composeSpanishReply, spanishMentionOf, writesSpanish } from "./spanishReply.js";

/** A Spanish greeting and nothing else ("hola", "buenas!", "qué onda"): answered with a greeting and an open question. */
const SPANISH_GREETING_ONLY = /^(?:hola+|holi+|buenas(?:\s+(?:tardes|noches))?|buenos\s+d[ií]as|qu[eé]\s+onda|qu[eé]\s+tal)(?:\s+\p{L}+)?[\s!.?,¡¿]*$/iu;
const GREETING = /^(?:hi+|hey+|hello+|hiya|yo|sup|heya|howdy|good (?:morning|afternoon|evening))(?:\s+(?:there|again|\p{L}+))?[\s!.?,]*$/iu;

export interface OfflineReply {
  sentences: string[];
  /** The phrase echoed back, when one was found. */
  topic?: string;
  /** The remembered fact (from the context block) the reply asks about, when one bears on the turn. */
  remembered?: string;
}

/**
 * Deterministic by construction: every choice comes from a PRNG seeded with a hash of the persona id
 * and the whole conversation, so a test (or a replayed event) gets the same reply every time, while
 * different messages still get varied replies.
 */
export function composeOfflineReply(persona: Persona, messages: readonly BaseMessage[]): OfflineReply {
  const conversation = messages.map((message) => `${message.type}:${message.text}`).join("\u0000");
  const random = seededRandom(hashString(`${persona.id}\u0000${conversation}`));
  const style = persona.style;
  const userMessage = lastUserMessage(messages);

  // What the context block remembers and this turn touches is asked about instead of a generic question.
  const fact = factBearingOnTurn(messages, userMessage ?? "");
  // A teen who writes Spanish is answered in Spanish: a reply in English under a Spanish message (and above a Spanish
  // resource line) reads as if nobody listened.
  if (userMessage !== undefined && writesSpanish(userMessage)) {
    const said = fact ? spanishMentionOf(fact, random) : undefined;
    const greeting = GREETING.test(userMessage.trim()) || SPANISH_GREETING_ONLY.test(userMessage.trim());
    return { sentences: composeSpanishReply(persona.id, greeting, said, random), ...(fact ? { remembered: fact.name } : {}) };
  }
  const memory = fact ? { sentence: mentionOf(fact, random), remembered: fact.name } : undefined;

  // A bare greeting (or nothing said yet) gets a greeting and an open question: there is nothing to reflect.
  if (userMessage === undefined || GREETING.test(userMessage.trim()) || /^(?:hey|hi|yo|hello)?[\s,]*i'?m back\b/i.test(userMessage.trim())) {
    const greeting = withEmoji(pick(style.greetings, random), persona, random);
    return memory ? { sentences: [greeting, memory.sentence], remembered: memory.remembered } : { sentences: [greeting, pick(style.plainFollowUps, random)] };
  }

  const topic = extractTopic(userMessage);
  const fill = (template: string) => capitalise(agree(template, topic ?? "").replaceAll(TOPIC_PLACEHOLDER, topic ?? ""));
  const sentences = [withEmoji(pick(style.openers, random), persona, random)];
  sentences.push(topic ? fill(pick(style.reflections, random)) : pick(style.plainReflections, random));
  if (memory) {
    sentences.push(memory.sentence);
    return { sentences, ...(topic ? { topic } : {}), remembered: memory.remembered };
  }
  if (random() < 0.5) sentences.push(pick(style.signaturePhrases, random));
  sentences.push(topic ? fill(pick(style.followUps, random)) : pick(style.plainFollowUps, random));
  return topic ? { sentences, topic } : { sentences };
}

function lastUserMessage(messages: readonly BaseMessage[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    // In a group, other personas' replies come after the user's message as "Name said: ..." lines: skip them.
    if (message?.type === "human" && !GROUP_LINE.test(message.text)) return message.text;
  }
  return undefined;
}

/** Emoji-using personas end their opener with one about half the time, as people do. */
function withEmoji(sentence: string, persona: Persona, random: () => number): string {
  if (persona.style.emoji.length === 0 || random() < 0.5) return sentence;
  return `${sentence} ${pick(persona.style.emoji, random)}`;
}

/** Templates are written for a singular topic; "your parents has" must become "your parents have". */
function agree(template: string, topic: string): string {
  const head = topic.split(" ").at(-1) ?? "";
  const plural = /^\p{Ll}+s$/u.test(head) && !/(?:ss|us|is)$/.test(head);
  if (!plural) return template;
  return template.replace(new RegExp(`${escapeRegExp(TOPIC_PLACEHOLDER)} (has|is|was|sounds|matters|feels)\\b`, "g"), (_match, verb: string) => {
    return `${TOPIC_PLACEHOLDER} ${PLURAL_VERBS[verb] ?? verb}`;
  });
}

const PLURAL_VERBS: Readonly<Record<string, string>> = { has: "have", is: "are", was: "were", sounds: "sound", matters: "matter", feels: "feel" };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
