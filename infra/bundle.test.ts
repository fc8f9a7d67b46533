// Each handler the plan deploys is bundled as SST bundles it: nothing local-only ships to Lambda, and each bundle stays
// within its size limit (500 KB for a handler that calls no model, 1.8 MB for one that calls a model through LangChain).
import { describe, expect, it } from "vitest";
import { MODEL_LIMIT_BYTES, PLAIN_LIMIT_BYTES, deployedHandlers, measureBundle, packageOf } from "./bundles";

/** The local cloud and what only it uses: the emulators, their storage, the dev token issuer. */
const LOCAL_ONLY = [/\/packages\/local\//, /\/packages\/emulators\//, /\/packages\/testing\//, /node_modules\/(\.pnpm\/)?dynalite/, /node_modules\/(\.pnpm\/)?fauxqs/, /node_modules\/(\.pnpm\/)?classic-level/, /node_modules\/(\.pnpm\/)?jose@/];

const handlers = deployedHandlers();

describe("Lambda bundles", () => {
  it("finds every deployed handler file, the model callers among them", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(7);
    expect(handlers.filter((h) => h.callsModel).map((h) => h.entry).sort()).toEqual(["services/generation/src/handler.ts", "services/graph-extraction/src/handler.ts", "services/persona-synthesis/src/handler.ts", "services/portrait/src/handler.ts", "services/safety/src/handler.ts"]);
  });

  it.each(handlers)("$entry bundles without the local cloud, within its size limit", async ({ entry, callsModel }) => {
    const bundle = await measureBundle(entry, callsModel);
    expect(bundle.inputs.length).toBeGreaterThan(10);
    expect(bundle.inputs.filter((input) => LOCAL_ONLY.some((pattern) => pattern.test(input)))).toEqual([]);
    expect(bundle.limitBytes).toBe(callsModel ? MODEL_LIMIT_BYTES : PLAIN_LIMIT_BYTES);
    expect(bundle.bytes, `${entry}: ${Math.round(bundle.bytes / 1024)} KB, heaviest ${bundle.heavy.map((h) => h.name).join(", ")}`).toBeLessThanOrEqual(bundle.limitBytes);
  }, 60_000);

  // The chat gateway screens only a feedback comment or a persona being made: the rules, with the crisis lexicon that grows
  // with every version, load with the first of those, not with every connection's cold start.
  it("the chat gateway loads the crisis lexicon on demand, not at a cold start", async () => {
    const bundle = await measureBundle("services/gateway/src/handler.ts", false);
    expect(bundle.inputs).toContain("packages/screening/src/crisisLexicon.data.ts");
    expect(bundle.coldStartInputs).toContain("packages/screening/src/crisisResources.data.ts");
    expect(bundle.coldStartInputs.filter((input) => input.startsWith("packages/screening/"))).not.toContain("packages/screening/src/crisisLexicon.data.ts");
  }, 60_000);

  // The safety service asks the model only about messages its local layers leave uncertain, and every turn waits for its
  // verdict: LangChain loads with the first such question, not at a cold start.
  it("the safety service loads the model client on demand, not at a cold start", async () => {
    const bundle = await measureBundle("services/safety/src/handler.ts", true);
    expect(bundle.inputs.some((input) => input.includes("@langchain/openai"))).toBe(true);
    expect(bundle.coldStartInputs.filter((input) => input.includes("@langchain/") || input.includes("/openai/"))).toEqual([]);
    expect(bundle.bytes).toBeLessThanOrEqual(PLAIN_LIMIT_BYTES);
  }, 60_000);

  it("names the package a bundle input comes from", () => {
    expect(packageOf("node_modules/.pnpm/zod@3.25.76/node_modules/zod/v3/types.js")).toBe("zod");
    expect(packageOf("node_modules/.pnpm/@langchain+core@1.4.0/node_modules/@langchain/core/dist/index.js")).toBe("@langchain/core");
    expect(packageOf("packages/memory/src/graph/ids.ts")).toBe("packages/memory");
  });
});
