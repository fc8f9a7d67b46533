// Background work never crowds live frames: one task at a time, each step waiting for live frames in flight.
import { describe, expect, it } from "vitest";
import { liveFirst } from "./liveFirst";
import { DISCONNECT_CONCURRENCY } from "./routes";

/** A delay the test fires by hand, to stand for the yield running out. */
const manualDelay = () => {
  const pending: (() => void)[] = [];
  return {
    delay: (_ms: number) => new Promise<void>((resolve) => pending.push(resolve)),
    fire: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
};

const settle = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

/** A promise and the function that resolves it. */
const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe("liveFirst", () => {
  it("runs the gateway's disconnect burst one at a time, so at most one background store call competes with a live frame", async () => {
    const lanes = liveFirst({ backgroundConcurrency: DISCONNECT_CONCURRENCY, yieldMs: 200 });
    let running = 0;
    let peak = 0;

    await Promise.all(
      Array.from({ length: 500 }, () =>
        lanes.background(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await settle();
          running -= 1;
        }),
      ),
    );

    expect(peak).toBe(1);
  });

  it("starts background work only once the live frame in flight has finished", async () => {
    const { delay } = manualDelay();
    const lanes = liveFirst({ backgroundConcurrency: 1, yieldMs: 200, delay });
    const frame = gate();
    const order: string[] = [];
    const live = lanes.live(async () => {
      await frame.opened;
      order.push("live");
    });

    const background = lanes.background(async () => {
      order.push("background");
    });
    await settle();
    expect(order).toEqual([]);

    frame.open();
    await Promise.all([live, background]);
    expect(order).toEqual(["live", "background"]);
  });

  it("waits between a background task's steps for a live frame that arrived meanwhile", async () => {
    const { delay } = manualDelay();
    const lanes = liveFirst({ backgroundConcurrency: 1, yieldMs: 200, delay });
    const frame = gate();
    const steps: string[] = [];
    let live: Promise<void> = Promise.resolve();

    const background = lanes.background(async (between) => {
      steps.push("close connection");
      live = lanes.live(async () => {
        await frame.opened;
        steps.push("live frame");
      });
      await between();
      steps.push("find sessions");
    });
    await settle();
    expect(steps).toEqual(["close connection"]);

    frame.open();
    await Promise.all([background, live]);
    expect(steps).toEqual(["close connection", "live frame", "find sessions"]);
  });

  it("goes ahead after the yield when live frames never stop, so a busy gateway still marks disconnects", async () => {
    const { delay, fire } = manualDelay();
    const lanes = liveFirst({ backgroundConcurrency: 1, yieldMs: 200, delay });
    const endless = gate();
    void lanes.live(() => endless.opened);
    let ran = false;

    const background = lanes.background(async () => {
      ran = true;
    });
    await settle();
    expect(ran).toBe(false);

    fire();
    await background;
    expect(ran).toBe(true);
    expect(lanes.liveInFlight).toBe(1);
    endless.open();
  });
});
