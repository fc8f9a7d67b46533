// The shape every persona record must have, as a zod schema with its TypeScript type inferred from it.
import { z } from "zod";

/** `{topic}` marks where the offline model puts the subject it picked up from the user's message. */
const TOPIC = "{topic}";

const sentence = z.string().trim().min(2).max(240);
const question = sentence.refine((text) => text.endsWith("?"), { message: "a follow-up must be a question" });
const withTopic = sentence.refine((text) => text.includes(TOPIC), { message: `a template must contain ${TOPIC}` });
const withTopicQuestion = question.refine((text) => text.includes(TOPIC), { message: `a template must contain ${TOPIC}` });

/**
 * Phrases the offline model assembles replies from. Real models never see these; they read `voice`.
 * Kept per persona so offline replies sound like the persona a teen picked, not one generic bot.
 */
export const PersonaStyleSchema = z.object({
  /** First sentence of a reply. */
  openers: z.array(sentence).min(2),
  /** Openers for a bare greeting ("hi", "hey"), where reflecting a topic back would sound odd. */
  greetings: z.array(sentence.refine((text) => !text.endsWith("?"), { message: "the follow-up asks the question" })).min(1),
  /** Reflect the user's topic back; each contains `{topic}`. */
  reflections: z.array(withTopic).min(2),
  /** Reflections for when no topic could be picked out of the message. */
  plainReflections: z.array(sentence).min(1),
  /** Lines that make the persona recognisable; used in some replies, not all. */
  signaturePhrases: z.array(sentence).min(1),
  /** Follow-up questions about the topic; each contains `{topic}` and ends with "?". */
  followUps: z.array(withTopicQuestion).min(2),
  /** Follow-up questions for when no topic was found. */
  plainFollowUps: z.array(question).min(1),
  /** Emoji the persona may use; empty means the persona never uses emoji. */
  emoji: z.array(z.string().min(1).max(8)),
});

export const PersonaModelSettingsSchema = z.object({
  /**
   * The model to ask first, by the name the endpoint knows; the configured fallback chain still follows it.
   * Absent: the configured chain as it is. The offline model ignores it.
   */
  model: z.string().min(1).max(100).optional(),
  temperature: z.number().min(0).max(2),
  /** Upper bound on reply length; replies are meant to be a few sentences, so keep this small. */
  maxTokens: z.number().int().min(16).max(2048),
});

export const PersonaSchema = z.object({
  /** Stable id used on the wire (`start_session {personaId}`) and in storage: a built-in's name, or a uuid. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
  /** At most 60 characters as a person counts them (an emoji is one), as the persona API counts a name. */
  displayName: z
    .string()
    .trim()
    .min(1)
    .refine((value) => [...value].length <= 60, "at most 60 characters"),
  /** One line a client can show in a persona picker. */
  tagline: z.string().trim().max(2000),
  /**
   * Who wrote `voice`. Operator text (the built-ins) is an instruction; user text (personas people make) is
   * a description the prompt fences as data, so it cannot talk the model out of the shared boundaries.
   */
  authoredBy: z.enum(["operator", "user"]),
  /** The text that gives the persona its character. */
  voice: z.string().trim().min(1),
  /**
   * The persona's own rules, on top of the shared boundaries the prompt builder always appends (and which a
   * persona can neither remove nor reorder); rendered into the system prompt as hard rules.
   */
  boundaries: z.array(z.string().trim().min(10)),
  style: PersonaStyleSchema,
  model: PersonaModelSettingsSchema,
});

export type Persona = z.infer<typeof PersonaSchema>;
export const TOPIC_PLACEHOLDER = TOPIC;
