// How two mentions of one entity in one session combine their attributes: shared by entity resolution and the merge plan.

/** The attributes that say when an entity happens; a phrase reads `date`, else `when` (context/phrasing.ts). */
export const DATE_ATTRIBUTES: readonly string[] = ["date", "when"];

/**
 * `first`'s values stand and `then`'s fill the gaps, so a name's facts do not flip with the spelling that came last;
 * except when the entity happens, where the later word is the news ("my math test got moved to monday"): a date that
 * `then` gives replaces every date `first` gave.
 */
export function foldMentionAttributes(first: Readonly<Record<string, string>>, then: Readonly<Record<string, string>>): Record<string, string> {
  const folded = { ...then, ...first };
  if (!DATE_ATTRIBUTES.some((key) => then[key] !== undefined)) return folded;
  const undated = Object.entries(folded).filter(([key]) => !DATE_ATTRIBUTES.includes(key));
  const dates = DATE_ATTRIBUTES.flatMap((key) => (then[key] === undefined ? [] : [[key, then[key]] as const]));
  return Object.fromEntries([...undated, ...dates]);
}
