// The structure checks CI runs (`pnpm check:deps`, `pnpm check:unused`) pass on the real tree and fail on each kind of
// violation they exist for, planted in a copy of it: a service importing another service, a domain package importing
// the emulators, two packages depending on each other through files that form no cycle, an unused dependency, an
// unused export.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const CHECK_TIMEOUT_MS = 240_000;

interface CheckRun {
  passed: boolean;
  output: string;
}

/** Runs a root script's command line, as `pnpm <script>` would, in the given tree. */
const runScript = (tree: string, script: "check:deps" | "check:unused"): CheckRun => {
  const command = SCRIPTS[script];
  if (!command) throw new Error(`package.json has no ${script} script`);
  const run = spawnSync("sh", ["-c", command], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, PATH: `${join(tree, "node_modules", ".bin")}:${process.env.PATH ?? ""}`, FORCE_COLOR: "0", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { passed: run.status === 0, output: `${run.stdout}${run.stderr}` };
};

/**
 * A copy of the working tree (tracked and untracked, not ignored) with node_modules as pnpm laid it out: the root's
 * store linked, each workspace package's links copied, so `@innerworld/*` resolves inside the copy.
 */
const copyTree = (): string => {
  const tree = mkdtempSync(join(tmpdir(), "innerworld-structure-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    cpSync(join(ROOT, file), join(tree, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"));
  for (const manifest of files.filter((file) => /^(packages|services|tests|scripts|apps)\/[^/]+\/package\.json$/.test(file))) {
    const modules = join(ROOT, dirname(manifest), "node_modules");
    if (existsSync(modules)) cpSync(modules, join(tree, dirname(manifest), "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  return tree;
};

/** Plants files, package.json edits and workspace links in the tree; returns what undoes them. */
const plant = (
  tree: string,
  changes: { files?: Record<string, string>; dependencies?: Record<string, Record<string, string>>; links?: Record<string, string> },
): (() => void) => {
  const undo: (() => void)[] = [];
  for (const [file, text] of Object.entries(changes.files ?? {})) {
    const path = join(tree, file);
    const before = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    writeFileSync(path, before === undefined ? text : `${before}${text}`);
    undo.push(() => (before === undefined ? rmSync(path) : writeFileSync(path, before)));
  }
  for (const [packageDir, dependencies] of Object.entries(changes.dependencies ?? {})) {
    const path = join(tree, packageDir, "package.json");
    const before = readFileSync(path, "utf8");
    const manifest = JSON.parse(before) as { dependencies?: Record<string, string> };
    manifest.dependencies = { ...manifest.dependencies, ...dependencies };
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    undo.push(() => writeFileSync(path, before));
  }
  // `packages/events -> packages/screening`: what `pnpm install` would link for a new workspace dependency.
  for (const [packageDir, target] of Object.entries(changes.links ?? {})) {
    const name = (JSON.parse(readFileSync(join(tree, target, "package.json"), "utf8")) as { name: string }).name;
    const link = join(tree, packageDir, "node_modules", name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(tree, target)), link);
    undo.push(() => rmSync(link));
  }
  return () => undo.reverse().forEach((step) => step());
};

describe("structure checks", () => {
  let tree: string;
  beforeAll(() => {
    tree = copyTree();
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  const failsWith = (script: "check:deps" | "check:unused", changes: Parameters<typeof plant>[1]): CheckRun => {
    const undo = plant(tree, changes);
    try {
      return runScript(tree, script);
    } finally {
      undo();
    }
  };

  it("pass on the real tree", () => {
    const deps = runScript(ROOT, "check:deps");
    expect(deps.output).toContain("no dependency violations found");
    expect(deps.output).toContain("no package cycles");
    expect(deps.passed).toBe(true);
    const unused = runScript(ROOT, "check:unused");
    expect(unused.output.trim()).toBe("");
    expect(unused.passed).toBe(true);
  }, CHECK_TIMEOUT_MS);

  it("refuse a service importing another service", () => {
    const run = failsWith("check:deps", {
      files: { "services/storage/src/planted.ts": 'import { createHandler } from "@innerworld/notifier";\nexport const planted = createHandler;\n' },
      dependencies: { "services/storage": { "@innerworld/notifier": "workspace:*" } },
      links: { "services/storage": "services/notifier" },
    });
    expect(run.passed).toBe(false);
    expect(run.output).toMatch(/service-imports-another-service: services\/storage\/src\/planted\.ts → services\/notifier\//);
  }, CHECK_TIMEOUT_MS);

  it("refuse a domain package importing the emulators", () => {
    const run = failsWith("check:deps", {
      files: { "packages/memory/src/context/planted.ts": 'import { localCredentials } from "@innerworld/emulators/net";\nexport const planted = localCredentials;\n' },
    });
    expect(run.passed).toBe(false);
    expect(run.output).toMatch(/domain-imports-local-cloud: packages\/memory\/src\/context\/planted\.ts → packages\/emulators\//);
  }, CHECK_TIMEOUT_MS);

  it("refuse two packages that depend on each other though their files form no cycle", () => {
    const run = failsWith("check:deps", {
      files: {
        "packages/events/src/planted.ts": 'import { screenInput } from "@innerworld/screening";\nexport const planted = screenInput;\n',
        "packages/screening/src/planted.ts": 'import { TOPOLOGY } from "@innerworld/events";\nexport const planted = TOPOLOGY;\n',
      },
      dependencies: { "packages/events": { "@innerworld/screening": "workspace:*" }, "packages/screening": { "@innerworld/events": "workspace:*" } },
      links: { "packages/events": "packages/screening", "packages/screening": "packages/events" },
    });
    expect(run.passed).toBe(false);
    // The file-level rules see nothing wrong; the package-level check does, in the manifests and in the imports.
    expect(run.output).toContain("no dependency violations found");
    expect(run.output).toMatch(/package-cycle \(declared\)[^]*@innerworld\/events → @innerworld\/screening[^]*@innerworld\/screening → @innerworld\/events/);
    expect(run.output).toMatch(/package-cycle \(imported\)[^]*packages\/events\/src\/planted\.ts imports packages\/screening\//);
  }, CHECK_TIMEOUT_MS);

  it("refuse a dependency nothing imports", () => {
    const run = failsWith("check:unused", { dependencies: { "services/gateway": { obscenity: "^0.4.6" } } });
    expect(run.passed).toBe(false);
    expect(run.output).toMatch(/Unused dependencies \(1\)\s+obscenity\s+services\/gateway\/package\.json/);
  }, CHECK_TIMEOUT_MS);

  it("refuse an export nothing imports", () => {
    const run = failsWith("check:unused", { files: { "packages/platform/src/clock/time.ts": "export const plantedUnusedExport = 1;\n" } });
    expect(run.passed).toBe(false);
    expect(run.output).toMatch(/Unused exports \(1\)\s+plantedUnusedExport\s+packages\/platform\/src\/clock\/time\.ts/);
  }, CHECK_TIMEOUT_MS);
});
