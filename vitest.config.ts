import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

// Two lanes: `unit` runs domain and service logic with in-memory adapters and injected clocks (no socket, no
// emulator, seconds); `e2e` runs the emulators, the local cloud and the sagas over real sockets.
const UNIT = ["packages/*/src/**/*.unit.test.ts", "packages/*/test/**/*.unit.test.ts", "services/*/src/**/*.unit.test.ts", "infra/**/*.unit.test.ts", "scripts/**/*.unit.test.ts", "apps/*/src/**/*.unit.test.ts"];
const E2E = ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "services/*/src/**/*.test.ts", "tests/**/*.test.ts", "infra/**/*.test.ts", "scripts/**/*.test.ts", "apps/*/test/**/*.test.ts"];

/**
 * The e2e files that take longest (seconds on CI's two cores), longest first. A fresh clone has no record of earlier
 * runs, so Vitest orders a lane's files by size, and the fault suite, a small file that runs for two minutes, started
 * last and ran alone for over a minute and a half at the end of the lane. Started first, its minutes overlap the rest.
 */
const LONGEST_FILES = [
  "packages/chaos/test/faultSuite.test.ts", // 117 s
  "tests/e2e/web/webClient.test.ts", // 104 s
  "scripts/cost/callsPerTurn.test.ts", // 41 s
  "tests/structure/checks.test.ts", // 40 s
  "tests/e2e/cloud/startCommand.test.ts", // 34 s
];

/** Vitest's own order (lanes, then earlier durations or sizes), with the longest files of a lane moved to its front. */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index < 0 ? LONGEST_FILES.length : index;
    };
    const position = new Map(sorted.map((spec, index) => [spec, index]));
    // Within a lane only: the lanes stay in Vitest's order (unit, then e2e), contiguous as it placed them.
    return [...sorted].sort((a, b) => (a.project.name === b.project.name ? rank(a) - rank(b) : 0) || (position.get(a) ?? 0) - (position.get(b) ?? 0));
  }
}

export default defineConfig({
  test: {
    pool: "forks",
    sequence: { sequencer: LongestFirstSequencer },
    // This machine runs Node 20 while Lambda runs 22+; the SDK's reminder would drown the test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      // isolate: false: a worker imports each module once for all the unit files it runs, not once per file (the lane
      // spent most of its time importing the same SDKs, schemas and lexicons again). Unit tests therefore hold no
      // module-level state between files: a test restores what it changes (env, timers) in its afterEach, and spies
      // and stubbed globals are put back after every test whether it passed or not.
      // groupOrder: `vitest run` (pnpm test) runs the unit lane, then the e2e lane; Vitest runs projects of different
      // maxWorkers only in different groups.
      { extends: true, test: { name: "unit", include: UNIT, testTimeout: 10_000, isolate: false, restoreMocks: true, unstubEnvs: true, unstubGlobals: true, sequence: { groupOrder: 0 } } },
      // e2e budgets are a loaded two-core CI machine's: a test waits up to 20 s for each state it polls for (until()),
      // often more than once, and a cloud takes seconds to start. They catch a hung test; no test is about speed.
      // maxWorkers 2: Vitest's default is one fewer than the cores, one file at a time on this two-core machine, while
      // an e2e file spends much of its time waiting on sockets, pollers and child processes. Two files at once took the
      // lane from 609 s to 397 s here, every test passing.
      { extends: true, test: { name: "e2e", include: E2E, exclude: ["**/node_modules/**", ...UNIT.map((glob) => glob)], testTimeout: 60_000, hookTimeout: 120_000, maxWorkers: 2, sequence: { groupOrder: 1 } } },
    ],
  },
});
