// The limit holds under a burst: never more than N running, every task runs once, in order, failures included.
import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "./concurrencyLimit";

describe("concurrencyLimit", () => {
  it("runs a burst of 5,000 tasks at most 8 at a time, each once, in arrival order", async () => {
    const limit = concurrencyLimit(8);
    let running = 0;
    let peak = 0;
    const started: number[] = [];

    await Promise.all(
      Array.from({ length: 5_000 }, (_, i) =>
        limit(async () => {
          started.push(i);
          running += 1;
          peak = Math.max(peak, running);
          await Promise.resolve();
          running -= 1;
        }),
      ),
    );

    expect(peak).toBe(8);
    expect(started).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    expect([limit.active, limit.queued]).toEqual([0, 0]);
  });

  it("frees the slot of a task that fails and hands its error to the caller", async () => {
    const limit = concurrencyLimit(1);

    const failed = limit(() => Promise.reject(new Error("table unavailable")));
    const after = limit(() => Promise.resolve("ran"));

    await expect(failed).rejects.toThrow("table unavailable");
    await expect(after).resolves.toBe("ran");
  });
});
