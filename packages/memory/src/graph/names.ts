// Entity names as the user typed them: tidied for storage, compared case-insensitively.

/** Names longer than this are cut: the graph keeps a handle for the entity, not a paragraph. */
export const MAX_NAME_LENGTH = 120;

export const cleanName = (name: string) => name.replace(/\s+/g, " ").trim().slice(0, MAX_NAME_LENGTH);

/** Aliases other than the name, each once (case-insensitively), in first-seen order. */
export function distinctAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const folded = alias.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    kept.push(alias);
  }
  return kept;
}
