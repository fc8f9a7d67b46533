// Compiles our own lexicon patterns (crisis, harassment, sexual requests) into regexes over the matching form, with shared macros.

import { RegexPrefilter, requiredLiterals } from "./regexPrefilter";
import type { RuleHit, SafetyAction, SafetyCategory, ScreeningDirection } from "./types";

// Raw regex spliced in after spaces become optional; their own spaces stay literal because the matching form has single spaces.
const MACROS: Readonly<Record<string, string>> = {
  "{me}": "(?:my ?self|meself|mysef|mself)",
  "{you}": "(?:your ?self|yourslef|yo ?self)",
  // The games teens name when dying or killing is play ("died in minecraft"): the crisis lexicon's exceptions list them often.
  "{video_games}": "minecraft|fortnite|roblox",
  "{adv}":
    "(?:(?:really|just|honestly|literally|lowkey|highkey|actually|kinda|kind of|sort of|so|seriously|genuinely|sometimes|still|even|truly|fr|ngl|deadass|definitely|totally|probably|legit|all|often|always) )*",
  // Spanish fillers and adverbs between a verb and its object ("quiero de verdad morirme"); "ya" reads as "you" after slang expansion.
  "{esadv}": "(?:(?:realmente|solo|de verdad|neta|literal|literalmente|en serio|ya|you|tanto|mucho|a veces|simplemente|nomas|no mas|tipo) )*",
  // Teens rarely punctuate: a clause also ends before filler ("lol", "tbh"), a time word, or a new "i ...".
  "{end}":
    "(?= ?(?:\\.|$)| (?:lol|lmao|lmfao|tbh|fr|ngl|honestly|rn|right now|idk|tho|though|any more|any longer|no more|not even a joke|not a joke|no joke|not joking|im not joking|for real|tonight|today|again|last night|yesterday|this week|lately|recently|every day|everyday|last year|last month|a while ago|years ago|months ago|since|when|after|at night|because|i|im|i m|and i|but i|so i)(?![\\p{L}\\p{N}]))",
  // Words aimed at "you" that are negated or reported ("you're not worthless", "if anyone says you're ugly",
  // "please don't kill yourself") are what a good reply says; the rule must not fire on them.
  "{unsaid}":
    "(?<!(?<![\\p{L}\\p{N}])(?:not|never|nobody|no one|isnt|wasnt|doesnt|dont|do not|didnt|wont|cant|stop|said|says|say|saying|told|tells|tell|telling|called|calls|call|calling|if|when|whenever|like|who|whoever)(?: [\\p{L}\\p{N}]+){0,2} )",
};

/**
 * Turns a lexicon pattern into a regex over the matching form (normalize.ts): a space stands for an
 * optional space ("kill myself" also finds "killmyself"), macros are expanded, and only whole words match.
 */
export function compileLexiconPattern(source: string): RegExp {
  let body = source.replace(/ /g, " ?");
  for (const [name, expansion] of Object.entries(MACROS)) body = body.replaceAll(name, expansion);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, "u");
}

/**
 * A lexicon's patterns compiled once, with the literals each needs (regexPrefilter.ts), so a message is
 * read for all the literals in one pass and only the patterns it could match are run: most messages hold
 * none of a pattern's words, and running a few hundred regexes on each was most of the screen's time.
 */
export class CompiledLexicon<Entry extends { patterns: readonly string[] }> {
  private readonly entries: readonly { entry: Entry; first: number; regexes: readonly RegExp[] }[];
  private readonly prefilter: RegexPrefilter;

  constructor(entries: readonly Entry[]) {
    let first = 0;
    this.entries = entries.map((entry) => {
      const compiled = { entry, first, regexes: entry.patterns.map(compileLexiconPattern) };
      first += compiled.regexes.length;
      return compiled;
    });
    // Every space of a pattern is optional in its regex, so the literals are looked for with spaces ignored.
    const options = { ignoreSpaces: true };
    this.prefilter = new RegexPrefilter(
      this.entries.flatMap(({ regexes }) => regexes.map((regex) => requiredLiterals(regex.source, options))),
      options,
    );
  }

  /**
   * Each entry's first match, in entry order, for the entries that match: the forms in order and, within a
   * form, the entry's patterns in order. One match per entry is enough to act on and to audit.
   */
  firstMatches(forms: readonly string[]): { entry: Entry; match: RegExpExecArray }[] {
    const may = forms.map((form) => this.prefilter.mayMatch(form));
    const out: { entry: Entry; match: RegExpExecArray }[] = [];
    for (const { entry, first, regexes } of this.entries) {
      const match = firstMatch(forms, may, first, regexes);
      if (match !== undefined) out.push({ entry, match });
    }
    return out;
  }
}

function firstMatch(forms: readonly string[], may: readonly Uint8Array[], first: number, regexes: readonly RegExp[]): RegExpExecArray | undefined {
  for (let f = 0; f < forms.length; f += 1) {
    const mayInForm = may[f] as Uint8Array;
    for (let r = 0; r < regexes.length; r += 1) {
      if (mayInForm[first + r] !== 1) continue;
      const match = (regexes[r] as RegExp).exec(forms[f] as string);
      if (match) return match;
    }
  }
  return undefined;
}

/** A rule of our own lexicons that acts the same for every match: what it is, and what it calls for from a teen and from the model. */
export interface LexiconRule {
  /** Stable, part of every match's ruleId. */
  id: string;
  categories: readonly SafetyCategory[];
  input: SafetyAction;
  output: SafetyAction;
  patterns: readonly string[];
}

export function compileLexiconRules(rules: readonly LexiconRule[]): CompiledLexicon<LexiconRule> {
  return new CompiledLexicon(rules);
}

export function findLexiconHits(forms: readonly string[], rules: CompiledLexicon<LexiconRule>, direction: ScreeningDirection): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const { entry: rule, match } of rules.firstMatches(forms)) {
    const action = direction === "input" ? rule.input : rule.output;
    if (action === "allow") continue;
    for (const category of rule.categories) hits.push({ category, term: match[0].trim(), ruleId: `${category}.${rule.id}`, action });
  }
  return hits;
}
