// Lets the lexicons skip regexes that cannot match: the literal text each regex needs is read from its source, and one pass over a message finds which of those literals it contains.

/**
 * What a regex node can match, as far as literals go: `exact` lists every string it can match when
 * there are few (so neighbours can be joined into longer literals); `needs` lists sets of literals
 * of which every match contains at least one, for each set (an AND of ORs).
 */
interface LiteralInfo {
  exact: string[] | undefined;
  needs: string[][];
}

// Cross products of exact sets beyond this size are not built: the parts are required separately instead.
const MAX_EXACT = 64;
// Literals this short are in nearly every message; requiring them skips nothing.
const MIN_LITERAL_LENGTH = 2;
// A regex needs at most this many sets; more would cost more to check than the regex they guard.
const MAX_NEEDS = 3;

const EMPTY: LiteralInfo = { exact: [""], needs: [] };
// A node that matches text we cannot name (a class, an escape like \p{L}, a back-reference): no literal is known.
const UNKNOWN: LiteralInfo = { exact: undefined, needs: [] };

/** The sets a node requires, its exact strings counting as one set when none of them is empty. */
function needsOf(info: LiteralInfo): string[][] {
  if (info.exact === undefined) return info.needs;
  return info.exact.includes("") ? [] : [info.exact];
}

/** How much a set of literals narrows the search: its shortest literal's length (longer literals are rarer). */
function selectivity(set: readonly string[]): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (const literal of set) shortest = Math.min(shortest, literal.length);
  return shortest;
}

function bestNeed(needs: readonly string[][]): string[] | undefined {
  let best: string[] | undefined;
  for (const set of needs) if (best === undefined || selectivity(set) > selectivity(best)) best = set;
  return best;
}

/** A set without the literals that contain another of its literals: wherever the longer occurs, so does the shorter. */
function withoutContaining(set: readonly string[]): string[] {
  return set.filter((literal) => !set.some((other) => other !== literal && literal.includes(other)));
}

function product(left: readonly string[], right: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of left) for (const b of right) out.add(a + b);
  return [...out];
}

function sequence(parts: readonly LiteralInfo[]): LiteralInfo {
  let current: string[] | undefined = [""];
  let exactThroughout = true;
  const needs: string[][] = [];
  for (const part of parts) {
    if (part.exact === undefined) {
      exactThroughout = false;
      if (current !== undefined) needs.push(...needsOf({ exact: current, needs: [] }));
      needs.push(...part.needs);
      current = [""];
      continue;
    }
    if (current !== undefined && current.length * part.exact.length <= MAX_EXACT) {
      current = product(current, part.exact);
      continue;
    }
    // Too many joined strings: what came before and this part are each required on their own.
    exactThroughout = false;
    if (current !== undefined) needs.push(...needsOf({ exact: current, needs: [] }));
    current = part.exact;
  }
  if (exactThroughout) return { exact: current, needs: [] };
  if (current !== undefined) needs.push(...needsOf({ exact: current, needs: [] }));
  return { exact: undefined, needs };
}

function alternation(branches: readonly LiteralInfo[]): LiteralInfo {
  if (branches.every((branch) => branch.exact !== undefined)) {
    const union = new Set<string>();
    for (const branch of branches) for (const literal of branch.exact ?? []) union.add(literal);
    if (union.size <= MAX_EXACT) return { exact: [...union], needs: [] };
  }
  // A match comes from one branch: it contains one of the literals some branch requires.
  const union = new Set<string>();
  for (const branch of branches) {
    const best = bestNeed(needsOf(branch));
    if (best === undefined) return UNKNOWN;
    for (const literal of best) union.add(literal);
  }
  return { exact: undefined, needs: [[...union]] };
}

function repetition(part: LiteralInfo, min: number, max: number): LiteralInfo {
  if (min === 1 && max === 1) return part;
  if (min === 0) return max === 1 && part.exact !== undefined ? { exact: [...new Set(["", ...part.exact])], needs: [] } : UNKNOWN;
  // At least one repetition: whatever one of them requires.
  return { exact: undefined, needs: needsOf(part) };
}

