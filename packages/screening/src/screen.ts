// Screens a teen's message or a model reply (whole, or one streamed sentence) with every local rule and returns one verdict.

import { findCrisisLanguage } from "./crisisLexicon";
import { findDisorderedEating } from "./disorderedEating";
import { findHarassment, KYS_RULE_ID } from "./harassment";
import { prepareText, type PreparedText } from "./normalize";
import { findPersonalData } from "./personalData";
import { findProfanity } from "./profanity";
import { findSexualContent } from "./sexualContent";
import type { RuleHit, SafetyVerdict, ScreeningDirection } from "./types";
import { buildVerdict } from "./verdict";

// The crisis lexicon reads "im gonna kys" and "they told me to kys" as the writer's own crisis; the
// harassment rule would read the same "kys" as an attack, so it yields to them.
const KYS_READ_AS_WRITERS_OWN = new Set(["crisis.kys_about_self", "crisis.told_to_die"]);

/** A teen's message. Crisis outranks block outranks flag; teens swear, so profanity alone only flags. */
export function screenInput(text: string): SafetyVerdict {
  return screen(text, "input");
}

/** A model reply, or one sentence of it while streaming: anything a teen must not be shown blocks. */
export function screenOutput(text: string): SafetyVerdict {
  return screen(text, "output");
}

function screen(text: string, direction: ScreeningDirection): SafetyVerdict {
  return screenPrepared(prepareText(text), direction).verdict;
}

/** What every local rule found in one prepared text: the verdict, and the hits it was built from, crisis-lexicon hits apart for the risk layers. */
export interface PreparedScreening {
  verdict: SafetyVerdict;
  hits: RuleHit[];
  crisisHits: RuleHit[];
  redactedText: string | undefined;
}

/** Every local rule over text already prepared once. */
export function screenPrepared(prepared: PreparedText, direction: ScreeningDirection): PreparedScreening {
  const text = prepared.raw;
  const crisis = findCrisisLanguage(prepared, direction);
  const kysIsWritersOwn = crisis.some((hit) => KYS_READ_AS_WRITERS_OWN.has(hit.ruleId));
  const harassment = findHarassment(prepared, direction).filter((hit) => !(kysIsWritersOwn && hit.ruleId === KYS_RULE_ID));
  const personalData = findPersonalData(text, direction);
  const hits: RuleHit[] = [
    ...crisis,
    ...findSexualContent(prepared, direction),
    ...harassment,
    ...findDisorderedEating(prepared, direction),
    ...findProfanity(prepared, direction),
    ...personalData.hits,
  ];
  return { verdict: buildVerdict(hits, personalData.redactedText), hits, crisisHits: crisis, redactedText: personalData.redactedText };
}
