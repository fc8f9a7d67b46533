// Compiles EventBridge event patterns once and matches events against them with AWS's semantics (as event-ruler implements them).

/**
 * Thrown for every pattern AWS would refuse with InvalidEventPatternException.
 * The message uses AWS's own wording so a client sees what it would see against the real service.
 */
export class InvalidEventPatternError extends Error {
  override readonly name = "InvalidEventPatternException";
  readonly code = "InvalidEventPatternException";
  /** The part after "Reason: ", for callers that build their own message. */
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Event pattern is not valid. Reason: ${reason}`, options);
    this.reason = reason;
  }
}

/** A value the flattened event can hold at a leaf: objects and arrays are never leaves. */
type Leaf = string | number | boolean | null;

/** One comparison from a pattern's value list; a field matches when any of its tests accepts any of its values. */
type ValueTest = (value: Leaf) => boolean;

/** Everything one branch of the pattern asks of one flattened field path. */
interface FieldRule {
  readonly path: string;
  readonly tests: readonly ValueTest[];
  /** True when the list holds `{"exists": false}`: an absent field satisfies the rule. */
  readonly matchesAbsent: boolean;
}

/** Where a value sits among the event's arrays, innermost array first; undefined outside any array. */
interface ArrayPosition {
  readonly array: number;
  readonly index: number;
  readonly outer: ArrayPosition | undefined;
}

interface Occurrence {
  readonly value: Leaf;
  readonly position: ArrayPosition | undefined;
}

/**
 * The compiled form. Patterns are reduced to branches (one per `$or` alternative) of rules on dotted paths,
 * because AWS flattens both pattern and event: `{"a": {"b": ...}}` and `{"a.b": ...}` name the same field.
 */
class CompiledPattern {
  readonly #branches: readonly (readonly FieldRule[])[];
  /** Every path a rule names, plus each of their dot-boundary prefixes: lets flattening skip irrelevant subtrees. */
  readonly #walkablePaths: ReadonlySet<string>;
  readonly #leafPaths: ReadonlySet<string>;

  constructor(branches: readonly (readonly FieldRule[])[]) {
    this.#branches = branches;
    const walkable = new Set<string>();
    const leaves = new Set<string>();
    for (const branch of branches) {
      for (const rule of branch) {
        leaves.add(rule.path);
        walkable.add(rule.path);
        for (let dot = rule.path.indexOf("."); dot !== -1; dot = rule.path.indexOf(".", dot + 1)) {
          walkable.add(rule.path.slice(0, dot));
        }
      }
    }
    this.#walkablePaths = walkable;
    this.#leafPaths = leaves;
  }

  static matches(pattern: CompiledPattern, event: unknown): boolean {
    const fields = pattern.#flatten(event);
    return pattern.#branches.some((branch) => branchMatches(branch, fields));
  }

  #flatten(event: unknown): Map<string, Occurrence[]> {
    const fields = new Map<string, Occurrence[]>();
    if (!isPlainObject(event)) return fields;
    let nextArrayId = 0;
    const walkable = this.#walkablePaths;
    const leafPaths = this.#leafPaths;

    const visit = (node: unknown, path: string, position: ArrayPosition | undefined): void => {
      if (Array.isArray(node)) {
        // Each array gets its own id so values from different elements of the same array can be told apart.
        const array = nextArrayId++;
        node.forEach((element: unknown, index) => visit(element, path, { array, index, outer: position }));
      } else if (isPlainObject(node)) {
        for (const [key, child] of Object.entries(node)) {
          const childPath = `${path}.${key}`;
          if (walkable.has(childPath)) visit(child, childPath, position);
        }
      } else if (leafPaths.has(path) && isLeaf(node)) {
        const list = fields.get(path);
        const occurrence = { value: node, position };
        if (list) list.push(occurrence);
        else fields.set(path, [occurrence]);
      }
    };

    for (const [key, child] of Object.entries(event)) {
      if (walkable.has(key)) visit(child, key, undefined);
    }
    return fields;
  }
}

/** Opaque: made by compileEventPattern, read only by matchesEventPattern. */
export type CompiledEventPattern = CompiledPattern;

/** Parses (when given JSON text) and validates a pattern; throws InvalidEventPatternError for anything AWS rejects. */
export function compileEventPattern(pattern: string | unknown): CompiledEventPattern {
  let parsed: unknown = pattern;
  if (typeof pattern === "string") {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!isPlainObject(parsed)) throw new InvalidEventPatternError("Filter is not an object");

  const branches: Map<string, FieldRule>[] = [new Map()];
  compileObject(parsed, undefined, branches, false);
  return new CompiledPattern(branches.map((branch) => [...branch.values()]));
}

/** Whether the event (the parsed JSON object, as EventBridge delivers it) matches the compiled pattern. */
export function matchesEventPattern(pattern: CompiledEventPattern, event: unknown): boolean {
  return CompiledPattern.matches(pattern, event);
}

/** Compile and match in one call, like the TestEventPattern API; compile once instead when matching many events. */
export function testEventPattern(pattern: string | unknown, event: unknown): boolean {
  return matchesEventPattern(compileEventPattern(pattern), event);
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

function branchMatches(branch: readonly FieldRule[], fields: ReadonlyMap<string, Occurrence[]>): boolean {
  // Rules whose every matching value sits inside arrays; they must agree on which array element they came from.
  let constrained: Occurrence[][] | undefined;
  for (const rule of branch) {
    const occurrences = fields.get(rule.path);
    if (!occurrences) {
      if (rule.matchesAbsent) continue;
      return false;
    }
    const candidates = occurrences.filter((occurrence) => rule.tests.some((test) => test(occurrence.value)));
    if (candidates.length === 0) return false;
    // A value outside every array is compatible with any other choice, so the rule needs no further thought.
    if (candidates.some((candidate) => candidate.position === undefined)) continue;
    (constrained ??= []).push(candidates);
  }
  if (!constrained || constrained.length < 2) return true;
  // AWS matches fields of an array of objects element by element: {"a":[{"b":1,"c":2},{"b":3,"c":4}]} does not
  // match {"a":{"b":[1],"c":[4]}}. Search for one candidate per rule that are pairwise consistent, fewest first.
  constrained.sort((left, right) => left.length - right.length);
  return chooseConsistent(constrained, 0, []);
}

function chooseConsistent(rules: readonly Occurrence[][], index: number, chosen: ArrayPosition[]): boolean {
  const candidates = rules[index];
  if (!candidates) return true;
  for (const candidate of candidates) {
    const position = candidate.position as ArrayPosition;
    if (chosen.every((other) => positionsAgree(position, other))) {
      chosen.push(position);
      if (chooseConsistent(rules, index + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}

/** Two values are compatible unless they come from different elements of the same array. */
function positionsAgree(left: ArrayPosition, right: ArrayPosition): boolean {
  for (let a: ArrayPosition | undefined = left; a; a = a.outer) {
    for (let b: ArrayPosition | undefined = right; b; b = b.outer) {
      if (a.array === b.array && a.index !== b.index) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Compiling the pattern's structure

/** Field names ruler reserves for operators; AWS refuses them as field names inside `$or`. */
const RESERVED_IN_OR = new Set([
  "exactly",
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);

/**
 * Walks one pattern object, writing rules into every current branch. `$or` forks the branches: each alternative
 * gets a copy of what was collected so far, and later keys apply to all of them (AND distributes over OR).
 * A path named twice in a branch keeps the last list, as AWS does.
 */
function compileObject(
  node: Record<string, unknown>,
  parentPath: string | undefined,
  branches: Map<string, FieldRule>[],
  insideOr: boolean,
): void {
  const entries = Object.entries(node);
  if (entries.length === 0) throw new InvalidEventPatternError("Empty objects are not allowed");
  for (const [key, value] of entries) {
    if (key === "$or") {
      compileOr(value, parentPath, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw new InvalidEventPatternError(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    const path = parentPath === undefined ? key : `${parentPath}.${key}`;
    if (Array.isArray(value)) {
      const rule = compileValueList(path, value);
      for (const branch of branches) branch.set(path, rule);
    } else if (isPlainObject(value)) {
      compileObject(value, path, branches, insideOr);
    } else {
      throw new InvalidEventPatternError(`"${key}" must be an object or an array`);
    }
  }
}

function compileOr(value: unknown, parentPath: string | undefined, branches: Map<string, FieldRule>[]): void {
  if (!Array.isArray(value)) throw new InvalidEventPatternError("It must be an Array followed with $or.");
  if (!value.every(isPlainObject)) {
    throw new InvalidEventPatternError("Only JSON object is allowed in array of $or relationship.");
  }
  if (value.length < 2) throw new InvalidEventPatternError("There must have at least 2 Objects in $or relationship.");
  const before = branches.splice(0, branches.length);
  for (const alternative of value) {
    const forked = before.map((branch) => new Map(branch));
    compileObject(alternative, parentPath, forked, true);
    branches.push(...forked);
  }
}

function compileValueList(path: string, values: readonly unknown[]): FieldRule {
  if (values.length === 0) throw new InvalidEventPatternError("Empty arrays are not allowed");
  const tests: ValueTest[] = [];
  let matchesAbsent = false;
  for (const value of values) {
    if (isPlainObject(value)) {
      const compiled = compileMatchExpression(value);
      if (compiled === ABSENT) matchesAbsent = true;
      else tests.push(compiled);
    } else if (isLeaf(value)) {
      tests.push(exactTest(value));
    } else {
      throw new InvalidEventPatternError("Match value must be String, number, true, false, or null");
    }
  }
  return { path, tests, matchesAbsent };
}

/** Marker for `{"exists": false}`, which is about the field's absence rather than any value. */
const ABSENT = Symbol("absent");

function compileMatchExpression(expression: Record<string, unknown>): ValueTest | typeof ABSENT {
  const keys = Object.keys(expression);
  const operator = keys[0];
  if (operator === undefined) throw new InvalidEventPatternError("Match expression name not found");
  if (keys.length > 1) throw new InvalidEventPatternError("Only one key allowed in match expression");
  const operand = expression[operator];
  switch (operator) {
    case "prefix":
      return compileAffix("prefix", operand);
    case "suffix":
      return compileAffix("suffix", operand);
    case "equals-ignore-case": {
      if (typeof operand !== "string") {
        throw new InvalidEventPatternError("equals-ignore-case match pattern must be a string");
      }
      const folded = foldCase(operand);
      return (value) => typeof value === "string" && foldCase(value) === folded;
    }
    case "wildcard": {
      if (typeof operand !== "string") throw new InvalidEventPatternError("wildcard match pattern must be a string");
      const segments = parseWildcard(operand);
      return (value) => typeof value === "string" && wildcardMatches(segments, value);
    }
    case "anything-but":
      return compileAnythingBut(operand);
    case "numeric":
      return compileNumeric(operand);
    case "exists":
      if (typeof operand !== "boolean") {
        throw new InvalidEventPatternError("exists match pattern must be either true or false.");
      }
      return operand ? () => true : ABSENT;
    case "cidr":
      return compileCidr(operand);
    default:
      // Operators are case-sensitive: "NUMERIC" or "EXISTS" are unknown, not aliases.
      throw new InvalidEventPatternError(`Unrecognized match type ${operator}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Value tests

function exactTest(expected: Leaf): ValueTest {
  if (typeof expected === "string") {
    // AWS compares an IP-address literal as an address, so "2001:db8::1" also matches "2001:0db8:0:0:0:0:0:1".
    const address = parseIpAddress(expected);
    if (address) {
      return (value) =>
        value === expected || (typeof value === "string" && sameAddress(address, parseIpAddress(value)));
    }
  }
  // Numbers compare by value (300 matches 300.0 and 3.0e2); types never mix ("300" is not 300).
  return (value) => value === expected;
}

function compileAffix(operator: "prefix" | "suffix", operand: unknown): ValueTest {
  const test = operator === "prefix" ? startsWith : endsWith;
  if (typeof operand === "string") {
    // An empty prefix or suffix is allowed and matches every string (unlike inside anything-but).
    return (value) => typeof value === "string" && test(value, operand);
  }
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    if (inner === "equals-ignore-case" && keys.length === 1) {
      const text = operand[inner];
      if (typeof text !== "string") throw new InvalidEventPatternError("equals-ignore-case match pattern must be a string");
      const folded = foldCase(text);
      return (value) => typeof value === "string" && test(foldCase(value), folded);
    }
    if (keys.length > 1) throw new InvalidEventPatternError("Only one key allowed in match expression");
    throw new InvalidEventPatternError(`Unsupported ${operator} pattern: ${inner ?? ""}`);
  }
  throw new InvalidEventPatternError(`${operator} match pattern must be a string`);
}

