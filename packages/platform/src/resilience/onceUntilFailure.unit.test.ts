import { describe, expect, it } from "vitest";
import { onceUntilFailure } from "./onceUntilFailure";

describe("onceUntilFailure", () => {
  it("loads once and shares the value among callers, also those that come while it loads", async () => {
    let loads = 0;
    const load = onceUntilFailure(async () => ++loads);

    expect(await Promise.all([load(), load()])).toEqual([1, 1]);
    expect(await load()).toBe(1);
    expect(loads).toBe(1);
  });

  it("loads again after a failure, so one failed import does not fail every later call", async () => {
    let attempts = 0;
    const load = onceUntilFailure(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("chunk missing");
      return "rules";
    });

    await expect(load()).rejects.toThrow("chunk missing");
    expect(await load()).toBe("rules");
    expect(await load()).toBe("rules");
    expect(attempts).toBe(2);
  });
});
