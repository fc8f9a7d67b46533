// CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus.
import { eventBusArn } from "../arns.js";
import { resourceAlreadyExists, validationError } from "../errors.js";
import { EVENT_BUS_NAME_OR_ARN_PATTERN, EVENT_BUS_NAME_PATTERN } from "../requestInput.js";
import type { EventBusRecord } from "../types.js";
import { existingBusName, wireTime, type Operation, type OperationContext } from "./context.js";
import { byName, paginate, readPaging } from "./pagination.js";

const describeBus = (bus: EventBusRecord, context: OperationContext) => ({
  Name: bus.name,
  Arn: eventBusArn(context.scope, bus.name),
  Description: bus.description,
  CreationTime: wireTime(bus.creationTime),
  LastModifiedTime: wireTime(bus.lastModifiedTime),
});

export const createEventBus: Operation = async (input, context) => {
  const name = input.string("Name", { required: true, min: 1, max: 256, pattern: EVENT_BUS_NAME_PATTERN });
  const eventSourceName = input.string("EventSourceName", { min: 1, max: 256 });
  const description = input.string("Description", { max: 512 });
  input.assertValid();
  if (eventSourceName !== undefined || name.startsWith("aws.")) {
    throw validationError("Partner event buses (EventSourceName, names starting with aws.) are not supported by this emulator.");
  }
  if (name.includes("/")) throw validationError(`Parameter Name is not valid. Reason: Event bus name ${name} must not contain '/'.`);
  if (context.state.buses.has(name)) throw resourceAlreadyExists(`Event bus ${name} already exists.`);
  const now = context.clock();
  context.state.buses.set(name, { name, description, creationTime: now, lastModifiedTime: now });
  await context.state.save();
  return { EventBusArn: eventBusArn(context.scope, name), Description: description };
};

export const describeEventBus: Operation = (input, context) => {
  const nameOrArn = input.string("Name", { min: 1, max: 1600, pattern: EVENT_BUS_NAME_OR_ARN_PATTERN });
  input.assertValid();
  const name = existingBusName(nameOrArn, context);
  const bus = context.state.buses.get(name);
  return bus ? describeBus(bus, context) : {};
};

export const listEventBuses: Operation = (input, context) => {
  const prefix = input.string("NamePrefix", { min: 1, max: 256, pattern: EVENT_BUS_NAME_PATTERN }) ?? "";
  const paging = readPaging(input);
  input.assertValid();
  const buses = [...context.state.buses.values()].filter((bus) => bus.name.startsWith(prefix)).sort(byName);
  const page = paginate(buses, paging, context.pageTokens, ["ListEventBuses", prefix]);
  return { EventBuses: page.items.map((bus) => describeBus(bus, context)), NextToken: page.nextToken };
};

/** Deleting a bus that does not exist succeeds, as on AWS; its rules and their targets go with it. */
export const deleteEventBus: Operation = async (input, context) => {
  const name = input.string("Name", { required: true, min: 1, max: 256, pattern: EVENT_BUS_NAME_PATTERN });
  input.assertValid();
  if (name === "default") throw validationError("Cannot delete event bus default.");
  if (!context.state.buses.delete(name)) return {};
  context.state.rules.delete(name);
  await context.state.save();
  return {};
};
