// The risk levels and categories the classifier predicts, in the fixed order its weights use.

export const RISK_LEVELS = ["none", "concern", "crisis"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_CATEGORIES = [
  "none",
  "active_ideation",
  "passive_ideation",
  "plan_intent",
  "method_inquiry",
  "self_harm",
  "farewell",
  "hopelessness",
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const isRiskLevel = (value: unknown): value is RiskLevel => typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value);
export const isRiskCategory = (value: unknown): value is RiskCategory => typeof value === "string" && (RISK_CATEGORIES as readonly string[]).includes(value);

/**
 * The kinds of risk for which a concern is acted on as a crisis (riskScreen.ts, actionLevel). Every kind but
 * hopelessness: for these a teen who is only "concerning" today and one in danger write alike.
 */
export const ESCALATED_CATEGORIES: ReadonlySet<RiskCategory> = new Set(["active_ideation", "passive_ideation", "plan_intent", "method_inquiry", "self_harm", "farewell"]);

const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = { none: 0, concern: 1, crisis: 2 };

export function higherLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}
