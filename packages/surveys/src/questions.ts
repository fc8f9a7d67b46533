// The questions friends answer about the survey's owner: the default set, and the shape of an owner's own.
import { z } from "zod";

export const MAX_QUESTIONS = 20;
export const MAX_CHOICES = 8;

export const questionSchema = z.discriminatedUnion("kind", [
  z.object({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), kind: z.literal("text"), text: z.string().trim().min(3).max(300) }),
  z.object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
    kind: z.literal("choice"),
    text: z.string().trim().min(3).max(300),
    options: z.array(z.string().trim().min(1).max(60)).min(2).max(MAX_CHOICES),
  }),
]);
export type SurveyQuestion = z.infer<typeof questionSchema>;

/** What the persona is built from: how they come across, what they love, how they talk, what they stand for. */
export const DEFAULT_QUESTIONS: readonly SurveyQuestion[] = [
  { id: "three_words", kind: "text", text: "Which three words describe them best?" },
  { id: "passions", kind: "text", text: "What could they talk about for hours?" },
  { id: "talk_style", kind: "choice", text: "How do they usually talk with friends?", options: ["playful and joking", "calm and thoughtful", "direct and honest", "warm and encouraging", "curious, full of questions"] },
  { id: "cares_about", kind: "text", text: "What do they care about most?" },
  { id: "best_quality", kind: "text", text: "What is the best thing about them as a friend?" },
  { id: "energy", kind: "choice", text: "What is their energy like?", options: ["chill", "hyped", "steady", "quiet until you know them"] },
];
