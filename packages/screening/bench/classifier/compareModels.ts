// Compares model files on dev lines only (never the frozen test split): risk and crisis messages caught with the cut
// where the classifier flags 1, 2, 3 and 5 % of the ordinary ones (the lexicon's decisive matches flag theirs on top,
// as in the screen), each message read alone through the whole screen's message layers; how
// many ordinary messages would arm the farewell rule; and each model at its own thresholds.
// Usage: npx tsx packages/screening/bench/classifier/compareModels.ts [--dev-of=<split.json>] <model.json> [<model.json> …]
// `--dev-of` keeps only the dev lines that split file names, so models trained on different data are compared on lines
// none of them was trained on (an older model: `git show <commit>:packages/screening/model/screening-classifier.json`).

import { loadScreeningClassifier } from "../../src/classifier/model";
import { FAREWELL_RISK, farewellBefore } from "../../src/riskScreen";
import { createScreener } from "../../src/screener";
import { readExamples, type LabelledExample } from "./examples";
import { measure, operatingPoint } from "./metrics";
import { EXAMPLES_DIR, SPLIT_FILE } from "./paths";
import { applySplit, readSplitManifest } from "./splitManifest";

const FLAGGED_SHARES = [0.01, 0.02, 0.03, 0.05];

const options = process.argv.slice(2).filter((a) => a.startsWith("--"));
// A mistyped option would otherwise compare on the whole current dev split without a word.
const unknown = options.filter((a) => !a.startsWith("--dev-of="));
if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(", ")}: the only option is --dev-of=<split.json>`);
const devOf = options.find((a) => a.startsWith("--dev-of="))?.slice("--dev-of=".length);
const modelPaths = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (modelPaths.length === 0) throw new Error("name at least one model file");

const split = applySplit(readExamples(EXAMPLES_DIR), readSplitManifest(SPLIT_FILE));
const devIdsOfNamedSplit = devOf === undefined ? undefined : new Set(readSplitManifest(devOf).dev);
const dev = split.dev.filter((e) => devIdsOfNamedSplit === undefined || devIdsOfNamedSplit.has(e.id));
// A sequence line's label depends on its earlier messages, so the operating points read the other lines alone.
const standalone = dev.filter((e) => e.context.length === 0);
const ordinary = standalone.filter((e) => e.level === "none");
const farewells = standalone.filter((e) => e.category === "farewell");
const count = (lines: readonly LabelledExample[], level: LabelledExample["level"]) => lines.filter((e) => e.level === level).length;

console.log(
  `dev lines${devOf === undefined ? "" : ` named by ${devOf}`}: ${dev.length}; without earlier messages ${standalone.length} ` +
    `(${standalone.length - ordinary.length} risk, of which ${count(standalone, "crisis")} crisis; ${ordinary.length} ordinary)`,
);
for (const path of modelPaths) {
  const classifier = loadScreeningClassifier(path);
  const screener = createScreener({ classifier });
  const readings = standalone.map((example) => ({ example, verdict: screener.screenInputLocally(example.text, []).risk }));
  const points = FLAGGED_SHARES.map((share) => {
    const { risk, crisis } = operatingPoint(readings, share);
    return `${(100 * share).toFixed(0)} %: ${risk.hit} / ${crisis.hit}`;
  });
  const arming = (lines: readonly LabelledExample[]) => lines.filter((e) => farewellBefore(classifier, [e.text]) >= FAREWELL_RISK).length;
  const atOwnThresholds = measure(dev.map((example) => ({ example, verdict: screener.screenInputLocally(example.text, example.context).risk })));
  console.log(`${classifier.version} (${path})`);
  console.log(`  risk / crisis caught, the cut where the classifier flags this share of the ordinary lines: ${points.join("; ")}`);
  console.log(`  farewell rule armed by ${arming(ordinary)} of ${ordinary.length} ordinary lines, by ${arming(farewells)} of ${farewells.length} farewell lines`);
  console.log(
    `  at its own thresholds, every line: crises ${atOwnThresholds.crisisRecall.hit}/${atOwnThresholds.crisisRecall.of}, ` +
      `crisis-or-concern ${atOwnThresholds.riskRecall.hit}/${atOwnThresholds.riskRecall.of}, ordinary flagged ${atOwnThresholds.falsePositives.hit}/${atOwnThresholds.falsePositives.of} ` +
      `(traps ${atOwnThresholds.trapFalsePositives.hit}/${atOwnThresholds.trapFalsePositives.of})`,
  );
}
