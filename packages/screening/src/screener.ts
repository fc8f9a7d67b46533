// One screener for teen messages and model replies: normalisation once, every rule, then the risk layers (lexicon, trained classifier, conversation context, the model's second opinion, moderation).

import type { ScreeningClassifier } from "./classifier/model";
import { higherLevel, type RiskLevel } from "./classifier/labels";
import { screenWithModeration } from "./moderation";
import { prepareText } from "./normalize";
import { screenRisk, type RiskVerdict } from "./riskScreen";
import { screenPrepared, screenOutput } from "./screen";
import type { SecondOpinionPort } from "./secondOpinion";
import type { ModerationPort, RuleHit, SafetyVerdict } from "./types";
import { buildVerdict } from "./verdict";

/** The rule verdict (crisis, block, flag, allow) and, for a teen's message, its risk: level, category, deciding layer, model version. */
export interface InputVerdict extends SafetyVerdict {
  risk: RiskVerdict;
}

export interface ScreenerPorts {
  classifier: ScreeningClassifier;
  /** The OpenAI moderation API, when a key is configured. */
  moderation?: ModerationPort;
  /** A chat model asked about messages the classifier is unsure of, when a model is configured. */
  secondOpinion?: SecondOpinionPort;
  /** How long the second opinion may take before the message is treated as a concern. Default 2.5 s. */
  secondOpinionTimeoutMs?: number;
}

export interface Screener {
  /** The version of the classifier every verdict names. */
  readonly modelVersion: string;
  /** The local layers only, synchronously: rules, lexicon, classifier and context. `recent`: the session's earlier user messages, oldest first. */
  screenInputLocally(text: string, recent?: readonly string[]): InputVerdict;
  /**
   * Every layer: the local ones, the second opinion for an uncertain message, then moderation (which can only raise).
   * `contextUnavailable`: the session's recent messages could not be read, so an uncertain message is a concern.
   */
  screenInput(text: string, recent?: readonly string[], options?: { contextUnavailable?: boolean }): Promise<InputVerdict>;
  /** A model reply or one streamed sentence: the output rules, unchanged (the classifier reads teens, not replies). */
  screenOutput(text: string): SafetyVerdict;
}

export const DEFAULT_SECOND_OPINION_TIMEOUT_MS = 2_500;

/** Which rule category a risk verdict is recorded under on the rule verdict. */
const ruleCategoryOf = (risk: RiskVerdict) => (risk.category === "self_harm" ? "self_harm" : "crisis");

/**
 * The rule verdict follows the risk level: a crisis is `crisis` whichever layer found it; crisis-lexicon
 * hits the classifier dismissed (a topic named in an ordinary message) are kept, as a flag, for the record.
 */
function combine(hits: readonly RuleHit[], crisisHits: readonly RuleHit[], redactedText: string | undefined, risk: RiskVerdict): InputVerdict {
  const crisisRules = new Set(crisisHits.map((hit) => hit.ruleId));
  const others = hits.filter((hit) => !crisisRules.has(hit.ruleId));
  let riskHits: RuleHit[];
  if (risk.level !== "crisis") riskHits = crisisHits.map((hit) => ({ ...hit, action: "flag" }));
  // A crisis acts on every hit, whoever it names: a friend at risk (flagged alone) in a message read as a crisis too.
  else if (crisisHits.length > 0) riskHits = crisisHits.map((hit) => ({ ...hit, action: "crisis" }));
  else riskHits = [{ category: ruleCategoryOf(risk), term: risk.category, ruleId: `${risk.decidedBy}.${risk.category}`, action: "crisis" }];
  return { ...buildVerdict([...riskHits, ...others], redactedText), risk };
}

function raise(verdict: InputVerdict, level: RiskLevel, decidedBy: RiskVerdict["decidedBy"], category: RiskVerdict["category"]): InputVerdict {
  if (higherLevel(verdict.risk.level, level) === verdict.risk.level) return verdict;
  const risk: RiskVerdict = { ...verdict.risk, level, decidedBy, category, uncertain: false };
  if (level !== "crisis") return { ...verdict, risk };
  const hit: RuleHit = { category: ruleCategoryOf(risk), term: category, ruleId: `${decidedBy}.${category}`, action: "crisis" };
  const raised = buildVerdict([hit, ...verdict.matches.map((m) => ({ ...m, action: verdict.action }))], verdict.redactedText);
  return { ...raised, action: "crisis", ...(verdict.moderation ? { moderation: verdict.moderation } : {}), risk };
}

async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createScreener(ports: ScreenerPorts): Screener {
  const { classifier } = ports;
  const timeoutMs = ports.secondOpinionTimeoutMs ?? DEFAULT_SECOND_OPINION_TIMEOUT_MS;

  const screenInputLocally = (text: string, recent: readonly string[] = []): InputVerdict => {
    const prepared = prepareText(text);
    const { hits, crisisHits, redactedText } = screenPrepared(prepared, "input");
    const risk = screenRisk(classifier, { prepared, lexiconHits: crisisHits, recent });
    return combine(hits, crisisHits, redactedText, risk);
  };

  return {
    modelVersion: classifier.version,
    screenInputLocally,
    screenOutput,

    async screenInput(text, recent = [], options = {}) {
      let verdict = screenInputLocally(text, recent);
      if (verdict.risk.uncertain && options.contextUnavailable === true) {
        verdict = raise(verdict, "concern", "context", verdict.risk.category === "none" ? "hopelessness" : verdict.risk.category);
      }
      if (verdict.risk.uncertain && ports.secondOpinion !== undefined) {
        const secondOpinion = ports.secondOpinion;
        try {
          const answer = await withTimeout((signal) => secondOpinion.assess({ text, recent, signal }), timeoutMs);
          verdict = answer.level === "none" ? { ...verdict, risk: { ...verdict.risk, uncertain: false } } : raise(verdict, answer.level, "second_opinion", answer.category);
        } catch {
          // A layer that cannot answer never clears an uncertain message.
          verdict = raise(verdict, "concern", "second_opinion", verdict.risk.category === "none" ? "hopelessness" : verdict.risk.category);
        }
      }
      const uncertain = verdict.risk.uncertain;
      const moderated = await screenWithModeration(text, verdict, ports.moderation, "input");
      let result: InputVerdict = { ...verdict, ...moderated, risk: verdict.risk };
      if (moderated.action === "crisis" && verdict.action !== "crisis") {
        result = raise(result, "crisis", "moderation", moderated.categories.includes("crisis") ? "active_ideation" : "self_harm");
        result = { ...result, ...(moderated.moderation ? { moderation: moderated.moderation } : {}) };
      } else if (uncertain && moderated.moderation?.outcome === "failed") {
        result = raise(result, "concern", "moderation", verdict.risk.category === "none" ? "hopelessness" : verdict.risk.category);
      }
      return result;
    },
  };
}
