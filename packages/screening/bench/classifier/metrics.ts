// Scores a screener against labelled examples: recall per level and category, false positives overall and on traps, which layer caught what.

import type { RiskLevel } from "../../src/classifier/labels";
import type { LabelledExample } from "./examples";
import type { RiskVerdict } from "../../src/riskScreen";

export interface ScoredExample {
  example: LabelledExample;
  verdict: RiskVerdict;
}

interface Ratio {
  hit: number;
  of: number;
}

export interface Metrics {
  examples: number;
  crisisRecall: Ratio;
  riskRecall: Ratio;
  /** Concern messages found at least concern. */
  concernRecall: Ratio;
  perCategory: Record<string, Ratio>;
  perFamily: Record<string, Ratio>;
  falsePositives: Ratio;
  trapFalsePositives: Ratio;
  /** Messages judged concern or crisis, by the layer that decided, split by whether they were right. */
  layers: Record<string, { caught: number; falseAlarms: number }>;
  /** crisis messages judged only concern, and concern messages judged crisis. */
  crisisAsConcern: number;
  concernAsCrisis: number;
  misses: ScoredExample[];
  falseAlarms: ScoredExample[];
}

const add = (r: Ratio, hit: boolean) => {
  r.of += 1;
  if (hit) r.hit += 1;
};
const ratio = (): Ratio => ({ hit: 0, of: 0 });

export function measure(scored: readonly ScoredExample[]): Metrics {
  const m: Metrics = {
    examples: scored.length,
    crisisRecall: ratio(),
    riskRecall: ratio(),
    concernRecall: ratio(),
    perCategory: {},
    perFamily: {},
    falsePositives: ratio(),
    trapFalsePositives: ratio(),
    layers: {},
    crisisAsConcern: 0,
    concernAsCrisis: 0,
    misses: [],
    falseAlarms: [],
  };
  for (const s of scored) {
    const truth: RiskLevel = s.example.level;
    const got = s.verdict.level;
    const flagged = got !== "none";
    if (flagged) {
      const layer = (m.layers[s.verdict.decidedBy] ??= { caught: 0, falseAlarms: 0 });
      if (truth === "none") layer.falseAlarms += 1;
      else layer.caught += 1;
    }
    if (truth === "none") {
      add(m.falsePositives, flagged);
      if (s.example.trap) add(m.trapFalsePositives, flagged);
      if (flagged) m.falseAlarms.push(s);
      continue;
    }
    add(m.riskRecall, flagged);
    add((m.perCategory[s.example.category] ??= ratio()), flagged);
    add((m.perFamily[s.example.family] ??= ratio()), truth === "crisis" ? got === "crisis" : flagged);
    if (truth === "crisis") {
      add(m.crisisRecall, got === "crisis");
      if (got === "concern") m.crisisAsConcern += 1;
    } else {
      add(m.concernRecall, flagged);
      if (got === "crisis") m.concernAsCrisis += 1;
    }
    if (truth === "crisis" ? got !== "crisis" : !flagged) m.misses.push(s);
  }
  return m;
}

const pct = (r: Ratio) => (r.of === 0 ? "   n/a" : `${((100 * r.hit) / r.of).toFixed(1).padStart(5)}%`);
const frac = (r: Ratio) => `${pct(r)} (${r.hit}/${r.of})`;

export function formatMetrics(m: Metrics, options: { showErrors?: number } = {}): string {
  const lines: string[] = [];
  lines.push(`  crisis recall              ${frac(m.crisisRecall)}`);
  lines.push(`  crisis-or-concern recall   ${frac(m.riskRecall)}`);
  lines.push(`  concern recall (≥ concern) ${frac(m.concernRecall)}`);
  lines.push(`  false positives            ${frac(m.falsePositives)}`);
  lines.push(`  false positives on traps   ${frac(m.trapFalsePositives)}`);
  lines.push(`  crisis judged concern: ${m.crisisAsConcern}; concern judged crisis: ${m.concernAsCrisis}`);
  lines.push("  recall per category (≥ concern):");
  for (const [name, r] of Object.entries(m.perCategory).sort()) lines.push(`    ${name.padEnd(18)} ${frac(r)}`);
  lines.push("  recall per family (crisis lines need crisis, concern lines ≥ concern):");
  for (const [name, r] of Object.entries(m.perFamily).sort()) lines.push(`    ${name.padEnd(22)} ${frac(r)}`);
  lines.push("  decided by (messages judged concern or crisis):");
  for (const [name, l] of Object.entries(m.layers).sort()) lines.push(`    ${name.padEnd(14)} caught ${String(l.caught).padStart(4)}   false alarms ${String(l.falseAlarms).padStart(3)}`);
  const show = options.showErrors ?? 0;
  if (show > 0) {
    lines.push(`  misses (${m.misses.length}):`);
    for (const s of m.misses.slice(0, show)) lines.push(`    [${s.example.id} ${s.example.level}/${s.example.category} → ${s.verdict.level} r=${s.verdict.scores.risk.toFixed(2)} c=${s.verdict.scores.crisis.toFixed(2)}] ${s.example.context.length ? `(${s.example.context.join(" | ")}) ` : ""}${s.example.text.slice(0, 140)}`);
    lines.push(`  false alarms (${m.falseAlarms.length}):`);
    for (const s of m.falseAlarms.slice(0, show)) lines.push(`    [${s.example.id} ${s.verdict.decidedBy} → ${s.verdict.level} r=${s.verdict.scores.risk.toFixed(2)}] ${s.example.text.slice(0, 140)}`);
  }
  return lines.join("\n");
}

/** What the message layers catch with the cut placed where the classifier flags `share` of the ordinary messages. */
export interface OperatingPoint {
  share: number;
  /** The P(risk) a message must exceed. */
  cut: number;
  /** Risk (concern or crisis) messages caught, and how many of them are crises. */
  risk: Ratio;
  crisis: Ratio;
}

/**
 * Each message read alone: it is caught when the lexicon decided it or its P(risk) is above the cut. The cut is placed
 * on the ordinary messages' P(risk) alone, so the ordinary messages the lexicon flags come on top, for every model alike.
 */
export function operatingPoint(readings: readonly ScoredExample[], share: number): OperatingPoint {
  const ordinaryRisk = readings.filter((r) => r.example.level === "none").map((r) => r.verdict.scores.risk).sort((a, b) => b - a);
  const cut = ordinaryRisk[Math.floor(ordinaryRisk.length * share)] ?? 1;
  const risky = readings.filter((r) => r.example.level !== "none");
  const caught = risky.filter((r) => r.verdict.decidedBy === "lexicon" || r.verdict.scores.risk > cut);
  const crises = (lines: readonly ScoredExample[]) => lines.filter((r) => r.example.level === "crisis").length;
  return { share, cut, risk: { hit: caught.length, of: risky.length }, crisis: { hit: crises(caught), of: crises(risky) } };
}
