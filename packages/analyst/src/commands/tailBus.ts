// `tail`: live events on the bus as they arrive, through a temporary rule and queue deleted on Ctrl-C.
import { BusTap } from "../bus/BusTap";
import type { BusEvent } from "../busEvent";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { parseEventTypes } from "./planReplay";

export interface TailRequest {
  types?: readonly string[];
  reporter: Reporter;
  /** Called for each event as it arrives. */
  onEvent: (event: BusEvent) => void;
  /** Ctrl-C: stop, delete the rule and queue. */
  signal: AbortSignal;
  /** Stop after this many events (scripts, tests). */
  max?: number;
  /** Called once the rule and queue exist, so a caller knows events put from now on will show. */
  onReady?: () => void;
}

/** Our services' events (source `innerworld.*`), optionally some types only. Replays reach only the rules they name, so none show here. */
export const tailPattern = (types: readonly string[]): Record<string, unknown> => ({
  source: [{ prefix: "innerworld." }],
  ...(types.length > 0 ? { "detail-type": [...types] } : {}),
});

export const tailBus = async (target: AnalystTarget, request: TailRequest): Promise<number> => {
  const types = parseEventTypes(request.types ?? []);
  const { reporter, signal } = request;
  reporter.say(`target: ${target.description}`);
  const tap = await BusTap.open(target, { pattern: tailPattern(types), purpose: `tail of ${types.length > 0 ? types.join(", ") : "every event type"}`, reporter });
  let count = 0;
  try {
    if (target.timings.ruleSettleMs > 0) reporter.say("AWS may take a few seconds before a new rule starts matching: the first events can be missed");
    reporter.say(`tailing ${target.busName}${types.length > 0 ? ` (${types.join(", ")})` : ""}; Ctrl-C stops and cleans up`);
    request.onReady?.();
    while (!signal.aborted && (request.max === undefined || count < request.max)) {
      const batch = await tap.receive(target.timings.receiveWaitSeconds);
      for (const event of batch) {
        if (request.max !== undefined && count >= request.max) break;
        count += 1;
        request.onEvent(event);
      }
    }
    reporter.say(`stopped after ${count} events`);
    return count;
  } finally {
    await tap.close();
  }
};
