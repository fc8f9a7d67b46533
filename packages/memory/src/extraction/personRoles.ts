// The people a teen names by role instead of by name ("my mum", "coach"), folded to one canonical role each.

export interface PersonRole {
  /** The one name every synonym folds to: "mom" for mom, mum, mother, mommy... */
  name: string;
  /** The kind of tie, stored as `attributes.relation` so the context builder can say "your parent". */
  relation: "parent" | "sibling" | "grandparent" | "relative" | "partner" | "friend" | "teacher" | "coach" | "counselor" | "other";
}

const role = (name: string, relation: PersonRole["relation"], synonyms: string): [string, PersonRole][] =>
  [name, ...synonyms.split(/\s*,\s*/).filter(Boolean)].map((word) => [word, { name, relation }]);

/**
 * Surface forms, lower case, as teens type them. Ambiguous slang is left out on purpose: "bro" and
 * "sis" are mostly terms of address ("bro that's crazy"), "ma" and "pops" collide with other words.
 */
export const PERSON_ROLES: ReadonlyMap<string, PersonRole> = new Map([
  ...role("mom", "parent", "mother, mum, mommy, mummy, mama, momma, mamma"),
  ...role("dad", "parent", "father, daddy, papa, dada"),
  ...role("parents", "parent", "parent, folks"),
  ...role("stepmom", "parent", "step mom, step-mom, stepmother, step mother, step-mother"),
  ...role("stepdad", "parent", "step dad, step-dad, stepfather, step father, step-father"),
  ...role("sister", "sibling", "sisters, big sister, little sister, older sister, younger sister, stepsister, step sister, half sister"),
  ...role("brother", "sibling", "brothers, big brother, little brother, older brother, younger brother, stepbrother, step brother, half brother"),
  ...role("siblings", "sibling", ""),
  ...role("grandma", "grandparent", "grandmother, granny, grandmom, grandmama, gran, nana, nanna, abuela, nonna, oma, grammy"),
  ...role("grandpa", "grandparent", "grandfather, granddad, grandad, gramps, granddaddy, abuelo, nonno, opa, pop-pop, papaw"),
  ...role("grandparents", "grandparent", "grandparent"),
  ...role("aunt", "relative", "auntie, aunty, tia"),
  ...role("uncle", "relative", "tio"),
  ...role("cousin", "relative", "cousins"),
  ...role("boyfriend", "partner", "bf"),
  ...role("girlfriend", "partner", "gf"),
  ...role("best friend", "friend", "bff, bestie, best friends"),
  ...role("teacher", "teacher", "teachers"),
  ...role("coach", "coach", "coaches"),
  ...role("therapist", "counselor", "counselor, counsellor, school counselor, psychologist"),
  ...role("tutor", "teacher", ""),
  ...role("principal", "other", ""),
]);

/**
 * Titles that make the next capitalised word a person: "Ms. Rivera", "Coach Miller". Mr/Ms say who it is
 * only by context (a teacher, usually, but not always), so they carry no relation of their own.
 */
export const PERSON_TITLES: ReadonlyMap<string, PersonRole["relation"] | undefined> = new Map<string, PersonRole["relation"] | undefined>([
  ["mr", undefined],
  ["mrs", undefined],
  ["ms", undefined],
  ["miss", undefined],
  ["mx", undefined],
  ["dr", "other"],
  ["coach", "coach"],
  ["aunt", "relative"],
  ["auntie", "relative"],
  ["uncle", "relative"],
  ["grandma", "grandparent"],
  ["grandpa", "grandparent"],
]);

export function personRole(phrase: string): PersonRole | undefined {
  return PERSON_ROLES.get(phrase.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, " ").trim());
}
