// Finds phone numbers, email addresses, street addresses, postcodes and social handles, and masks them so stored and logged text carries none.

import { CRISIS_RESOURCES } from "./crisisResources.data";
import type { RuleHit, ScreeningDirection } from "./types";

export type PersonalDataKind = "email" | "phone" | "address" | "postcode" | "handle";

export interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

// An address is read outwards from each "@" (emailSpans), not by one pattern tried at every position: a pattern that
// starts anywhere rescans a run of letters before "@" once per letter, quadratic in the run's length.
const EMAIL_LOCAL_CHAR = /^[\p{L}\p{N}._%+-]$/u;
const EMAIL_DOMAIN_CHAR = /^[\p{L}\p{N}.-]$/u;
const EMAIL_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// "jess dot k at gmail dot com" is how a teen gets an address past a filter; only well-known mail hosts, so "meet me at school" stays.
const SPELLED_EMAIL =
  /(?<![\p{L}\p{N}])[\p{L}\p{N}._+-]+(?:\s+dot\s+[\p{L}\p{N}_+-]+)*\s*(?:\[at\]|\(at\)|\s+at\s+)\s*(?:gmail|yahoo|hotmail|outlook|icloud|aol|proton|protonmail|live|msn)\s*(?:\[dot\]|\(dot\)|\s+dot\s+|\.)\s*(?:com|net|org|me|co\.uk|co uk)(?![\p{L}\p{N}])/giu;

// Any run of digits with phone-like separators; which runs are phones is decided by their digits (see isPhone).
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d(?:[\d().\s-]{5,22})\d(?![\p{N}])/gu;
const LOCAL_PHONE = /(?<![\p{N}.-])\d{3}-\d{4}(?![\p{N}-])/gu;

