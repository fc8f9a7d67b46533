// Writes a persona from friends' answers without a model: the words friends agree on become traits, topics and voice.
import { fitDraft, type PersonaDraft, type PersonaSynthesiser, type SynthesisInput } from "./personaDraft";

const STOP_WORDS = new Set(
  "a an and are as at be but by for from has have he her him his i if in is it its just like me my of on or our really she so that the their them they this to too very was we were what when who with you your super kinda always never about lot lots things stuff".split(" "),
);

/** Which default question feeds which part of the persona; an owner's own questions all feed the common pool. */
const ROLE_OF: Record<string, "traits" | "topics" | "style" | "values" | "pool"> = {
  three_words: "traits",
  best_quality: "traits",
  energy: "style",
  talk_style: "style",
  passions: "topics",
  cares_about: "values",
};

/** Splits an answer into the phrases a friend listed: "funny, loyal and kind" → funny / loyal / kind. */
const phrasesOf = (answer: string): string[] =>
  answer
    .toLowerCase()
    .split(/,|;|\/|\n|\band\b|\bor\b|&|\+|\.|!|\?/u)
    .map((p) => p.replace(/[^\p{L}\p{N}' -]/gu, " ").replace(/\s+/g, " ").trim())
    .map((p) => p.split(" ").filter((w, i, words) => !(STOP_WORDS.has(w) && (i === 0 || i === words.length - 1))).join(" "))
    .filter((p) => p.length >= 3 && p.split(" ").length <= 4 && !STOP_WORDS.has(p));

/** Most agreed-on first; ties alphabetically, so the same answers always make the same persona. */
const ranked = (phrases: string[], limit: number): string[] => {
  const counts = new Map<string, number>();
  for (const p of phrases) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([p]) => p);
};

const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

export const createOfflineSynthesiser = (): PersonaSynthesiser => ({
  name: "offline",
  async synthesise(input: SynthesisInput): Promise<PersonaDraft> {
    const kindOf = new Map(input.questions.map((q) => [q.id, q.kind]));
    const buckets = { traits: [] as string[], topics: [] as string[], style: [] as string[], values: [] as string[], pool: [] as string[] };
    for (const response of input.responses) {
      for (const { questionId, answer } of response.answers) {
        const role = ROLE_OF[questionId] ?? "pool";
        if (kindOf.get(questionId) === "choice") buckets.style.push(answer.toLowerCase());
        else buckets[role].push(...phrasesOf(answer));
      }
    }
    const singleWords = buckets.pool.filter((p) => !p.includes(" "));
    const traits = ranked(buckets.traits.length ? buckets.traits : singleWords, 5);
    const topics = ranked(buckets.topics.length ? buckets.topics : buckets.pool.filter((p) => p.includes(" ")), 6);
    const values = ranked(buckets.values, 3);
    const style = ranked(buckets.style, 2);
    const name = input.subjectName;
    const traitText = traits.length ? listed(traits) : "easy to be around";
    // Friends' phrases can be as long as an answer (1,000 characters): the draft keeps to the persona API's limits.
    return fitDraft({
      name,
      traits: traits.length ? traits : ["friendly"],
      topics,
      values,
      description: `${name}, as ${input.responses.length} friends describe them: ${traitText}.`,
      personality: `You are ${traitText}.${values.length ? ` You care about ${listed(values)}.` : ""}${topics.length ? ` You light up talking about ${listed(topics)}.` : ""}`,
      speakingStyle: style.length ? `You talk the way your friends know you: ${listed(style)}.` : "You talk like a good friend: warm, natural, short messages.",
    });
  },
});
