// `pnpm chaos` as an operator first types it: --help prints what it does, a wrong option says so with the usage.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { encoding: "utf8" });

describe("pnpm chaos", () => {
  it("prints its usage for --help and runs nothing", () => {
    const result = run("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: pnpm chaos [--ci] [--only <row>]");
    expect(result.stderr).not.toContain("at ");
  });

  it("refuses an option it does not know with the usage, not a stack trace", () => {
    const result = run("--bogus");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
    expect(result.stderr).toContain("Usage: pnpm chaos");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
