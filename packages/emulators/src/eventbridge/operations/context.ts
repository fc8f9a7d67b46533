// What every operation handler receives, and the helpers they share to find buses and rules and to write timestamps.
import type { Clock } from "@innerworld/platform/clock";
import type { ArchiveStore } from "../archive.js";
import { eventBusNameFrom, type AccountScope } from "../arns.js";
import { eventBusNotFound, ruleNotFound } from "../errors.js";
import type { EventRouter } from "../eventRouter.js";
import type { ReplayRunner } from "../replay.js";
import type { PageTokens } from "./pagination.js";
import type { RequestInput } from "../requestInput.js";
import type { EmulatorState } from "../state.js";
import type { EmulatorLogger, RuleRecord } from "../types.js";

export interface OperationContext {
  scope: AccountScope;
  state: EmulatorState;
  archives: ArchiveStore;
  router: EventRouter;
  replays: ReplayRunner;
  log: EmulatorLogger;
  /** Seals the NextTokens the List* operations give out, and opens the ones they are given. */
  pageTokens: PageTokens;
  /** What the emulator takes as now: creation, event and replay times. */
  clock: Clock;
}

/** One `AWSEvents.<Op>` handler: reads its input, returns the output structure (undefined members are left out on the wire). */
export type Operation = (input: RequestInput, context: OperationContext) => Promise<object> | object;

/** JSON 1.1 writes timestamps as epoch seconds. */
export const wireTime = (epochMs: number | undefined): number | undefined => (epochMs === undefined ? undefined : epochMs / 1000);

/** Resolves an `EventBusName` member (name or ARN, default when absent) to an existing bus, or throws ResourceNotFoundException. */
export const existingBusName = (nameOrArn: string | undefined, context: OperationContext): string => {
  const name = eventBusNameFrom(nameOrArn, context.scope);
  if (name === undefined || !context.state.buses.has(name)) throw eventBusNotFound(name ?? nameOrArn ?? "default");
  return name;
};

export const existingRule = (ruleName: string, busName: string, context: OperationContext): RuleRecord => {
  const rule = context.state.rules.get(busName)?.get(ruleName);
  if (!rule) throw ruleNotFound(ruleName, busName);
  return rule;
};