const QUANTIFIER = /(?:([?*+])|\{(\d+)(?:(,)(\d*))?\})\??/y;
const LOOKAROUND = /\?<?[=!]/y;
const NAMED_GROUP = /\?<[A-Za-z_$][\w$]*>/y;

/** A recursive-descent reader of the regex syntax our lexicons use, returning what each node requires. */
class SourceReader {
  private at = 0;

  constructor(private readonly source: string) {}

  read(): LiteralInfo {
    const info = this.alternation();
    if (this.at < this.source.length) throw new Error(`unexpected ${this.source[this.at]} at ${this.at} in ${this.source}`);
    return info;
  }

  /** A match of `regex` (sticky) right at the current position, or null. */
  private sticky(regex: RegExp): RegExpExecArray | null {
    regex.lastIndex = this.at;
    return regex.exec(this.source);
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private alternation(): LiteralInfo {
    const branches = [this.sequence()];
    while (this.peek() === "|") {
      this.at += 1;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] ?? EMPTY) : alternation(branches);
  }

  private sequence(): LiteralInfo {
    const parts: LiteralInfo[] = [];
    while (this.at < this.source.length && this.peek() !== "|" && this.peek() !== ")") parts.push(this.quantified());
    return sequence(parts);
  }

  private quantified(): LiteralInfo {
    const atom = this.atom();
    const quantifier = this.sticky(QUANTIFIER);
    if (quantifier === null) return atom;
    this.at += quantifier[0].length;
    const [, symbol, low, comma, high] = quantifier;
    if (symbol === "?") return repetition(atom, 0, 1);
    if (symbol === "*") return repetition(atom, 0, Number.POSITIVE_INFINITY);
    if (symbol === "+") return repetition(atom, 1, Number.POSITIVE_INFINITY);
    const min = Number(low);
    const max = comma === undefined ? min : high === "" ? Number.POSITIVE_INFINITY : Number(high);
    return repetition(atom, min, max);
  }

  private atom(): LiteralInfo {
    const char = this.source[this.at] ?? "";
    this.at += 1;
    switch (char) {
      case "(":
        return this.group();
      case "[":
        return this.characterClass();
      case "\\":
        return this.escape();
      case ".":
        return UNKNOWN;
      case "^":
      case "$":
        return EMPTY;
      default:
        return { exact: [char], needs: [] };
    }
  }

  private group(): LiteralInfo {
    // Lookarounds match no text: they only narrow where a match may be, so they require nothing.
    const lookaround = this.sticky(LOOKAROUND);
    const named = this.sticky(NAMED_GROUP);
    if (lookaround !== null) this.at += lookaround[0].length;
    else if (named !== null) this.at += named[0].length;
    else if (this.source.startsWith("?:", this.at)) this.at += 2;
    const inner = this.alternation();
    if (this.peek() !== ")") throw new Error(`unclosed group in ${this.source}`);
    this.at += 1;
    return lookaround !== null ? EMPTY : inner;
  }

  private characterClass(): LiteralInfo {
    let body = "";
    while (this.at < this.source.length && this.peek() !== "]") {
      if (this.peek() === "\\") {
        body += this.source.slice(this.at, this.at + 2);
        this.at += 2;
      } else {
        body += this.peek();
        this.at += 1;
      }
    }
    this.at += 1;
    // A plain list of characters ("[abd]") is a set of one-letter strings; ranges, negation and escapes are not named.
    if (body.length === 0 || body.startsWith("^") || /[-\\]/.test(body)) return UNKNOWN;
    return { exact: [...new Set(body)], needs: [] };
  }

  private escape(): LiteralInfo {
    const char = this.source[this.at] ?? "";
    this.at += 1;
    if (char === "p" || char === "P") {
      const close = this.source.indexOf("}", this.at);
      this.at = close + 1;
      return UNKNOWN;
    }
    if (char === "b" || char === "B") return EMPTY;
    if (char === "k") {
      this.at = this.source.indexOf(">", this.at) + 1;
      return UNKNOWN;
    }
    if (/[dDwWsS0-9]/.test(char)) return UNKNOWN;
    if (char === "u" || char === "x" || char === "c") return UNKNOWN;
    if (char === "n") return { exact: ["\n"], needs: [] };
    if (char === "r") return { exact: ["\r"], needs: [] };
    if (char === "t") return { exact: ["\t"], needs: [] };
    if (char === "f" || char === "v") return UNKNOWN;
    return { exact: [char], needs: [] };
  }
}