/**
 * anything-but matches every present value (null, booleans and other types included) that is not excluded;
 * a missing field never matches. String exclusions only exclude strings, number exclusions only numbers.
 */
function compileAnythingBut(operand: unknown): ValueTest {
  if (typeof operand === "string") return (value) => value !== operand;
  if (isFiniteNumber(operand)) return (value) => value !== operand;
  if (Array.isArray(operand)) return compileAnythingButList(operand);
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    if (inner === undefined) throw new InvalidEventPatternError("Anything-But expression name not found");
    if (keys.length > 1) throw new InvalidEventPatternError("Only one key allowed in match expression");
    const innerOperand = operand[inner];
    switch (inner) {
      case "prefix":
      case "suffix": {
        const affixes = anythingButStrings(innerOperand, "prefix/suffix match pattern must be a string");
        if (affixes.some((affix) => affix === "")) throw new InvalidEventPatternError("Null prefix/suffix not allowed");
        const test = inner === "prefix" ? startsWith : endsWith;
        return (value) => !(typeof value === "string" && affixes.some((affix) => test(value, affix)));
      }
      case "equals-ignore-case": {
        const excluded = new Set(
          anythingButStrings(
            innerOperand,
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
          ).map(foldCase),
        );
        return (value) => !(typeof value === "string" && excluded.has(foldCase(value)));
      }
      case "wildcard": {
        const patterns = anythingButStrings(innerOperand, "wildcard match pattern must be a string").map(parseWildcard);
        return (value) => !(typeof value === "string" && patterns.some((segments) => wildcardMatches(segments, value)));
      }
      default:
        throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${inner}`);
    }
  }
  throw new InvalidEventPatternError("Value of anything-but must be an array or single string/number value.");
}

function compileAnythingButList(list: readonly unknown[]): ValueTest {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const item of list) {
    if (typeof item === "string") strings.add(item);
    else if (isFiniteNumber(item)) numbers.add(item);
    else throw new InvalidEventPatternError("Inside anything but list, start|null|boolean is not supported.");
  }
  if ((strings.size > 0) === (numbers.size > 0)) {
    throw new InvalidEventPatternError(
      "Inside anything but list, either all values are number or string, mixed type is not supported",
    );
  }
  // Set lookup uses SameValueZero, so 300 and 300.0 are one number here too.
  if (numbers.size > 0) return (value) => !(typeof value === "number" && numbers.has(value));
  return (value) => !(typeof value === "string" && strings.has(value));
}

/** The operand of anything-but's prefix/suffix/equals-ignore-case/wildcard: one string or a non-empty list of them. */
function anythingButStrings(operand: unknown, typeError: string): string[] {
  if (typeof operand === "string") return [operand];
  if (Array.isArray(operand)) {
    if (operand.length === 0) throw new InvalidEventPatternError("Empty arrays are not allowed");
    if (!operand.every((item): item is string => typeof item === "string")) throw new InvalidEventPatternError(typeError);
    return operand;
  }
  if (isPlainObject(operand)) {
    // e.g. {"anything-but": {"prefix": {"equals-ignore-case": ...}}}: AWS does not nest that far.
    throw new InvalidEventPatternError("Value of anything-but must be an array or single string/number value.");
  }
  throw new InvalidEventPatternError(typeError);
}

/** `["<", 5]`, `["=", 3]`, or a range that opens with > / >= and closes with < / <=. Event values must be JSON numbers. */
function compileNumeric(operand: unknown): ValueTest {
  if (!Array.isArray(operand)) throw new InvalidEventPatternError("Value of numeric must be an array.");
  const [operator, bound, secondOperator, secondBound] = operand as unknown[];
  if (operator === undefined) throw new InvalidEventPatternError("Invalid member in numeric match: ]");
  if (typeof operator !== "string") {
    throw new InvalidEventPatternError(`Invalid member in numeric match: ${JSON.stringify(operator)}`);
  }
  const requireNumber = (candidate: unknown, name: string): number => {
    if (!isFiniteNumber(candidate)) throw new InvalidEventPatternError(`Value of ${name} must be numeric`);
    return candidate;
  };
  const tooMany = (): never => {
    throw new InvalidEventPatternError("Too many elements in numeric expression");
  };

  switch (operator) {
    case "=": {
      const target = requireNumber(bound, "equals");
      if (operand.length > 2) tooMany();
      return (value) => typeof value === "number" && value === target;
    }
    case "<":
    case "<=": {
      const top = requireNumber(bound, operator);
      if (operand.length > 2) tooMany();
      return operator === "<"
        ? (value) => typeof value === "number" && value < top
        : (value) => typeof value === "number" && value <= top;
    }
    case ">":
    case ">=": {
      const bottom = requireNumber(bound, operator);
      const aboveBottom: (value: number) => boolean = operator === ">" ? (v) => v > bottom : (v) => v >= bottom;
      if (operand.length === 2) return (value) => typeof value === "number" && aboveBottom(value);
      if (typeof secondOperator !== "string") {
        throw new InvalidEventPatternError(`Bad value in numeric range: ${JSON.stringify(secondOperator)}`);
      }
      if (secondOperator !== "<" && secondOperator !== "<=") {
        throw new InvalidEventPatternError(`Bad numeric range operator: ${secondOperator}`);
      }
      const top = requireNumber(secondBound, secondOperator);
      if (operand.length > 4) throw new InvalidEventPatternError("Too many terms in numeric range expression");
      if (!(bottom < top)) throw new InvalidEventPatternError("Bottom must be less than top");
      const belowTop: (value: number) => boolean = secondOperator === "<" ? (v) => v < top : (v) => v <= top;
      return (value) => typeof value === "number" && aboveBottom(value) && belowTop(value);
    }
    default:
      throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${operator}`);
  }
}

