// Writes the generated catalog to docs/catalog, or compares it with what is there (the CI check).
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_CATALOG_DIR = fileURLToPath(new URL("../../../../docs/catalog", import.meta.url));

export interface CatalogDifference {
  path: string;
  problem: "missing" | "changed" | "stale";
}

const listFiles = async (dir: string): Promise<string[]> => {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"));
};

/** What differs between the files on disk and the generated ones: missing, changed, or stale (no schema makes it any more). */
export const compareCatalog = async (dir: string, generated: ReadonlyMap<string, string>): Promise<CatalogDifference[]> => {
  const differences: CatalogDifference[] = [];
  for (const [path, content] of generated) {
    const onDisk = await readFile(join(dir, path), "utf8").catch(() => undefined);
    if (onDisk === undefined) differences.push({ path, problem: "missing" });
    else if (onDisk !== content) differences.push({ path, problem: "changed" });
  }
  for (const path of await listFiles(dir)) if (!generated.has(path)) differences.push({ path, problem: "stale" });
  return differences.sort((a, b) => a.path.localeCompare(b.path));
};

/** Writes every generated file and removes files no schema makes any more. Returns the paths written or removed. */
export const writeCatalog = async (dir: string, generated: ReadonlyMap<string, string>): Promise<CatalogDifference[]> => {
  const differences = await compareCatalog(dir, generated);
  for (const difference of differences) {
    const path = join(dir, difference.path);
    if (difference.problem === "stale") {
      await rm(path);
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, generated.get(difference.path) ?? "", "utf8");
  }
  return differences;
};
