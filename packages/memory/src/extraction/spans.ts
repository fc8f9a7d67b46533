// Stretches of a message's text, [start, end) in its offsets, and whether two of them share a character.

export interface TextSpan {
  start: number;
  end: number;
}

/** True when the two spans share at least one character (touching ends do not). */
export function spansOverlap(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}
