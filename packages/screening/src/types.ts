// The vocabulary every safety rule speaks: categories, actions, verdicts and the moderation port.

export type SafetyCategory =
  | "profanity"
  | "crisis"
  | "self_harm"
  | "sexual_minors"
  | "sexual"
  | "harassment"
  | "hate"
  | "violence"
  | "personal_data";

export type SafetyAction = "allow" | "flag" | "block" | "crisis";

export interface SafetyMatch {
  category: SafetyCategory;
  /** The text that matched; for personal data only its kind, so verdicts never carry the data itself. */
  term: string;
  ruleId: string;
}

/** What the second layer did, kept on the verdict so a skipped or failed check is visible downstream. */
export interface ModerationOutcome {
  outcome: "clean" | "flagged" | "failed" | "skipped";
  categories?: SafetyCategory[];
  error?: { code: string; message: string };
}

export interface SafetyVerdict {
  action: SafetyAction;
  categories: SafetyCategory[];
  matches: SafetyMatch[];
  lexiconVersion: string;
  redactedText?: string;
  moderation?: ModerationOutcome;
}

export interface ModerationPort {
  moderate(text: string): Promise<{ flagged: boolean; categories: SafetyCategory[] }>;
}

/** Whose text is screened: the same words call for different actions from a teen and from the model. */
export type ScreeningDirection = "input" | "output";

/** One rule's finding before it is folded into a verdict; the action is decided where the rule knows why. */
export interface RuleHit extends SafetyMatch {
  action: SafetyAction;
}
