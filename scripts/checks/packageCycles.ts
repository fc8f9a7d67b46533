// `pnpm check:deps`, second half: no cycle between workspace packages, neither in what their package.json files declare
// nor in what their files import. dependency-cruiser's `circular` rule sees a cycle only where files form one; two
// packages can depend on each other through files that never do (a bench here, a helper there), and that still makes
// neither package buildable, testable or movable on its own. Usage: tsx scripts/checks/packageCycles.ts [root]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The folders whose children are workspace packages (pnpm-workspace.yaml), and the root's own tree. */
const WORKSPACE_FOLDERS = ["packages", "services", "tests", "scripts", "apps"];

/** A directed graph between package names, each edge with the evidence that drew it. */
type PackageGraph = Map<string, Map<string, string>>;

interface WorkspacePackage {
  name: string;
  /** Relative to the root, e.g. `packages/memory`. */
  dir: string;
  declared: string[];
}

const workspacePackages = (root: string): WorkspacePackage[] =>
  WORKSPACE_FOLDERS.filter((folder) => existsSync(join(root, folder))).flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, folder, entry.name, "package.json")))
      .map((entry) => {
        const manifest = JSON.parse(readFileSync(join(root, folder, entry.name, "package.json"), "utf8")) as Record<string, Record<string, string> | string | undefined>;
        const deps = { ...(manifest.dependencies as Record<string, string> | undefined), ...(manifest.devDependencies as Record<string, string> | undefined) };
        return { name: String(manifest.name), dir: `${folder}/${entry.name}`, declared: Object.keys(deps) };
      }),
  );

const addEdge = (graph: PackageGraph, from: string, to: string, evidence: string) => {
  if (from === to) return;
  const edges = graph.get(from) ?? new Map<string, string>();
  if (!edges.has(to)) edges.set(to, evidence);
  graph.set(from, edges);
};

/** Edges from each package's dependencies and devDependencies on other workspace packages. */
const declaredGraph = (packages: readonly WorkspacePackage[]): PackageGraph => {
  const names = new Set(packages.map((p) => p.name));
  const graph: PackageGraph = new Map();
  for (const p of packages) for (const dep of p.declared) if (names.has(dep)) addEdge(graph, p.name, dep, `${p.dir}/package.json declares ${dep}`);
  return graph;
};

/** The module graph as dependency-cruiser resolves it (same configuration as the rules), folded onto packages. */
const importedGraph = (root: string, packages: readonly WorkspacePackage[]): PackageGraph => {
  const depcruise = join(root, "node_modules", ".bin", "depcruise");
  const roots = [...WORKSPACE_FOLDERS, "infra"].filter((folder) => existsSync(join(root, folder)));
  const json = execFileSync(depcruise, [...roots, "--config", ".dependency-cruiser.cjs", "--output-type", "json", "--no-progress"], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const result = JSON.parse(json) as { modules: { source: string; dependencies: { resolved: string }[] }[] };
  const byDir = [...packages].sort((a, b) => b.dir.length - a.dir.length);
  const packageOf = (file: string) => byDir.find((p) => file.startsWith(`${p.dir}/`))?.name;
  const graph: PackageGraph = new Map();
  for (const module of result.modules) {
    const from = packageOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = packageOf(dependency.resolved);
      if (to) addEdge(graph, from, to, `${module.source} imports ${dependency.resolved}`);
    }
  }
  return graph;
};

/** Every strongly connected set of two or more packages, as one cycle through it with the evidence for each edge. */
const packageCycles = (graph: PackageGraph): string[][] => {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((edges) => [...edges.keys()])]);
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component);
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => describeCycle(graph, new Set(component)));
};

/** A shortest way round the component from its first package, one line per edge: `a → b (evidence)`. */
const describeCycle = (graph: PackageGraph, members: ReadonlySet<string>): string[] => {
  const start = [...members].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return [...path, start].slice(0, -1).map((from, i, all) => {
          const to = all[i + 1] ?? start;
          return `${from} → ${to} (${graph.get(from)?.get(to)})`;
        });
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...members];
};

const main = () => {
  const root = resolve(process.argv[2] ?? ".");
  const packages = workspacePackages(root);
  const found = [
    ...packageCycles(declaredGraph(packages)).map((cycle) => ({ kind: "declared", cycle })),
    ...packageCycles(importedGraph(root, packages)).map((cycle) => ({ kind: "imported", cycle })),
  ];
  for (const { kind, cycle } of found) console.error(`  error package-cycle (${kind}):\n    ${cycle.join("\n    ")}\n`);
  if (found.length > 0) {
    console.error(`x ${found.length} package cycle(s)`);
    process.exit(1);
  }
  console.log(`✔ no package cycles (${packages.length} workspace packages, declared and imported)`);
};

main();
