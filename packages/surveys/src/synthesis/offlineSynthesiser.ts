// Writes a persona from friends' answers without a model: the words friends agree on become traits, topics and voice.
import type { SurveyLanguage } from "../questions";
import { fitDraft, type PersonaDraft, type PersonaSynthesiser, type SynthesisInput } from "./personaDraft";

const STOP_WORDS: Record<SurveyLanguage, Set<string>> = {
  en: new Set(
    "a an and are as at be but by for from has have he her him his i if in is it its just like me my of on or our really she so that the their them they this to too very was we were what when who with you your super kinda always never about lot lots things stuff".split(" "),
  ),
  es: new Set(
    "a al algo con de del el ella ellos en es esta está este la las le les lo los me mi mis muy más o para pero por que se ser sin su sus te tan todo un una unas uno unos y ya siempre nunca cosas súper super bien mucho mucha".split(" "),
  ),
};

/** Where one listed phrase ends and the next begins: punctuation, and the words that join a list in each language. */
const LIST_BREAKS: Record<SurveyLanguage, RegExp> = {
  en: /,|;|\/|\n|\band\b|\bor\b|&|\+|\.|!|\?/u,
  es: /,|;|\/|\n|(?<![\p{L}])(?:y|e|o|u|ni)(?![\p{L}])|&|\+|\.|!|\?|¡|¿/u,
};

/** The persona's own words, in the survey's language. */
const WORDS: Record<SurveyLanguage, { and: string; noTraits: string; trait: string; described(name: string, friends: number, traits: string): string; personality(traits: string, values: string, topics: string): string; style(listed: string): string; plainStyle: string }> = {
  en: {
    and: "and",
    noTraits: "easy to be around",
    trait: "friendly",
    described: (name, friends, traits) => `${name}, as ${friends} friends describe them: ${traits}.`,
    personality: (traits, values, topics) => `You are ${traits}.${values ? ` You care about ${values}.` : ""}${topics ? ` You light up talking about ${topics}.` : ""}`,
    style: (listed) => `You talk the way your friends know you: ${listed}.`,
    plainStyle: "You talk like a good friend: warm, natural, short messages.",
  },
  es: {
    and: "y",
    noTraits: "alguien con quien es fácil estar",
    trait: "amigable",
    described: (name, friends, traits) => `${name}, según ${friends} amistades: ${traits}.`,
    personality: (traits, values, topics) => `Eres ${traits}.${values ? ` Te importa ${values}.` : ""}${topics ? ` Te encanta hablar de ${topics}.` : ""}`,
    style: (listed) => `Hablas como te conocen tus amigos: ${listed}.`,
    plainStyle: "Hablas como una buena amistad: con cariño, con naturalidad y con mensajes cortos.",
  },
};

/** Which default question feeds which part of the persona; an owner's own questions all feed the common pool. */
const ROLE_OF: Record<string, "traits" | "topics" | "style" | "values" | "pool"> = {
  three_words: "traits",
  best_quality: "traits",
  energy: "style",
  talk_style: "style",
  passions: "topics",
  cares_about: "values",
};

/** Splits an answer into the phrases a friend listed: "funny, loyal and kind" → funny / loyal / kind; "el fútbol y la música" → fútbol / música. */
const phrasesOf = (answer: string, language: SurveyLanguage): string[] => {
  const stop = STOP_WORDS[language];
  return answer
    .toLowerCase()
    .split(LIST_BREAKS[language])
    .map((p) => p.replace(/[^\p{L}\p{N}' -]/gu, " ").replace(/\s+/g, " ").trim())
    .map((p) => p.split(" ").filter((w, i, words) => !(stop.has(w) && (i === 0 || i === words.length - 1))).join(" "))
    .filter((p) => p.length >= 3 && p.split(" ").length <= 4 && !stop.has(p));
};

/** Most agreed-on first; ties alphabetically, so the same answers always make the same persona. */
const ranked = (phrases: string[], limit: number): string[] => {
  const counts = new Map<string, number>();
  for (const p of phrases) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([p]) => p);
};

const listed = (items: readonly string[], and: string) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`);

export const createOfflineSynthesiser = (): PersonaSynthesiser => ({
  name: "offline",
  async synthesise(input: SynthesisInput): Promise<PersonaDraft> {
    const language = input.language ?? "en";
    const words = WORDS[language];
    const kindOf = new Map(input.questions.map((q) => [q.id, q.kind]));
    const buckets = { traits: [] as string[], topics: [] as string[], style: [] as string[], values: [] as string[], pool: [] as string[] };
    for (const response of input.responses) {
      for (const { questionId, answer } of response.answers) {
        const role = ROLE_OF[questionId] ?? "pool";
        if (kindOf.get(questionId) === "choice") buckets.style.push(answer.toLowerCase());
        else buckets[role].push(...phrasesOf(answer, language));
      }
    }
    const singleWords = buckets.pool.filter((p) => !p.includes(" "));
    const traits = ranked(buckets.traits.length ? buckets.traits : singleWords, 5);
    const topics = ranked(buckets.topics.length ? buckets.topics : buckets.pool.filter((p) => p.includes(" ")), 6);
    const values = ranked(buckets.values, 3);
    const style = ranked(buckets.style, 2);
    const name = input.subjectName;
    const traitText = traits.length ? listed(traits, words.and) : words.noTraits;
    // Friends' phrases can be as long as an answer (1,000 characters): the draft keeps to the persona API's limits.
    return fitDraft({
      name,
      traits: traits.length ? traits : [words.trait],
      topics,
      values,
      description: words.described(name, input.responses.length, traitText),
      personality: words.personality(traitText, listed(values, words.and), listed(topics, words.and)),
      speakingStyle: style.length ? words.style(listed(style, words.and)) : words.plainStyle,
    });
  },
});
