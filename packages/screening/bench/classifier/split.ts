// Splits the data set into train, dev and test before any training: by a hash of each id, stratified by level and family, so the split never depends on file order.

import { createHash } from "node:crypto";
import type { LabelledExample } from "./examples";

export type SplitName = "train" | "dev" | "test";

export interface SplitPlan {
  /** Mixed into every id's hash; changing it makes a different split. */
  salt: string;
  train: number;
  dev: number;
}

export const DEFAULT_SPLIT: SplitPlan = { salt: "innerworld-screening-split-v1", train: 0.7, dev: 0.15 };

function idHash(id: string, salt: string): string {
  return createHash("sha256").update(`${salt}\u0000${id}`).digest("hex");
}

/**
 * Within each stratum (level × family) examples are ordered by the hash of their id and cut at 70 % and
 * 85 %, so every stratum lands in all three splits in proportion (a stratum of fewer than three
 * has no dev share).
 */
export function assignSplits(examples: readonly LabelledExample[], plan: SplitPlan = DEFAULT_SPLIT): Map<string, SplitName> {
  const strata = new Map<string, LabelledExample[]>();
  for (const example of examples) {
    const key = `${example.level}\u0000${example.family}`;
    const list = strata.get(key) ?? [];
    list.push(example);
    strata.set(key, list);
  }
  const assigned = new Map<string, SplitName>();
  for (const key of [...strata.keys()].sort()) {
    const members = (strata.get(key) ?? []).map((e) => ({ id: e.id, hash: idHash(e.id, plan.salt) })).sort((a, b) => (a.hash < b.hash ? -1 : 1));
    const n = members.length;
    const trainCount = Math.round(n * plan.train);
    const devCount = n >= 3 ? Math.max(1, Math.round(n * plan.dev)) : 0;
    members.forEach((member, index) => {
      const split: SplitName = index < trainCount ? "train" : index < trainCount + devCount ? "dev" : "test";
      assigned.set(member.id, split);
    });
  }
  return assigned;
}
