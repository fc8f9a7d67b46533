// A secret the local cloud keeps beside its data, as a deployed stage keeps one in SST: made once, read on every start.
import { randomBytes } from "node:crypto";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The value stored in `dataDir/<fileName>`, or a new random one written there (owner-only) when there is none. Kept
 * across restarts because what it keys is stored: a survey's counts per network would start again under a new key.
 */
export const localSecretIn = async (dataDir: string, fileName: string): Promise<string> => {
  const path = join(dataDir, fileName);
  const stored = await readFile(path, "utf8").then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    },
  );
  if (stored) return stored;
  // Written whole under a name of its own, then linked into place: two starts on one folder at once keep the first's
  // secret (the second link fails) and neither reads a file half written.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, randomBytes(32).toString("hex"), { mode: 0o600 });
  try {
    await link(draft, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(draft, { force: true });
  }
  return (await readFile(path, "utf8")).trim();
};
