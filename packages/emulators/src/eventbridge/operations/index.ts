// The operation table: `X-Amz-Target: AWSEvents.<name>` → handler.
import { createArchive, deleteArchive, describeArchive, listArchives } from "./archives.js";
import type { Operation } from "./context.js";
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from "./eventBuses.js";
import { putEvents } from "./putEvents.js";
import { cancelReplay, describeReplay, listReplays, startReplay } from "./replays.js";
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from "./rules.js";
import { listTargetsByRule, putTargets, removeTargets } from "./targets.js";
import { testEventPattern } from "./testEventPattern.js";

export const operations: Readonly<Record<string, Operation>> = {
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
  CreateEventBus: createEventBus,
  DescribeEventBus: describeEventBus,
  ListEventBuses: listEventBuses,
  DeleteEventBus: deleteEventBus,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  EnableRule: enableRule,
  DisableRule: disableRule,
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  CreateArchive: createArchive,
  DescribeArchive: describeArchive,
  ListArchives: listArchives,
  DeleteArchive: deleteArchive,
  StartReplay: startReplay,
  DescribeReplay: describeReplay,
  ListReplays: listReplays,
  CancelReplay: cancelReplay,
};

export type { Operation, OperationContext } from "./context.js";
