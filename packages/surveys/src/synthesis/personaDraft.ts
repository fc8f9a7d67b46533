// What a synthesiser makes of friends' answers: the persona's traits, voice and topics, before it is saved.
import { z } from "zod";
import type { SurveyLanguage } from "../questions";

/** The persona API's own limits (POST /personas), so a drafted persona is one a person could have written. */
const DRAFT_LIMITS = { name: 60, text: 2000, trait: 40, traits: 8, topic: 60, topics: 10, value: 60, values: 5 } as const;

export const personaDraftSchema = z.object({
  name: z.string().min(1).max(DRAFT_LIMITS.name),
  description: z.string().min(1).max(DRAFT_LIMITS.text),
  personality: z.string().min(1).max(DRAFT_LIMITS.text),
  speakingStyle: z.string().min(1).max(DRAFT_LIMITS.text),
  traits: z.array(z.string().min(1).max(DRAFT_LIMITS.trait)).min(1).max(DRAFT_LIMITS.traits),
  topics: z.array(z.string().min(1).max(DRAFT_LIMITS.topic)).max(DRAFT_LIMITS.topics),
  values: z.array(z.string().min(1).max(DRAFT_LIMITS.value)).max(DRAFT_LIMITS.values),
});
export type PersonaDraft = z.infer<typeof personaDraftSchema>;

/**
 * Cuts text to at most `max` UTF-16 units (the draft schema's count, never more than the persona API's), whole
 * characters only, so an emoji is never cut in two; at the last space when there is one in its second half, so words
 * stay whole.
 */
const clipText = (text: string, max: number): string => {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = "";
  for (const character of trimmed) {
    if (cut.length + character.length > max) break;
    cut += character;
  }
  const space = cut.lastIndexOf(" ");
  return (space > cut.length / 2 ? cut.slice(0, space) : cut).trim();
};

const clipList = (items: readonly string[], max: number, count: number): string[] =>
  items.map((item) => clipText(item, max)).filter((item) => item.length > 0).slice(0, count);

/**
 * A draft within the limits: a friend's long phrase or a model's long trait is shortened, an empty one left out, rather
 * than the whole persona refused for it. What still does not fit (an empty personality) is left for the schema to refuse.
 */
export const fitDraft = (draft: PersonaDraft): PersonaDraft => ({
  name: clipText(draft.name, DRAFT_LIMITS.name),
  description: clipText(draft.description, DRAFT_LIMITS.text),
  personality: clipText(draft.personality, DRAFT_LIMITS.text),
  speakingStyle: clipText(draft.speakingStyle, DRAFT_LIMITS.text),
  traits: clipList(draft.traits, DRAFT_LIMITS.trait, DRAFT_LIMITS.traits),
  topics: clipList(draft.topics, DRAFT_LIMITS.topic, DRAFT_LIMITS.topics),
  values: clipList(draft.values, DRAFT_LIMITS.value, DRAFT_LIMITS.values),
});

export interface SynthesisInput {
  subjectName: string;
  /** The language the survey asked in, and the persona is written in (absent: English). */
  language?: SurveyLanguage;
  questions: readonly { id: string; text: string; kind: "text" | "choice" }[];
  /** Each respondent's answers, already screened; never an answer safety dropped. */
  responses: readonly { answers: readonly { questionId: string; answer: string }[] }[];
}

export interface PersonaSynthesiser {
  /** `offline` or the model's name: recorded on the event so analysts know what wrote a persona. */
  readonly name: string;
  /** `signal` aborts the work (the invocation's time is running out); the draft is within personaDraftSchema. */
  synthesise(input: SynthesisInput, options?: { signal?: AbortSignal }): Promise<PersonaDraft>;
}
