import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuitBreaker";

function breakerWithClock(failureThreshold = 3, resetMs = 1000) {
  const clock = { now: 0 };
  const breaker = new CircuitBreaker({ failureThreshold, resetMs, now: () => clock.now });
  return { breaker, clock };
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures and refuses requests", () => {
    const { breaker } = breakerWithClock(3);

    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.state).toBe("closed");
    expect(breaker.allowRequest()).toBe(true);
    breaker.onFailure();

    expect(breaker.state).toBe("open");
    expect(breaker.allowRequest()).toBe(false);
  });

  it("is not reopened, nor counted open again, by calls that started before it opened and fail after", () => {
    const clock = { now: 0 };
    const opened: number[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetMs: 1000, now: () => clock.now, onOpen: () => opened.push(clock.now) });
    for (let i = 0; i < 3; i += 1) breaker.onFailure();

    clock.now = 900;
    breaker.onFailure();
    breaker.onFailure();
    clock.now = 1000;

    expect(opened).toEqual([0]);
    expect(breaker.state).toBe("half-open");
  });

  it("counts only consecutive failures: a success in between starts over", () => {
    const { breaker } = breakerWithClock(2);

    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();

    expect(breaker.state).toBe("closed");
  });

  it("lets exactly one trial through after resetMs, and closes when it succeeds", () => {
    const { breaker, clock } = breakerWithClock(1, 1000);
    breaker.onFailure();

    clock.now = 999;
    expect(breaker.allowRequest()).toBe(false);
    clock.now = 1000;
    expect(breaker.state).toBe("half-open");
    expect(breaker.allowRequest()).toBe(true);
    expect(breaker.allowRequest()).toBe(false);
    breaker.onSuccess();

    expect(breaker.state).toBe("closed");
    expect(breaker.allowRequest()).toBe(true);
  });

  it("reopens for another resetMs when the trial fails", () => {
    const { breaker, clock } = breakerWithClock(2, 1000);
    breaker.onFailure();
    breaker.onFailure();
    clock.now = 1500;
    expect(breaker.allowRequest()).toBe(true);

    breaker.onFailure();

    expect(breaker.state).toBe("open");
    clock.now = 2499;
    expect(breaker.allowRequest()).toBe(false);
    clock.now = 2500;
    expect(breaker.allowRequest()).toBe(true);
  });

  it("frees the trial slot when the trial is cancelled, without judging the model", () => {
    const { breaker, clock } = breakerWithClock(1, 10);
    breaker.onFailure();
    clock.now = 10;
    expect(breaker.allowRequest()).toBe(true);

    breaker.onCancel();

    expect(breaker.state).toBe("half-open");
    expect(breaker.allowRequest()).toBe(true);
  });

  it("refuses nonsense settings", () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, resetMs: 10 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failureThreshold: 1, resetMs: -1 })).toThrow(RangeError);
  });
});
