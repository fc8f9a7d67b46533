// What a teen says after a crisis, on dev (or train, a second look; never the test split): the sequence lines, and everyday fragments read after a crisis.
// Run: npx tsx packages/screening/bench/classifier/followUps.ts [--split=train] [--floors=0.3,0.35,…]
//
// The rule that a crisis continues (riskScreen.ts, continuesCrisis) must catch follow-ups that read mild alone
// ("tomorrow then") and leave everyday ones ("ok thanks") to the persona. Two measures, printed for the screen as it
// is, with the plan-detail floor off, without the rule, and for each plan-detail floor asked for:
// - the split's sequence lines (a message with its session's earlier messages): crises caught, crisis-or-concern
//   caught, ordinary lines flagged;
// - the split's one- to three-word fragments of ordinary lines (shortMessages.ts), each read after the earlier
//   messages of FRAGMENT_CONTEXTS of the split's sequence lines whose earlier messages hold a crisis: the share that
//   meets the rule's condition (what the rule would raise; at most 5 %, the traps' limit), and the share flagged at all
//   (the context windows, which read a fragment together with the crisis, flag some as well).

import { loadScreeningClassifier } from "../../src/classifier/model";
import { CONTEXT_MESSAGES, CRISIS_CONTINUES_DETAIL_RISK, CRISIS_CONTINUES_RISK, crisisBefore } from "../../src/riskScreen";
import type { RiskLevel } from "../../src/classifier/labels";
import { readExamples, type LabelledExample } from "./examples";
import { EXAMPLES_DIR, MODEL_FILE, SPLIT_FILE } from "./paths";
import { levelOf, readExample, type ExampleReading } from "./pipeline";
import { ordinaryFragments } from "./shortMessages";
import { applySplit, readSplitManifest } from "./splitManifest";

/** How many crisis sessions each fragment is read after, spread over them. */
const FRAGMENT_CONTEXTS = 8;

const splitName = process.argv.find((a) => a.startsWith("--split="))?.slice(8) ?? "dev";
if (splitName !== "dev" && splitName !== "train") throw new Error(`--split must be dev or train, not ${splitName}`);
const floors = (process.argv.find((a) => a.startsWith("--floors="))?.slice(9) ?? "0.3,0.35,0.4,0.45,0.5,0.55,0.6").split(",").map(Number);
if (floors.some((floor) => !(floor >= 0 && floor <= 1))) throw new Error("--floors must be numbers from 0 to 1, comma-separated");

const split = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE));
const lines = splitName === "dev" ? split.dev : split.train;
const classifier = loadScreeningClassifier(MODEL_FILE);
const t = classifier.thresholds;

interface FollowUp {
  reading: ExampleReading;
  /** The level without the rule that a crisis continues. */
  withoutRule: RiskLevel;
  afterCrisis: boolean;
}

function readFollowUp(example: LabelledExample): FollowUp {
  const reading = readExample(classifier, example);
  return { reading, withoutRule: levelOf({ ...reading, earlier: [] }, t), afterCrisis: crisisBefore(classifier, example.context, t) !== undefined };
}

const sequences = lines.filter((line) => line.context.length > 0).map(readFollowUp);
const crisisSessions = [...new Set(sequences.filter((s) => s.afterCrisis).map((s) => JSON.stringify(s.reading.example.context.slice(-CONTEXT_MESSAGES))))].map((json) => JSON.parse(json) as string[]);
const fragments = ordinaryFragments(lines);
const stride = Math.max(1, Math.floor(crisisSessions.length / FRAGMENT_CONTEXTS));
const fragmentsAfterCrisis = fragments.flatMap((text, i) =>
  Array.from({ length: Math.min(FRAGMENT_CONTEXTS, crisisSessions.length) }, (_, k) =>
    readFollowUp({ id: `fragment-${i}-${k}`, text, level: "none", category: "none", family: "fragment", lang: "", trap: false, author: "", context: crisisSessions[(i + k * stride) % crisisSessions.length] ?? [], source: "" }),
  ),
);

/** The rule's condition under a plan-detail floor (undefined: none, the risk floor alone); Infinity turns the rule off. */
type Condition = (reading: ExampleReading) => boolean;
const conditionAt =
  (detailFloor: number | undefined): Condition =>
  (reading) =>
    reading.risk >= CRISIS_CONTINUES_RISK || (detailFloor !== undefined && reading.planDetail && reading.risk >= detailFloor);

function levelUnder(followUp: FollowUp, condition: Condition): RiskLevel {
  return followUp.withoutRule !== "crisis" && followUp.afterCrisis && condition(followUp.reading) ? "crisis" : followUp.withoutRule;
}

const share = (hit: number, of: number) => `${((100 * hit) / of).toFixed(2)} % (${hit}/${of})`;
function report(label: string, condition: Condition): void {
  const of = (pick: (level: RiskLevel) => boolean) => sequences.filter((s) => pick(s.reading.example.level));
  const crises = of((level) => level === "crisis");
  const risk = of((level) => level !== "none");
  const ordinary = of((level) => level === "none");
  const met = fragmentsAfterCrisis.filter((f) => condition(f.reading)).length;
  const flagged = fragmentsAfterCrisis.filter((f) => levelUnder(f, condition) !== "none").length;
  console.log(
    `${label.padEnd(34)} sequence lines: crises ${crises.filter((s) => levelUnder(s, condition) === "crisis").length}/${crises.length}, crisis-or-concern ${risk.filter((s) => levelUnder(s, condition) !== "none").length}/${risk.length}, ordinary flagged ${ordinary.filter((s) => levelUnder(s, condition) !== "none").length}/${ordinary.length}; fragments after a crisis: meet the rule ${share(met, fragmentsAfterCrisis.length)}, flagged ${share(flagged, fragmentsAfterCrisis.length)}`,
  );
}

console.log(`${splitName}: ${sequences.length} sequence lines, ${crisisSessions.length} sessions with a crisis before, ${fragments.length} fragments each read after ${Math.min(FRAGMENT_CONTEXTS, crisisSessions.length)} of them; model ${classifier.version}`);
report("without the rule", () => false);
report(`P(risk) ≥ ${CRISIS_CONTINUES_RISK} alone`, conditionAt(undefined));
report(`as shipped (plan detail ≥ ${CRISIS_CONTINUES_DETAIL_RISK})`, conditionAt(CRISIS_CONTINUES_DETAIL_RISK));
for (const floor of floors) report(`plan detail ≥ ${floor}`, conditionAt(floor));