function compileCidr(operand: unknown): ValueTest {
  // AWS's wording for a non-string cidr operand really does say "prefix".
  if (typeof operand !== "string") throw new InvalidEventPatternError("prefix match pattern must be a string");
  const parts = operand.split("/");
  const [addressText, maskText] = parts;
  if (parts.length !== 2 || addressText === undefined || maskText === undefined) {
    throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  }
  if (!/^\d{1,3}$/.test(maskText)) throw new InvalidEventPatternError("Malformed CIDR, mask bits must be an integer");
  const network = parseIpAddress(addressText);
  if (!network) throw new InvalidEventPatternError(`Nonstandard IP address: ${addressText}`);
  const maskBits = Number(maskText);
  if (maskBits > network.length * 8) {
    throw new InvalidEventPatternError(`Malformed CIDR, mask bits must be between 0 and ${network.length * 8}`);
  }
  const fullBytes = maskBits >> 3;
  const partialMask = (0xff << (8 - (maskBits & 7))) & 0xff;
  return (value) => {
    if (typeof value !== "string") return false;
    const address = parseIpAddress(value);
    if (!address || address.length !== network.length) return false;
    for (let i = 0; i < fullBytes; i++) if (address[i] !== network[i]) return false;
    if (partialMask === 0) return true;
    // Host bits in the pattern's address are ignored, as a network prefix should be.
    return ((address[fullBytes] ?? 0) & partialMask) === ((network[fullBytes] ?? 0) & partialMask);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Wildcards

/** Above this, AWS answers "Rule is too complex"; see wildcardComplexity. */
const MAX_WILDCARD_COMPLEXITY = 10;
const TOO_COMPLEX =
  "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/**
 * Splits a wildcard on its unescaped `*`: the literal text between them, in order. `\*` is a literal star and
 * `\\` a literal backslash; any other backslash, and `**`, are errors as in AWS.
 */
function parseWildcard(text: string): string[] {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "*") {
      if (text[i + 1] === "*") throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i}`);
      segments.push(current);
      current = "";
    } else if (char === "\\") {
      const next = text[i + 1];
      if (next !== "*" && next !== "\\") throw new InvalidEventPatternError(`Invalid escape character at pos ${i}`);
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  segments.push(current);
  if (segments.length > 1 && wildcardComplexity(segments) > MAX_WILDCARD_COMPLEXITY) {
    throw new InvalidEventPatternError(TOO_COMPLEX);
  }
  return segments;
}

/**
 * AWS rejects wildcards that are costly to match but does not publish its limit; its guidance names many
 * wildcards and text that repeats after a wildcard. Both raise one quantity, which we measure: the most pattern
 * positions a single input can keep alive at once in the pattern's automaton. The limit sits between the docs'
 * too-complex example `*:*:*:*:*:event-bus/*` (12) and the repeated-path example
 * `/Users/*\/dir/dir/dir/dir/dir/doc.txt` (8), which AWS accepts.
 *
 * Once an input has passed every segment, every star stays alive, and so does the start of the segment after it.
 * On top of that, a position inside segment S is alive when that prefix of S ends the input. So the worst input
 * ends with some proper prefix P of a segment, and adds one position for every segment prefix that is a suffix
 * of P: a sum along P's Aho-Corasick failure chain over the segments' prefixes. Linear in the pattern's length.
 */
function wildcardComplexity(segments: readonly string[]): number {
  // The first segment is anchored at the start of the value, so it is dead by the time any star is alive.
  const floating = segments.slice(1);
  const alwaysAlive = floating.length + floating.filter((segment) => segment !== "").length;

  // Trie of the segments' proper, non-empty prefixes; weight = how many segments have that prefix.
  const children: Map<string, number>[] = [new Map()];
  const weight: number[] = [0];
  for (const segment of floating) {
    let node = 0;
    for (let i = 0; i < segment.length - 1; i++) {
      const char = segment[i] as string;
      const edges = children[node] as Map<string, number>;
      let next = edges.get(char);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        weight.push(0);
        edges.set(char, next);
      }
      node = next;
      weight[node] = (weight[node] ?? 0) + 1;
    }
  }

  // Breadth-first, so a node's failure link (its longest proper suffix in the trie) is final before its children.
  const failure: number[] = new Array<number>(children.length).fill(0);
  const alive: number[] = new Array<number>(children.length).fill(0);
  let worst = 0;
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const [char, child] of children[node] as Map<string, number>) {
      let fallback = node === 0 ? undefined : failure[node];
      let link = 0;
      while (fallback !== undefined) {
        const candidate = (children[fallback] as Map<string, number>).get(char);
        if (candidate !== undefined) {
          link = candidate;
          break;
        }
        fallback = fallback === 0 ? undefined : failure[fallback];
      }
      failure[child] = link;
      alive[child] = (weight[child] ?? 0) + (alive[link] ?? 0);
      worst = Math.max(worst, alive[child] ?? 0);
      queue.push(child);
    }
  }
  return alwaysAlive + worst;
}