/**
 * Sets of literals such that every match of the regex (a case-sensitive source) contains a member of
 * each set; empty when nothing is known, and then the regex must always be run. With `ignoreSpaces`
 * the literals are given without their spaces, to be looked for in a text with its spaces ignored
 * (LiteralFinder): fewer, and still never missing a match.
 */
export function requiredLiterals(source: string, options: { ignoreSpaces?: boolean } = {}): string[][] {
  const squeeze = (set: readonly string[]) => (options.ignoreSpaces === true ? [...new Set(set.map((literal) => literal.replaceAll(" ", "")))] : [...set]);
  const needs = needsOf(new SourceReader(source).read())
    .map(squeeze)
    .filter((set) => selectivity(set) >= MIN_LITERAL_LENGTH)
    .map(withoutContaining)
    .sort((a, b) => selectivity(b) - selectivity(a));
  return needs.slice(0, MAX_NEEDS);
}

/**
 * Finds which of a fixed list of literals occur in a text (with `ignoreSpaces`, the text's spaces skipped) in one pass: an
 * Aho-Corasick automaton with a dense transition table over the literals' own characters (any other
 * character sends it back to the start).
 */
export class LiteralFinder {
  // Each character's column in the table: ASCII through an array, the rest through a map; 0 for a character no literal holds.
  private readonly asciiSymbols = new Int32Array(128);
  private readonly otherSymbols = new Map<number, number>();
  private readonly width: number;
  private readonly next: Int32Array;
  // The literal that ends at each state (-1 for none), and the nearest state down its failure chain that ends one (0 for none).
  private readonly ending: Int32Array;
  private readonly endingBelow: Int32Array;

  private readonly skipSpaces: boolean;

  /** `literals`: distinct, none empty (nor, with `ignoreSpaces`, holding a space); a literal's id is its index. */
  constructor(literals: readonly string[], options: { ignoreSpaces?: boolean } = {}) {
    this.skipSpaces = options.ignoreSpaces === true;
    let symbols = 0;
    for (const literal of literals) {
      if (literal.length === 0 || (this.skipSpaces && literal.includes(" "))) throw new Error(`a literal must be non-empty${this.skipSpaces ? " and without spaces" : ""}: ${JSON.stringify(literal)}`);
      for (let i = 0; i < literal.length; i += 1) if (this.symbolOf(literal.charCodeAt(i)) === 0) this.setSymbol(literal.charCodeAt(i), (symbols += 1));
    }
    this.width = symbols + 1;

    // The trie of the literals.
    const edges: Map<number, number>[] = [new Map()];
    const ending: number[] = [-1];
    literals.forEach((literal, id) => {
      let state = 0;
      for (let i = 0; i < literal.length; i += 1) {
        const symbol = this.symbolOf(literal.charCodeAt(i));
        const from = edges[state] as Map<number, number>;
        let target = from.get(symbol);
        if (target === undefined) {
          target = edges.length;
          edges.push(new Map());
          ending.push(-1);
          from.set(symbol, target);
        }
        state = target;
      }
      if (ending[state] !== -1) throw new Error(`literal ${JSON.stringify(literal)} given twice`);
      ending[state] = id;
    });

    // Breadth first: each state's failure link, and every missing transition filled in from it.
    const states = edges.length;
    this.next = new Int32Array(states * this.width);
    this.ending = Int32Array.from(ending);
    this.endingBelow = new Int32Array(states);
    const failure = new Int32Array(states);
    const queue: number[] = [];
    for (const [symbol, target] of edges[0] as Map<number, number>) {
      this.next[symbol] = target;
      queue.push(target);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] as number;
      const fail = failure[state] as number;
      if (state !== 0) this.endingBelow[state] = (this.ending[fail] as number) >= 0 ? fail : (this.endingBelow[fail] as number);
      const row = state * this.width;
      const failRow = fail * this.width;
      for (let symbol = 0; symbol < this.width; symbol += 1) this.next[row + symbol] = this.next[failRow + symbol] as number;
      for (const [symbol, target] of edges[state] as Map<number, number>) {
        this.next[row + symbol] = target;
        failure[target] = state === 0 ? 0 : (this.next[failRow + symbol] as number);
        queue.push(target);
      }
    }
  }

  private symbolOf(code: number): number {
    return code < 128 ? (this.asciiSymbols[code] as number) : (this.otherSymbols.get(code) ?? 0);
  }

  private setSymbol(code: number, symbol: number): void {
    if (code < 128) this.asciiSymbols[code] = symbol;
    else this.otherSymbols.set(code, symbol);
  }

  /** Calls found(id) for each occurrence of a literal in text. */
  find(text: string, found: (id: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 32 && this.skipSpaces) continue;
      state = this.next[state * this.width + this.symbolOf(code)] as number;
      for (let at = (this.ending[state] as number) >= 0 ? state : (this.endingBelow[state] as number); at > 0; at = this.endingBelow[at] as number) {
        found(this.ending[at] as number);
      }
    }
  }
}

