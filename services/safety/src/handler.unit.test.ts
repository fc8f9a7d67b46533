// The safety service refuses to start without its classifier: a missing or damaged model file is a typed error at start, never a screener that allows everything.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceRuntime } from "@innerworld/platform/runtime";
import { DEFAULT_MODEL_PATH } from "@innerworld/screening";
import type { SecondOpinionPort } from "@innerworld/screening";
import { createHandler, secondOpinionOnDemand } from "./handler";

const runtime = () =>
  createServiceRuntime("safety", {
    region: "us-east-1",
    busName: "innerworld",
    tablePrefix: "innerworld-test",
    endpoints: { dynamodb: "http://127.0.0.1:1", eventBridge: "http://127.0.0.1:1", sqs: "http://127.0.0.1:1" },
    deadLetterQueueUrls: {},
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });

describe("starting the safety service", () => {
  const before = process.env.INNERWORLD_SCREENING_MODEL;
  afterEach(() => {
    if (before === undefined) delete process.env.INNERWORLD_SCREENING_MODEL;
    else process.env.INNERWORLD_SCREENING_MODEL = before;
  });

  it("starts with the committed model", () => {
    process.env.INNERWORLD_SCREENING_MODEL = DEFAULT_MODEL_PATH;
    expect(typeof createHandler(runtime())).toBe("function");
  });

  it("refuses to start without its model file", () => {
    process.env.INNERWORLD_SCREENING_MODEL = join(tmpdir(), "innerworld-no-such-model.json");
    expect(() => createHandler(runtime())).toThrow(expect.objectContaining({ name: "ScreeningModelError", code: "SCREENING_MODEL_MISSING" }));
  });

  it("refuses to start with a damaged model file", () => {
    const dir = mkdtempSync(join(tmpdir(), "innerworld-model-"));
    try {
      const path = join(dir, "model.json");
      writeFileSync(path, '{"format":"innerworld-screening-classifier","formatVersion":1,"weights":');
      process.env.INNERWORLD_SCREENING_MODEL = path;
      expect(() => createHandler(runtime())).toThrow(expect.objectContaining({ code: "SCREENING_MODEL_CORRUPT" }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the second opinion on demand", () => {
  const request = { text: "i'm done", recent: [], signal: new AbortController().signal };
  const loader = (failFirst: number) => {
    const made: string[] = [];
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls <= failFirst) throw new Error("module failed to load");
      return {
        createModelSecondOpinion: (options: { model?: string }): SecondOpinionPort => {
          made.push(options.model ?? "");
          return { assess: async ({ text }) => ({ level: text.length > 3 ? "concern" : "none", category: "hopelessness" }) };
        },
      };
    };
    return { load, made, calls: () => calls };
  };

  it("loads the client with the first question, not when the service starts, and once for every later question", async () => {
    const { load, made, calls } = loader(0);
    const secondOpinion = secondOpinionOnDemand({ model: "screen-model" }, load);
    expect(calls()).toBe(0);
    await expect(secondOpinion.assess(request)).resolves.toEqual({ level: "concern", category: "hopelessness" });
    await Promise.all([secondOpinion.assess(request), secondOpinion.assess(request)]);
    expect(calls()).toBe(1);
    expect(made).toEqual(["screen-model"]);
  });

  it("fails the question whose load failed, and loads again for the next", async () => {
    const { load, made, calls } = loader(1);
    const secondOpinion = secondOpinionOnDemand({ model: "screen-model" }, load);
    await expect(secondOpinion.assess(request)).rejects.toThrow("module failed to load");
    await expect(secondOpinion.assess(request)).resolves.toEqual({ level: "concern", category: "hopelessness" });
    expect(calls()).toBe(2);
    expect(made).toEqual(["screen-model"]);
  });
});
