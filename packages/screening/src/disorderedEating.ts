// Advice that feeds an eating disorder: skipping meals, calorie ceilings, purging, fasting to get thin. A companion's
// reply must never give it to a teen. A teen writing the same words is noted, not blocked: they may be describing what
// they do, which the risk layers read.

import { compileLexiconRules, findLexiconHits, type LexiconRule } from "./lexiconPattern";
import type { PreparedText } from "./normalize";
import type { RuleHit, ScreeningDirection } from "./types";

/**
 * The names pro-eating-disorder communities go by: a reply never uses them, and a persona is never written around them.
 * Each entry is plain folded words (lower case, letters and single spaces), as both readers' text is: they are joined
 * into patterns as they are, unescaped.
 */
export const PRO_EATING_DISORDER_WORDS: readonly string[] = Object.freeze(["thinspo", "thinspiration", "meanspo", "bonespo", "pro ana", "pro mia", "proana", "promia"]);

/** Restricting or purging that is harmful whatever the reason given: calorie ceilings, purging, fasting for days. */
const HARMFUL = [
  "(eat|eating) (less than|under|below|only|no more than) \\d+ (calories|cals|kcal)",
  "(under|less than|below|no more than) \\d+ (calories|cals|kcal)( a| per)? day",
  "(throw|throwing) up after (you eat|eating|meals?|dinner|lunch)",
  "make {you} (throw up|puke|vomit|sick)",
  // The matching form reads a digit 2 as "to" and 4 as "for" ("fasting for 2 days" is "fasting for to days").
  "(fast|fasting) (for )?(\\d+|to|two|three|four|for|five|six|seven|a few|several|a|one) (days|weeks?|months?)",
  "(starve|starving) {you}",
  // Not "stop eating when you feel full" nor "stop eating junk food": only eating given up altogether.
  "(stop|quit) eating (altogether|completely|entirely|for (a|to|two|three|several|a few|\\d+) (days?|weeks?))",
  "(purge|purging)( after| what you eat| your food| meals?| dinner| lunch| breakfast)",
].join("|");

/** Skipping a meal, which a reply may allow ("skip breakfast if you're not hungry") but never as a way to get thin. */
const SKIPPING = ["(skip|skipping) (a |your |the |some )?(meals?|breakfast|lunch|dinner|eating|food)", "(dont|don t|do not|not) eat (anything|lunch|dinner|breakfast|today|at all)"].join("|");

/** Urged or allowed. */
const URGE = "(you should|you could|you can|you need to|you have to|try|just|maybe|go ahead and|why not|it s fine to|its fine to|it s ok to|its ok to|it s okay to|its okay to)";

/** What restricting is said to be good for. */
const THIN =
  "(get|be|look|stay|become|getting) (thin|thinner|skinny|skinnier|smaller|lighter)|(lose|losing|drop|dropping) (the )?(weight|pounds|lbs|kilos)|you ll look (better|good|great|thinner|skinnier)";

const RULES: readonly LexiconRule[] = [
  {
    id: "disordered_eating_advice",
    categories: ["self_harm"],
    input: "flag",
    output: "block",
    patterns: [
      // Urged or allowed: "try fasting for 3 days", "it's fine to eat under 800 calories".
      `{unsaid}${URGE} {adv}(${HARMFUL})`,
      // Skipping urged as a way to get thin: "just don't eat lunch, you'll look better".
      `{unsaid}${URGE} {adv}(${SKIPPING})(?: [\\p{L}\\p{N}]+){0,6} (${THIN})`,
      // Praised: "skipping meals is a great way to get thin".
      `{unsaid}(${HARMFUL}|${SKIPPING}) (is|are|can be|works as|would be) (a |an |the )?(great|good|easy|quick|fast|best|effective|smart|solid) (way|trick|method|idea|plan|hack)`,
      // Purging or starving tied to getting thin, even unframed: "throw up after you eat to lose weight".
      `{unsaid}(${HARMFUL}) (to|so you can|so you ll|and you ll|and you will|if you want to) (${THIN})`,
      // Skipping as a way to get thin, said plainly: "skip meals to get thin" (not "some people skip dinner to lose weight").
      `{unsaid}(?<!(?:people|some|many|they|others|kids|teens|folks|who|which|often|sometimes) )(${SKIPPING}) (to|so you can|so you ll|and you ll|and you will) (${THIN})`,
      // Appetite tricks in place of a meal: "drink lots of water so you don't feel hungry and skip dinner".
      `(drink|chew) (lots of |a lot of |some )?(water|gum|coffee|diet soda|ice) (so you (dont|don t|do not|wont|won t) (feel |get )?hungry (and|then) (${SKIPPING}|skip (it|them))|instead of (eating|food|meals?|lunch|dinner|breakfast))`,
      `(${PRO_EATING_DISORDER_WORDS.join("|")})`,
    ],
  },
];

const COMPILED = compileLexiconRules(RULES);

export function findDisorderedEating(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  return findLexiconHits(text.forms, COMPILED, direction);
}
