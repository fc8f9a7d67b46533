// The safety service refuses to start without its classifier: a missing or damaged model file is a typed error at start, never a screener that allows everything.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceRuntime } from "@innerworld/platform/runtime";
import { DEFAULT_MODEL_PATH } from "@innerworld/screening";
import { createHandler } from "./handler";

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
