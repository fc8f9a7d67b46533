// What keeps user-written text inside the prompt's data fences: anything shaped like a tag is taken out of it.
//
// Matching our own fence names is not enough: "‹/persona_prоfile>" (a single angle quote, a Cyrillic "о") reads to a
// model as the fence closing, and no list of look-alikes is ever complete. So any tag-like run, whatever its brackets
// or letters, goes: an opening bracket or one of its look-alikes, an optional slash, one name that starts with a letter
// (no space inside it, invisible characters allowed), and a closing bracket. "<3", "a < b" and a title quoted in
// angle quotes ("‹Hunger Games›") are not tags and stay.

const OPENING = "<\\u2039\\uFF1C\\u3008\\u27E8\\u276E\\u276C\\u1438\\u02C2\\u29FC\\u2329\\uFE64";
const CLOSING = ">\\u203A\\uFF1E\\u3009\\u27E9\\u276F\\u276D\\u1433\\u02C3\\u29FD\\u232A\\uFE65";
const TAG_LIKE = new RegExp(`[${OPENING}]\\s*[/\\u2044\\u2215\\uFF0F]?\\s*[\\p{L}_][\\p{L}\\p{N}\\p{Cf}_\\-]{0,40}\\s*[${CLOSING}]`, "gu");

/** `text` with every tag-like run removed, so it cannot open or close a fence of the prompt. */
export const withoutTags = (text: string): string => text.replace(TAG_LIKE, "");
