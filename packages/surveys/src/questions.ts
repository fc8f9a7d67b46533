// The questions friends answer about the survey's owner: the default set, and the shape of an owner's own.
import { replyLanguage } from "@innerworld/screening/replies";
import { z } from "zod";
import { isPlainLine, NOT_TEXT_REASON } from "./plainText";

export const MAX_QUESTIONS = 20;
export const MAX_CHOICES = 8;

const questionText = z.string().trim().min(3).max(300).refine(isPlainLine, NOT_TEXT_REASON);

export const questionSchema = z.discriminatedUnion("kind", [
  z.object({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), kind: z.literal("text"), text: questionText }),
  z.object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
    kind: z.literal("choice"),
    text: questionText,
    options: z.array(z.string().trim().min(1).max(60).refine(isPlainLine, NOT_TEXT_REASON)).min(2).max(MAX_CHOICES),
  }),
]);
export type SurveyQuestion = z.infer<typeof questionSchema>;

/** The languages a survey's own words (default questions, the friend's page, the thanks, the persona drafted) come in. */
export const SURVEY_LANGUAGES = ["en", "es"] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];

/** The language of the first tag of an Accept-Language header ("es-MX,es;q=0.9,en;q=0.8" → es); English otherwise. */
export const surveyLanguageOf = (acceptLanguage: string | undefined): SurveyLanguage => replyLanguage(acceptLanguage?.split(",")[0]);

/** What the persona is built from: how they come across, what they love, how they talk, what they stand for. */
export const DEFAULT_QUESTIONS: readonly SurveyQuestion[] = [
  { id: "three_words", kind: "text", text: "Which three words describe them best?" },
  { id: "passions", kind: "text", text: "What could they talk about for hours?" },
  { id: "talk_style", kind: "choice", text: "How do they usually talk with friends?", options: ["playful and joking", "calm and thoughtful", "direct and honest", "warm and encouraging", "curious, full of questions"] },
  { id: "cares_about", kind: "text", text: "What do they care about most?" },
  { id: "best_quality", kind: "text", text: "What is the best thing about them as a friend?" },
  { id: "energy", kind: "choice", text: "What is their energy like?", options: ["chill", "hyped", "steady", "quiet until you know them"] },
];

/**
 * The same questions, under the same ids (the persona is built from them by id), for friends who write Spanish, worded
 * so that they fit a person of any gender: the options become the persona's own speaking style ("Hablas …").
 */
const DEFAULT_QUESTIONS_ES: readonly SurveyQuestion[] = [
  { id: "three_words", kind: "text", text: "¿Con qué tres palabras describirías a esta persona?" },
  { id: "passions", kind: "text", text: "¿De qué podría hablar durante horas?" },
  { id: "talk_style", kind: "choice", text: "¿Cómo suele hablar con sus amigos?", options: ["con bromas y mucha chispa", "con calma, pensando lo que dice", "sin rodeos y con sinceridad", "con cariño, dando ánimos", "con curiosidad, preguntando de todo"] },
  { id: "cares_about", kind: "text", text: "¿Qué es lo que más le importa?" },
  { id: "best_quality", kind: "text", text: "¿Qué es lo mejor de su amistad?" },
  { id: "energy", kind: "choice", text: "¿Cómo es su energía?", options: ["relajada", "a tope", "constante", "tranquila hasta que hay confianza"] },
];

export const defaultQuestionsFor = (language: SurveyLanguage): readonly SurveyQuestion[] => (language === "es" ? DEFAULT_QUESTIONS_ES : DEFAULT_QUESTIONS);
