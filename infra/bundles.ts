// What each deployed handler carries: every handler the plan deploys, bundled as SST bundles it (esbuild, minified;
// the AWS SDK left to the Lambda runtime), measured against its size limit, with the packages that weigh the most.
import { build } from "esbuild";
import { buildPlan, functionsOf, settingsFor, type FunctionPlan } from "./plan";

/** A handler that calls no model; one that calls a model through LangChain (ChatOpenAI alone is ~1.4 MB). */
export const PLAIN_LIMIT_BYTES = 500 * 1024;
export const MODEL_LIMIT_BYTES = 1.8 * 1024 * 1024;
/** A package is named in the table once it contributes this much to a bundle. */
const HEAVY_BYTES = 40 * 1024;

export interface HandlerBundle {
  /** The handler file, relative to the repository root. */
  entry: string;
  callsModel: boolean;
  /** What a cold start loads: the entry chunk and the chunks it imports statically. */
  bytes: number;
  /** The chunks loaded only when a path that needs them runs (e.g. the offline extractor, the Neptune adapter). */
  onDemandBytes: number;
  limitBytes: number;
  /** The bundle's inputs, relative to the repository root (node_modules paths as esbuild prints them). */
  inputs: string[];
  /** The inputs of the chunks a cold start loads. */
  coldStartInputs: string[];
  /** The packages contributing at least HEAVY_BYTES, heaviest first. */
  heavy: { name: string; bytes: number }[];
}

const fileOf = (fn: FunctionPlan) => fn.handler.slice(0, fn.handler.lastIndexOf(".")) + ".ts";

/** Every deployed handler file once, and whether any function built from it holds the model's API key. */
export const deployedHandlers = (): { entry: string; callsModel: boolean }[] => {
  const plan = buildPlan("test", settingsFor("test", { INNERWORLD_DEPLOY_GRAPH_BACKEND: "neptune" }));
  const functions = functionsOf(plan);
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
    // Code splitting (SST's `nodejs.splitting`, set for every function): what a handler imports with import() is a
    // chunk of its own, loaded when first called, so a cold start loads only the entry and what it imports statically.
    splitting: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    outdir: "/tmp/innerworld-bundle-check",
  });
  const outputs = result.metafile.outputs;
  const entryChunk = Object.keys(outputs).find((path) => outputs[path]?.entryPoint);
  if (!entryChunk) throw new Error(`${entry}: esbuild produced no entry chunk`);
  // The chunks a cold start loads: the entry and, transitively, what it imports statically.
  const atStart = new Set<string>();
  const visit = (path: string) => {
    if (atStart.has(path)) return;
    atStart.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(entryChunk);
  const loaded = [...atStart].map((path) => outputs[path]).filter((o) => o !== undefined);
  const onDemandBytes = Object.entries(outputs).filter(([path]) => !atStart.has(path) && !path.endsWith(".map")).reduce((sum, [, o]) => sum + o.bytes, 0);
  const perPackage = new Map<string, number>();
  for (const output of loaded) for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) perPackage.set(packageOf(input), (perPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  const heavy = [...perPackage]
    .filter(([, bytes]) => bytes >= HEAVY_BYTES)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ name, bytes }));
  return {
    entry,
    callsModel,
    bytes: loaded.reduce((sum, o) => sum + o.bytes, 0),
    onDemandBytes,
    limitBytes: callsModel ? MODEL_LIMIT_BYTES : PLAIN_LIMIT_BYTES,
    inputs: Object.keys(result.metafile.inputs),
    coldStartInputs: [...new Set(loaded.flatMap((output) => Object.keys(output.inputs)))],
    heavy,
  };
};

const kb = (bytes: number) => `${Math.round(bytes / 1024)}`;
const status = (b: HandlerBundle) => (b.bytes <= b.limitBytes ? "ok" : "OVER");

/** The table `pnpm bundles` prints. */
export const formatBundleTable = (bundles: readonly HandlerBundle[]): string => {
  const rows = bundles.map((b) => [b.entry, kb(b.bytes), kb(b.limitBytes), status(b), kb(b.onDemandBytes), b.heavy.map((h) => `${h.name} ${kb(h.bytes)}`).join(", ") || "-"]);
  const header = ["handler", "KB", "limit KB", "", "on demand KB", `packages ≥ ${kb(HEAVY_BYTES)} KB at cold start`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 1 || i === 2 || i === 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
};
