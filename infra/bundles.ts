// What each deployed handler carries: every handler the plan deploys, bundled as SST bundles it (esbuild, minified;
// the AWS SDK left to the Lambda runtime), measured against its size limit, with the packages that weigh the most.
import { build } from "esbuild";
import { buildPlan, settingsFor, type FunctionPlan } from "./plan";

/** A handler that calls no model; one that calls a model through LangChain (ChatOpenAI alone is ~1.4 MB). */
export const PLAIN_LIMIT_BYTES = 500 * 1024;
export const MODEL_LIMIT_BYTES = 1.8 * 1024 * 1024;
/**
 * Over its limit, with the reason and a ceiling it may not grow past. graph-extraction deploys both extractors and
 * both graph adapters, chosen at run time: the LLM extractor (ChatOpenAI: openai, @langchain/core, langsmith, zod 4,
 * ~1.45 MB), the offline one (compromise, compromise-dates, spacetime, ~0.48 MB) and the Neptune adapter (gremlin,
 * readable-stream, ws, ~0.25 MB). Getting under 1.8 MB means loading the offline extractor and the Neptune adapter
 * only when chosen (code splitting), or choosing them at deploy time.
 */
export const KNOWN_OVER: Readonly<Record<string, { ceilingBytes: number; reason: string }>> = {
  "services/graph-extraction/src/handler.ts": { ceilingBytes: 2.45 * 1024 * 1024, reason: "both extractors and both graph adapters, chosen at run time" },
};
/** A package is named in the table once it contributes this much to a bundle. */
const HEAVY_BYTES = 40 * 1024;

export interface HandlerBundle {
  /** The handler file, relative to the repository root. */
  entry: string;
  callsModel: boolean;
  bytes: number;
  limitBytes: number;
  /** What the test holds: the limit, or for a handler in KNOWN_OVER its ceiling. */
  ceilingBytes: number;
  /** The bundle's inputs, relative to the repository root (node_modules paths as esbuild prints them). */
  inputs: string[];
  /** The packages contributing at least HEAVY_BYTES, heaviest first. */
  heavy: { name: string; bytes: number }[];
}

const fileOf = (fn: FunctionPlan) => fn.handler.slice(0, fn.handler.lastIndexOf(".")) + ".ts";

/** Every deployed handler file once, and whether any function built from it holds the model's API key. */
export const deployedHandlers = (): { entry: string; callsModel: boolean }[] => {
  const plan = buildPlan("test", settingsFor("test", { INNERWORLD_DEPLOY_GRAPH_BACKEND: "neptune" }));
  const functions = [
    ...plan.services.map((s) => s.function),
    ...plan.gateway.routes.map((r) => r.function),
    plan.gateway.authorizer.function,
    plan.gateway.sweep.function,
    plan.gateway.readApi.function,
  ];
  const byEntry = new Map<string, boolean>();
  for (const fn of functions) byEntry.set(fileOf(fn), (byEntry.get(fileOf(fn)) ?? false) || fn.links.includes("modelApiKey"));
  return [...byEntry].map(([entry, callsModel]) => ({ entry, callsModel }));
};

/** The package a bundle input belongs to: the npm package under node_modules, else the workspace folder. */
export const packageOf = (input: string): string => {
  const inModules = input.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const [scopeOrName, name] = input.slice(inModules + "node_modules/".length).split("/");
    return scopeOrName?.startsWith("@") ? `${scopeOrName}/${name}` : (scopeOrName ?? input);
  }
  return input.split("/").slice(0, 2).join("/");
};

export const measureBundle = async (entry: string, callsModel: boolean): Promise<HandlerBundle> => {
  const result = await build({
    entryPoints: [entry],
    // As SST's Node runtime builds a function (pkg/runtime/node/build.go): ESM, module before main, names kept, minified.
    bundle: true,
    minify: true,
    keepNames: true,
    platform: "node",
    target: "esnext",
    format: "esm",
    mainFields: ["module", "main"],
    // Lambda's Node runtime provides the AWS SDK v3; the measure leaves it out so it shows what is ours.
    external: ["@aws-sdk/*"],
    write: false,
    metafile: true,
    logLevel: "silent",
    outdir: "/tmp/innerworld-bundle-check",
  });
  const [output] = Object.values(result.metafile.outputs).filter((o) => o.bytes > 0 && o.entryPoint);
  if (!output) throw new Error(`${entry}: esbuild produced no output`);
  const perPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) perPackage.set(packageOf(input), (perPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  const heavy = [...perPackage]
    .filter(([, bytes]) => bytes >= HEAVY_BYTES)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ name, bytes }));
  return {
    entry,
    callsModel,
    bytes: output.bytes,
    limitBytes: callsModel ? MODEL_LIMIT_BYTES : PLAIN_LIMIT_BYTES,
    ceilingBytes: KNOWN_OVER[entry]?.ceilingBytes ?? (callsModel ? MODEL_LIMIT_BYTES : PLAIN_LIMIT_BYTES),
    inputs: Object.keys(result.metafile.inputs),
    heavy,
  };
};

const kb = (bytes: number) => `${Math.round(bytes / 1024)}`;
const status = (b: HandlerBundle) => (b.bytes <= b.limitBytes ? "ok" : b.bytes <= b.ceilingBytes ? "known excess" : "OVER");

/** The table `pnpm bundles` prints. */
export const formatBundleTable = (bundles: readonly HandlerBundle[]): string => {
  const rows = bundles.map((b) => [b.entry, kb(b.bytes), kb(b.limitBytes), status(b), b.heavy.map((h) => `${h.name} ${kb(h.bytes)}`).join(", ") || "-"]);
  const header = ["handler", "KB", "limit KB", "", `packages ≥ ${kb(HEAVY_BYTES)} KB`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  const known = bundles.filter((b) => b.bytes > b.limitBytes && b.bytes <= b.ceilingBytes).map((b) => `known excess, ${b.entry}: ${KNOWN_OVER[b.entry]?.reason}`);
  return [line(header), ...rows.map(line), ...(known.length > 0 ? ["", ...known] : [])].join("\n");
};
