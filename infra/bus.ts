// The event bus every service shares and its archive for replay: the core app owns both, the others look the bus up by name.
import type { CorePlan } from "./plan";

export const createBus = (plan: CorePlan["bus"]) => {
  const bus = new sst.aws.Bus(plan.logicalName, { transform: { bus: { name: plan.name } } });
  // Everything on the bus is archived; a replay names the rules it goes to, and live-side-effect rules ignore replays anyway.
  new aws.cloudwatch.EventArchive(plan.archive.logicalName, {
    name: plan.archive.name,
    eventSourceArn: bus.arn,
    retentionDays: plan.archive.retentionDays,
    description: "Every InnerWorld event, for replay into one consumer",
  });
  return bus;
};

export const lookUpBus = (plan: CorePlan["bus"]) => sst.aws.Bus.get(plan.logicalName, plan.name);
