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
  ...role("mom", "parent", "mother, mum, mommy, mummy, mama, momma, mamma, mamá, mami, madre, ammi"),
  ...role("dad", "parent", "father, daddy, papa, dada, papá, papi, padre, abba, baba"),
  ...role("foster mom", "parent", "foster mother"),
  ...role("foster dad", "parent", "foster father"),
  ...role("parents", "parent", "parent, folks"),
  ...role("stepmom", "parent", "step mom, step-mom, stepmother, step mother, step-mother"),
  ...role("stepdad", "parent", "step dad, step-dad, stepfather, step father, step-father"),
  ...role("sister", "sibling", "sisters, big sister, little sister, older sister, younger sister, stepsister, step sister, half sister"),
  ...role("brother", "sibling", "brothers, big brother, little brother, older brother, younger brother, stepbrother, step brother, half brother"),
  ...role("siblings", "sibling", ""),
  ...role("grandma", "grandparent", "grandmother, granny, grandmom, grandmama, gran, nana, nanna, abuela, nonna, oma, grammy, nani, dadi, lola, meemaw, mawmaw, memaw, bubbe, bubby, babcia, halmeoni, abuelita, grandmama"),
  ...role("great grandma", "grandparent", "great-grandma, great grandmother, great-grandmother, bisabuela"),
  ...role("grandpa", "grandparent", "grandfather, granddad, grandad, gramps, granddaddy, abuelo, nonno, opa, pop-pop, papaw, pawpaw, paw paw, lolo, zayde, grandpop, abuelito, nanu, dada ji"),
  ...role("grandparents", "grandparent", "grandparent"),
  ...role("aunt", "relative", "auntie, aunty, tia, tía, titi, khala, masi"),
  ...role("uncle", "relative", "tio, tío, chacha, mamu"),
  ...role("cousin", "relative", "cousins, prima, primo, primas, primos"),
  ...role("boyfriend", "partner", "bf"),
  ...role("girlfriend", "partner", "gf"),
  ...role("best friend", "friend", "bff, bestie, best friends"),
  ...role("teacher", "teacher", "teachers"),
  ...role("coach", "coach", "coaches"),
  ...role("therapist", "counselor", "counselor, counsellor, school counselor, psychologist"),
  ...role("tutor", "teacher", ""),
  ...role("principal", "other", ""),
  ...role("roommate", "friend", "roomie"),
  ...role("ex", "partner", "ex boyfriend, ex girlfriend, ex-boyfriend, ex-girlfriend"),
  ...role("manager", "other", "boss"),
  ...role("caseworker", "counselor", "case worker, social worker"),
  ...role("lawyer", "other", "attorney"),
  ...role("doctor", "other", "orthodontist, pediatrician, dentist"),
  ...role("pastor", "other", "youth pastor, priest, imam, rabbi"),
  ...role("neighbor", "other", "neighbour"),
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
