// The idle-session sweep: once a minute the gateway ends idle, expired and long-disconnected sessions.
import type { GatewayPlan } from "./plan";
import { createFunction, type FunctionContext } from "./functions";

export const createSessionSweep = (plan: GatewayPlan["sweep"], context: FunctionContext) => {
  const handler = createFunction(plan.function, context);
  new sst.aws.CronV2(plan.logicalName, { schedule: plan.schedule, function: handler });
  return handler;
};
