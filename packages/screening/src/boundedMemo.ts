// Remembers a function's answers for the most recent keys: the screen reads the same words and messages again and again.

/**
 * `compute`, remembering up to `limit` answers; past that the oldest remembered key is forgotten first. Answers must
 * not be `undefined` (that reads as "not remembered").
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const answers = new Map<string, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = compute(key);
    if (answers.size >= limit) answers.delete(answers.keys().next().value as string);
    answers.set(key, answer);
    return answer;
  };
}