const STREET_SUFFIX =
  "street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|close|crescent|cres|gardens|grove|row|square|sq";
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,5}[a-z]?)\\s+((?:[\\p{L}][\\p{L}'-]*\\.?\\s+){1,3}?)(?:${STREET_SUFFIX})(?![\\p{L}\\p{N}])\\.?(?:,?\\s*(?:apt|apartment|unit|suite|flat|#)\\.?\\s*#?[\\p{L}\\p{N}-]+)?`,
  "giu",
);
// Words that put a number next to a street-ish word without being an address: "5 miles down the road", "a 10 minute drive".
const NOT_STREET_NAME = new Set(
  "the a an my your our his her their to of and or in on at down up from by for with is was are we i you it this that more less than times miles mile km kms minutes minute mins min hours hour hrs days day weeks week years year months month blocks block feet ft steps seconds secs people kids hundred thousand way cold hot big little dr".split(
    " ",
  ),
);
// UK postcodes; the inward part is never an ordinal, so "m8 2nd time" is not one.
const UK_POSTCODE = /(?<![\p{L}\p{N}])[a-z]{1,2}\d[a-z\d]?\s*\d(?!(?:st|nd|rd|th)(?![\p{L}\p{N}]))[abd-hjlnp-uw-z]{2}(?![\p{L}\p{N}])/giu;
const US_STATE_ZIP =
  /(?<=,\s*)(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}(?:-\d{4})?(?!\d)/gu;
const PLATFORM = "snap|snapchat|sc|insta|instagram|ig|discord|tiktok|tt|kik|telegram|whatsapp|wa|twitter|x|threads|twitch|roblox|steam|xbox|psn|bereal";
// Without the short names a number or a letter could be ("4.5 on x", "sc: 12.5"): for the forms no "my"/"her" introduces.
const PLATFORM_NAMED = "snap|snapchat|insta|instagram|ig|discord|tiktok|kik|telegram|whatsapp|twitter|threads|twitch|roblox|steam|xbox|psn|bereal";
// A handle is only taken when it cannot be an ordinary word: "@name", "snap: name", or one with digits, dots or underscores.
// Someone else's counts as much as one's own: "her snap is maya_k" shares a friend's, as a survey answer or in chat.
const HANDLE = new RegExp(
  `(?:(?:my|her|his|their|your)|(?:add|dm|hmu|follow|message|text|find)(?:\\s+(?:me|her|him|them))?\\s+on)\\s+(?:${PLATFORM})(?:\\s+(?:handle|username|name|tag|id|is|=)|\\s*[:=-])*\\s*(@[\\p{L}\\p{N}._]{2,30}|(?<=[:=-]\\s*)[\\p{L}\\p{N}._]{3,30}|[\\p{L}\\p{N}]*[\\d._][\\p{L}\\p{N}._]{1,29})`,
  "giu",
);
// The handle before its platform ("@maya.k on insta", "maya_k2 on snap"), or after the platform's name and a colon ("ig: maya.k").
const HANDLE_ON_PLATFORM = new RegExp(
  `(?<![\\p{L}\\p{N}._@])(@[\\p{L}\\p{N}._]{2,30}|(?=[\\p{N}._]*\\p{L})[\\p{L}\\p{N}]*[\\d._][\\p{L}\\p{N}._]{1,29})\\s+(?:on|en)\\s+(?:${PLATFORM_NAMED})(?![\\p{L}\\p{N}])`,
  "giu",
);
const PLATFORM_COLON_HANDLE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${PLATFORM_NAMED})\\s*:\\s*(@?[\\p{L}\\p{N}._]{3,30})`, "giu");
// A bare "@name" that cannot be an ordinary word (a digit, a dot or an underscore in it: "@jess_k", "@maya.k") is a
// handle in anyone's words. A plain "@Comfort" is how a teen addresses a persona in a group chat, and a reply may name
// one so: only where no one addresses a persona (a friend's survey answer) is every bare "@name" a handle. An e-mail
// address, whose "@" has letters before it, is not read here; "@5" (a time) starts with a digit and is no handle.
const AT_HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}_](?:[\p{L}\p{N}._]{0,28}[\p{L}\p{N}_])?(?![\p{L}\p{N}_@]|\.[\p{L}\p{N}])/gu;
const looksLikeHandle = (name: string) => /[\d._]/u.test(name.slice(1));

const PLACEHOLDER: Readonly<Record<PersonalDataKind, string>> = {
  email: "[email]",
  phone: "[phone]",
  address: "[address]",
  postcode: "[postcode]",
  handle: "[handle]",
};

export interface PersonalDataFinding {
  hits: RuleHit[];
  /** The text with every finding masked; undefined when there was nothing to mask. */
  redactedText?: string;
}

// What each kind of finding cannot do without, so the patterns run only on messages that hold it (most hold none).
const ANY_DIGIT = /[0-9]/;
const MAIL_HOST = /gmail|yahoo|hotmail|outlook|icloud|aol|proton|live|msn/iu;

export interface PersonalDataOptions {
  /** Every bare "@name" is a handle, not only one with a digit, dot or underscore: for text in which no persona is addressed. */
  bareAtNames?: boolean;
}

export function findPersonalData(text: string, direction: ScreeningDirection, options: PersonalDataOptions = {}): PersonalDataFinding {
  const hasDigit = ANY_DIGIT.test(text);
  const spans = mergeOverlapping([
    ...(text.includes("@") ? emailSpans(text) : []),
    ...(MAIL_HOST.test(text) ? spansOf(text, SPELLED_EMAIL, "email") : []),
    ...(hasDigit ? phoneSpans(text) : []),
    ...(hasDigit ? addressSpans(text) : []),
    ...handleSpans(text, options.bareAtNames === true),
  ]);
  if (spans.length === 0) return { hits: [] };
  // A teen sharing their number is told to be careful and the number kept out of storage; a reply must never contain one.
  const action = direction === "input" ? "flag" : "block";
  const kinds = [...new Set(spans.map((span) => span.kind))];
  // The term names the kind, never the value, so verdicts stored and logged leak nothing.
  const hits: RuleHit[] = kinds.map((kind) => ({ category: "personal_data", term: kind, ruleId: `personal_data.${kind}`, action }));
  return { hits, redactedText: redact(text, spans) };
}

/** How much of the text the e-mail scan read; each character is read a bounded number of times, whatever the text. */
export interface ScanWork {
  charactersRead: number;
}

// The character (one or two UTF-16 units) ending just before `end`.
function characterBefore(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  return low >= 0xdc00 && low <= 0xdfff && end >= 2 ? text.slice(end - 2, end) : text.slice(end - 1, end);
}

// The character (one or two UTF-16 units) starting at `start`.
function characterAt(text: string, start: number): string {
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

/**
 * E-mail addresses, found as the pattern `[letters digits ._%+-]+@domain.tld` would find them left to right, in linear
 * time: from each "@", the local part is walked back over address characters (never past the previous "@" or the
 * previous address) and the domain is matched within the run of domain characters after it.
 */
export function emailSpans(text: string, work: ScanWork = { charactersRead: 0 }): Span[] {
  const spans: Span[] = [];
  // No address starts inside the previous one.
  let floor = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", Math.max(at + 1, floor))) {
    let start = at;
    while (start > floor) {
      const character = characterBefore(text, start);
      work.charactersRead += 1;
      if (!EMAIL_LOCAL_CHAR.test(character)) break;
      start -= character.length;
    }
    if (start === at) continue;
    let runEnd = at + 1;
    while (runEnd < text.length) {
      const character = characterAt(text, runEnd);
      work.charactersRead += 1;
      if (!EMAIL_DOMAIN_CHAR.test(character)) break;
      runEnd += character.length;
    }
    const domain = EMAIL_DOMAIN.exec(text.slice(at + 1, runEnd));
    if (domain === null) continue;
    const end = at + 1 + domain[0].length;
    spans.push({ start, end, kind: "email" });
    floor = end;
  }
  return spans;
}

/**
 * The helplines' own numbers ("Llama al 800 911 2000"), as digits: a reply that tells a teen where help is (our soft
 * resource line, or a model doing as its check-in instruction asks) is not sharing anyone's personal number.
 */
const HELPLINE_NUMBERS: ReadonlySet<string> = new Set(
  Object.values(CRISIS_RESOURCES)
    .flat()
    .flatMap((resource) => [...resource.contact.matchAll(PHONE_CANDIDATE)].map((match) => match[0].replace(/\D/g, ""))),
);

function phoneSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    if (isPhone(candidate) && !HELPLINE_NUMBERS.has(candidate.replace(/\D/g, ""))) spans.push({ start: match.index, end: match.index + candidate.length, kind: "phone" });
  }
  return [...spans, ...spansOf(text, LOCAL_PHONE, "phone")];
}

/**
 * International numbers ("+44 7700 900123", "0049 30 123456") carry 8–15 digits; national ones
 * ("(555) 123-4567", "07700 900123") 10 or 11. Years, dates, scores and counting ("1 2 3 … 10") fail on digits or on groups.
 */
function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  const groups = candidate.split(/[\s().-]+/).filter((group) => group.length > 0);
  if (groups.length > 6 || groups.filter((group) => group.replace(/\D/g, "").length === 1).length > 1) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(candidate)) return false;
  if (candidate.startsWith("+") || candidate.startsWith("00")) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 10 || (digits.length === 11 && (digits.startsWith("1") || digits.startsWith("0")));
}

function addressSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(ADDRESS)) {
    const nameWords = (match[2] ?? "").trim().split(/\s+/);
    if (nameWords.some((word) => NOT_STREET_NAME.has(word.toLowerCase().replace(/\.$/, "")))) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, kind: "address" });
  }
  return [...spans, ...spansOf(text, UK_POSTCODE, "postcode"), ...spansOf(text, US_STATE_ZIP, "postcode")];
}

function handleSpans(text: string, bareAtNames: boolean): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(HANDLE)) {
    const handle = match[1] ?? "";
    const end = match.index + match[0].length;
    spans.push({ start: end - handle.length, end, kind: "handle" });
  }
  for (const pattern of [HANDLE_ON_PLATFORM, PLATFORM_COLON_HANDLE]) {
    for (const match of text.matchAll(pattern)) {
      const handle = match[1] ?? "";
      const start = match.index + match[0].indexOf(handle);
      spans.push({ start, end: start + handle.length, kind: "handle" });
    }
  }
  if (!text.includes("@")) return spans;
  const atNames = spansOf(text, AT_HANDLE, "handle").filter((span) => bareAtNames || looksLikeHandle(text.slice(span.start, span.end)));
  return [...spans, ...atNames];
}

function spansOf(text: string, regex: RegExp, kind: PersonalDataKind): Span[] {
  return [...text.matchAll(regex)].map((match) => ({ start: match.index, end: match.index + match[0].length, kind }));
}

/** Keeps the earliest, then longest, of overlapping findings: an email's digits are not also a phone. */
function mergeOverlapping(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}

function redact(text: string, spans: readonly Span[]): string {
  let result = "";
  let cursor = 0;
  for (const span of spans) {
    result += text.slice(cursor, span.start) + PLACEHOLDER[span.kind];
    cursor = span.end;
  }
  return result + text.slice(cursor);
}
