// The local cloud's kept secret: made once per data folder, owner-only, the same on every later start.
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localSecretIn } from "../src/cloud/localSecret";

describe("a secret kept in the local data folder", () => {
  const folders: string[] = [];
  const folder = async () => {
    const made = await mkdtemp(join(tmpdir(), "innerworld-secret-"));
    folders.push(made);
    return made;
  };
  afterEach(async () => {
    for (const made of folders.splice(0)) await rm(made, { recursive: true, force: true });
  });

  it("is made once, readable by its owner alone, and read back on every later start", async () => {
    const dataDir = await folder();
    const first = await localSecretIn(dataDir, "survey-source.secret");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(dataDir, "survey-source.secret"))).mode & 0o777).toBe(0o600);
    expect(await localSecretIn(dataDir, "survey-source.secret")).toBe(first);
    expect(await localSecretIn(await folder(), "survey-source.secret")).not.toBe(first);
  });

  it("is one secret when two starts make it at once, and an operator's own value is kept", async () => {
    const dataDir = await folder();
    const [a, b] = await Promise.all([localSecretIn(dataDir, "s.secret"), localSecretIn(dataDir, "s.secret")]);
    expect(a).toBe(b);
    const own = await folder();
    await writeFile(join(own, "s.secret"), "an-operator-chosen-secret-of-enough-length\n");
    expect(await localSecretIn(own, "s.secret")).toBe("an-operator-chosen-secret-of-enough-length");
  });
});
