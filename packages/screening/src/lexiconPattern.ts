// Compiles our own lexicon patterns (crisis, harassment, sexual requests) into regexes over the matching form, with shared macros.

import type { RuleHit, SafetyAction, SafetyCategory, ScreeningDirection } from "./types";

// Raw regex spliced in after spaces become optional; their own spaces stay literal because the matching form has single spaces.
const MACROS: Readonly<Record<string, string>> = {
  "{me}": "(?:my ?self|meself|mysef|mself)",
  "{you}": "(?:your ?self|yourslef|yo ?self)",
  "{adv}":
    "(?:(?:really|just|honestly|literally|lowkey|highkey|actually|kinda|kind of|sort of|so|seriously|genuinely|sometimes|still|even|truly|fr|ngl|deadass|definitely|totally|probably|legit|all|often|always) )*",
  // Spanish fillers and adverbs between a verb and its object ("quiero de verdad morirme"); "ya" reads as "you" after slang expansion.
  "{esadv}": "(?:(?:realmente|solo|de verdad|neta|literal|literalmente|en serio|ya|you|tanto|mucho|a veces|simplemente|nomas|no mas|tipo) )*",
  // Teens rarely punctuate: a clause also ends before filler ("lol", "tbh"), a time word, or a new "i ...".
  "{end}":
    "(?= ?(?:\\.|$)| (?:lol|lmao|lmfao|tbh|fr|ngl|honestly|rn|right now|idk|tho|though|any more|any longer|no more|tonight|today|again|last night|yesterday|this week|lately|recently|every day|everyday|last year|last month|a while ago|years ago|months ago|since|when|after|at night|because|i|im|i m|and i|but i|so i)(?![\\p{L}\\p{N}]))",
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

/** The first match of any regex in any form, or undefined: one match per rule is enough to act on and to audit. */
export function firstLexiconMatch(forms: readonly string[], regexes: readonly RegExp[]): RegExpExecArray | undefined {
  for (const form of forms) {
    for (const regex of regexes) {
      const match = regex.exec(form);
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

export interface CompiledLexiconRule {
  rule: LexiconRule;
  regexes: readonly RegExp[];
}

export function compileLexiconRules(rules: readonly LexiconRule[]): CompiledLexiconRule[] {
  return rules.map((rule) => ({ rule, regexes: rule.patterns.map(compileLexiconPattern) }));
}

export function findLexiconHits(forms: readonly string[], rules: readonly CompiledLexiconRule[], direction: ScreeningDirection): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const { rule, regexes } of rules) {
    const match = firstLexiconMatch(forms, regexes);
    if (match === undefined) continue;
    const action = direction === "input" ? rule.input : rule.output;
    if (action === "allow") continue;
    for (const category of rule.categories) hits.push({ category, term: match[0].trim(), ruleId: `${category}.${rule.id}`, action });
  }
  return hits;
}
