// Seeded randomness for the offline model: the same input always yields the same "random" choices.

/** FNV-1a, 32-bit: tiny, fast and well spread for short strings; not for anything security-related. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One element of a non-empty list, chosen by `random`. */
export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("pick needs a non-empty list");
  return item;
}
