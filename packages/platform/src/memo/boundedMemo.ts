// Remembers a function's answers for the most recent keys: callers that read the same words, messages or settings
// again and again (the safety screen, a day's formatter per time zone) ask once.

/** A remembering function, and how many answers it holds now. */
export interface BoundedMemo<V> {
  (key: string): V;
  readonly size: number;
}

/**
 * `compute`, remembering up to `limit` answers; past that the oldest remembered key is forgotten first. Answers must
 * not be `undefined` (that reads as "not remembered").
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): BoundedMemo<V> {
  const answers = new Map<string, V>();
  const remembering = (key: string): V => {
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = compute(key);
    if (answers.size >= limit) answers.delete(answers.keys().next().value as string);
    answers.set(key, answer);
    return answer;
  };
  return Object.defineProperty(remembering, "size", { get: () => answers.size }) as BoundedMemo<V>;
}
