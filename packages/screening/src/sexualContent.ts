// Sexual requests and roleplay toward or from the persona: every user is a teen, so any of it is sexual content involving a minor.

import { compileLexiconRules, findLexiconHits, type LexiconRule } from "./lexiconPattern";
import type { PreparedText } from "./normalize";
import type { RuleHit, ScreeningDirection } from "./types";

const BODY = "(body|boobs|tits|ass|butt|dick|penis|pussy|chest|feet|bra|underwear)";
const CLOTHES = "(clothes|shirt|top|pants|bra|panties|underwear|boxers|skirt|dress|jeans)";

const RULES: readonly LexiconRule[] = [
  {
    id: "sexual_request",
    categories: ["sexual_minors"],
    input: "block",
    output: "block",
    patterns: [
      `(send|show|give|sending|showing) (me )?(some |your |a |more )?(nudes|noods|nude pics|naked pics|nude photos|naked photos|dick pics?|tit pics|boob pics|(pics?|pictures?|photos?|selfies?) of your ${BODY}|your ${BODY})`,
      "(lets|let us|can we|could we|should we|will you|would you|do you want to|want to|i want to|i want you to|we should|wanna) {adv}(have sex|sext|fuck|make out|get naked|get it on|sleep together|cuddle naked|shower together|take a shower together)",
      "(have sex|sext|make out|hook up|fuck|sleep|get naked) with (me|you)",
      `(take off|remove|strip|unbutton|unzip|pull down|pull up) (your|my) ${CLOTHES}`,
      "(strip|get naked|undress) for me",
      "talk dirty( to me)?|dirty talk|sext (me|with me)|lets sext",
      "(nsfw|erp|lewd|smut|lemon|18 plus|erotic|sexual|spicy|steamy|kinky) (roleplay|rp|story|stories|chat|pics|stuff|scene|fanfic|fic)",
      "(roleplay|rp|pretend|act like|lets play)[^.]{0,40}(sex|naked|nude|nsfw|lewd|horny|erotic|kinky|in bed together|making out)",
      "(write|tell|make|describe|give) (me )?(a |an |some )?(sex scene|smut|lemon|erotic (story|scene)|nsfw (story|scene)|sexy story|dirty story)",
      "(i m|i am|feeling|getting|you make me) {adv}(horny|wet for you|hard for you|turned on)",
      "(turn|turns|turning) me on",
      "make me (cum|wet|hard|moan)",
      // "Don't touch me" is not a request, "kiss my ass" is an insult; "he wants to touch me" is a disclosure the crisis lexicon reads too.
      `(?<!(dont|do not|never|didnt|stop|not|he|she|they|someone|somebody) )(?!kiss my (ass|butt|arse))(touch|kiss|lick|suck|grope|rub|spank|undress) (me|my ${BODY}|my (neck|lips|thighs))`,
      `(touch|kiss|lick|grope|undress|spank) (you|your ${BODY})`,
      `(how big (is|are)|size of|rate) (your|my) (dick|penis|boobs|tits|ass|body)`,
      "(rate|see) my (nudes|dick|boobs|tits)",
    ],
  },
  {
    id: "suggestive",
    categories: ["sexual"],
    // Often innocent from a teen ("what are you wearing to the dance?"); never needed from the model.
    input: "flag",
    output: "block",
    patterns: ["what (are|r) (you|u) wearing{end}", "(are|r) (you|u) (naked|wearing anything)", "(nudes|noods|horny|nsfw|sexting|sext)"],
  },
];

const COMPILED = compileLexiconRules(RULES);

// Roleplay actions between asterisks ("*kisses you*", "*moans*") lose their asterisks in the matching form; read them in the folded text.
const ROLEPLAY_ACTION =
  /\*[^*\n]{0,40}?(?<![\p{L}])(moans?|moaning|kiss(es|ing)?|lick(s|ing)?|undress(es|ing)?|strips|stripping|gropes?|caress(es|ing)?|straddl(es|ing)|unbutton(s|ing)?|unzip(s|ping)?|bites? (your|my) lip|touch(es|ing)? (you|me|your|my)|pins you|pulls you (close|closer) and kiss)[^*\n]{0,40}\*/u;

export function findSexualContent(text: PreparedText, direction: ScreeningDirection): RuleHit[] {
  const hits = findLexiconHits(text.forms, COMPILED, direction);
  const roleplay = ROLEPLAY_ACTION.exec(text.folded);
  if (roleplay) hits.push({ category: "sexual_minors", term: roleplay[0], ruleId: "sexual_minors.roleplay_action", action: "block" });
  return hits;
}
