// What every port contract suite opens with: the clock and lifetime of the adapter under test. It lives beside the
// emulators rather than in @innerworld/testing, which the domain packages cannot reach without a package cycle
// (testing → local → every domain); it imports no emulator, so the in-memory suites stay light in the unit lane.
import { manualClock, type Clock, type ManualClock } from "@innerworld/platform/clock";
import { afterAll, beforeAll, beforeEach } from "vitest";

interface OpenedAdapter {
  close(): Promise<void>;
}

/**
 * Registers a contract suite's hooks (call it inside its `describe`): the adapter is opened once on a manual clock that
 * stands at `start`, handed to `ready`, closed after the suite; before each test the clock is set back to `start`.
 */
export function adapterUnderTest<Opened extends OpenedAdapter>(options: { start: string; open: (clock: Clock) => Promise<Opened>; ready: (opened: Opened) => void }): ManualClock {
  const clock = manualClock(options.start);
  let opened: Opened | undefined;
  beforeAll(async () => {
    opened = await options.open(clock);
    options.ready(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(() => {
    clock.set(options.start);
  });
  return clock;
}