/**
 * Tells, for each of a list of regexes, whether a text could hold a match: every one of the regex's
 * literal sets (requiredLiterals) has a literal in the text. One pass over the text answers for all.
 */
export class RegexPrefilter {
  private readonly finder: LiteralFinder;
  // For each literal, the ids of the sets it belongs to; for each regex, the ids of the sets it needs.
  private readonly setsOfLiteral: Int32Array[];
  private readonly setsOfRegex: Int32Array[];
  private readonly setCount: number;

  /** `needs`: for each regex, its requiredLiterals (with the same `ignoreSpaces`). */
  constructor(needs: readonly (readonly (readonly string[])[])[], private readonly options: { ignoreSpaces?: boolean } = {}) {
    const literalIds = new Map<string, number>();
    const setIds = new Map<string, number>();
    const setsOfLiteral: number[][] = [];
    const idOfSet = (set: readonly string[]): number => {
      const key = [...set].sort().join("\u0000");
      let id = setIds.get(key);
      if (id !== undefined) return id;
      id = setIds.size;
      setIds.set(key, id);
      for (const literal of new Set(set)) {
        let literalId = literalIds.get(literal);
        if (literalId === undefined) {
          literalId = literalIds.size;
          literalIds.set(literal, literalId);
          setsOfLiteral.push([]);
        }
        setsOfLiteral[literalId]?.push(id);
      }
      return id;
    };
    this.setsOfRegex = needs.map((sets) => Int32Array.from(sets, idOfSet));
    this.finder = new LiteralFinder([...literalIds.keys()], options);
    this.setsOfLiteral = setsOfLiteral.map((sets) => Int32Array.from(sets));
    this.setCount = setIds.size;
  }

  /** Which regexes could match text: mayMatch[i] is 1 for regex i unless the text lacks every literal of one of its sets. */
  mayMatch(text: string): Uint8Array {
    const satisfied = new Uint8Array(this.setCount);
    this.finder.find(text, (literal) => {
      for (const set of this.setsOfLiteral[literal] as Int32Array) satisfied[set] = 1;
    });
    const may = new Uint8Array(this.setsOfRegex.length);
    for (let regex = 0; regex < may.length; regex += 1) may[regex] = allSatisfied(this.setsOfRegex[regex] as Int32Array, satisfied) ? 1 : 0;
    return may;
  }

  /** Whether any of the regexes could match text. */
  anyMayMatch(text: string): boolean {
    return this.mayMatch(text).includes(1);
  }
}

function allSatisfied(sets: Int32Array, satisfied: Uint8Array): boolean {
  for (let i = 0; i < sets.length; i += 1) if (satisfied[sets[i] as number] !== 1) return false;
  return true;
}
