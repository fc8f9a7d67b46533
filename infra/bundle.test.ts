// Nothing local-only ships to Lambda: each handler the plan deploys is bundled as SST bundles it (esbuild, every
// dependency inlined) and the bundle's inputs are searched for the local cloud and its emulators.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buildPlan, settingsFor } from "./plan";

/** The slice of esbuild's API this test uses. */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
}

// esbuild is not a root dependency; tsx (one) depends on it, so it is resolved from there rather than added.
const require = createRequire(import.meta.url);
const esbuild = createRequire(require.resolve("tsx"))("esbuild") as Esbuild;

/** The local cloud and what only it uses: the emulators, their storage, the dev token issuer. */
const LOCAL_ONLY = [/\/packages\/local\//, /\/packages\/emulators\//, /\/packages\/testing\//, /node_modules\/(\.pnpm\/)?dynalite/, /node_modules\/(\.pnpm\/)?fauxqs/, /node_modules\/(\.pnpm\/)?classic-level/, /node_modules\/(\.pnpm\/)?jose@/];

const plan = buildPlan("test", settingsFor("test", { INNERWORLD_DEPLOY_GRAPH_BACKEND: "neptune" }));
const entries = [
  ...new Set([
    ...plan.services.map((s) => s.function.handler),
    ...plan.gateway.routes.map((r) => r.function.handler),
    plan.gateway.authorizer.function.handler,
    plan.gateway.sweep.function.handler,
    plan.gateway.readApi.function.handler,
  ].map((handler) => handler.slice(0, handler.lastIndexOf(".")) + ".ts")),
];

describe("Lambda bundles", () => {
  it.each(entries)("%s bundles without the local cloud", async (entry) => {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      target: "node22",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      outdir: "/tmp/innerworld-bundle-check",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((input) => LOCAL_ONLY.some((pattern) => pattern.test(input)))).toEqual([]);
  }, 60_000);
});
