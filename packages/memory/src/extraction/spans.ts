// Stretches of a message's text, [start, end) in its offsets: whether two of them share a character, and the clause around one.

export interface TextSpan {
  start: number;
  end: number;
}

/** True when the two spans share at least one character (touching ends do not). */
export function spansOverlap(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The clause holding [start, end) within [from, to), cut by `breaks` (a global pattern): from the end of the last break
 * before it to the start of the first one after it. Each caller brings its own breaks (spokenDates' Spanish joiners,
 * findEvents' for dating an event).
 */
export function clauseBounds(text: string, start: number, end: number, breaks: RegExp, from = 0, to = text.length): [number, number] {
  let clauseStart = from;
  let clauseEnd = to;
  for (const found of text.slice(from, to).matchAll(breaks)) {
    const at = from + found.index;
    if (at + found[0].length <= start) clauseStart = at + found[0].length;
    else if (at >= end) {
      clauseEnd = at;
      break;
    }
  }
  return [clauseStart, clauseEnd];
}
