// An invocation's deadline: a signal that fires a reserve before the function's timeout, on the invocation's own count.
import { afterEach, describe, expect, it, vi } from "vitest";
import { invocationDeadline } from "../src/invocationDeadline";

describe("the invocation deadline", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires the reserve before the function's timeout, with a typed reason", () => {
    vi.useFakeTimers();
    const deadline = invocationDeadline({ getRemainingTimeInMillis: () => 60_000 }, 10_000);
    vi.advanceTimersByTime(49_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.reason).toMatchObject({ code: "INVOCATION_TIME_RUNNING_OUT", budgetMs: 50_000 });
  });

  it("fires at once when less than the reserve is left", () => {
    vi.useFakeTimers();
    const deadline = invocationDeadline({ getRemainingTimeInMillis: () => 3_000 }, 10_000);
    vi.advanceTimersByTime(0);
    expect(deadline.signal.aborted).toBe(true);
  });

  it("never fires once released", () => {
    vi.useFakeTimers();
    const deadline = invocationDeadline({ getRemainingTimeInMillis: () => 60_000 }, 10_000);
    deadline.release();
    vi.advanceTimersByTime(120_000);
    expect(deadline.signal.aborted).toBe(false);
  });
});