/** Glob match without backtracking: anchor the first and last segments, then find the middle ones left to right. */
function wildcardMatches(segments: readonly string[], value: string): boolean {
  const first = segments[0] ?? "";
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1] ?? "";
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  const limit = value.length - last.length;
  let from = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] ?? "";
    const at = value.indexOf(segment, from);
    if (at === -1 || at + segment.length > limit) return false;
    from = at + segment.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// IP addresses

/** 4 bytes for IPv4, 16 for IPv6; undefined when the text is neither. */
function parseIpAddress(text: string): Uint8Array | undefined {
  return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? "";
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(16);
  let groupsText = text;
  let groupLimit = 8;
  // An embedded IPv4 tail (::ffff:10.0.0.1) fills the last four bytes.
  if (text.includes(".")) {
    const lastColon = text.lastIndexOf(":");
    const tail = parseIpv4(text.slice(lastColon + 1));
    if (!tail) return undefined;
    bytes.set(tail, 12);
    groupsText = text.slice(0, lastColon + 1);
    // "1:2:3:4:5:6:" keeps its trailing colon only because the IPv4 tail followed it.
    if (groupsText.endsWith(":") && !groupsText.endsWith("::")) groupsText = groupsText.slice(0, -1);
    groupLimit = 6;
  }
  const gap = groupsText.indexOf("::");
  if (gap !== groupsText.lastIndexOf("::")) return undefined;
  const split = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const left = gap === -1 ? split(groupsText) : split(groupsText.slice(0, gap));
  const right = gap === -1 ? [] : split(groupsText.slice(gap + 2));
  if (gap === -1 ? left.length !== groupLimit : left.length + right.length >= groupLimit) return undefined;
  const write = (groups: string[], firstGroup: number): boolean =>
    groups.every((group, offset) => {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return false;
      const word = parseInt(group, 16);
      bytes[(firstGroup + offset) * 2] = word >> 8;
      bytes[(firstGroup + offset) * 2 + 1] = word & 0xff;
      return true;
    });
  if (!write(left, 0) || !write(right, groupLimit - right.length)) return undefined;
  return bytes;
}

function sameAddress(left: Uint8Array, right: Uint8Array | undefined): boolean {
  return right !== undefined && left.length === right.length && left.every((byte, i) => byte === right[i]);
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === "string" || typeof value === "boolean" || isFiniteNumber(value);
}

function foldCase(text: string): string {
  return text.toLowerCase();
}

function startsWith(value: string, prefix: string): boolean {
  return value.startsWith(prefix);
}

function endsWith(value: string, suffix: string): boolean {
  return value.endsWith(suffix);
}
