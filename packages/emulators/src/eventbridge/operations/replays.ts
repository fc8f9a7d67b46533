// StartReplay, DescribeReplay, ListReplays, CancelReplay. The replay itself runs in ReplayRunner.
import { eventsResourceName, replayArn } from "../arns.js";
import { eventBusNotFound, illegalStatus, resourceAlreadyExists, resourceNotFound, validationError } from "../errors.js";
import { EVENTS_ARN_PATTERN, NAME_PATTERN } from "../requestInput.js";
import type { ReplayRecord, ReplayState } from "../types.js";
import { wireTime, type Operation, type OperationContext } from "./context.js";
import { byName, paginate, readPaging } from "./pagination.js";

const REPLAY_STATES: readonly ReplayState[] = ["STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"];

const summarize = (replay: ReplayRecord) => ({
  ReplayName: replay.name,
  EventSourceArn: replay.eventSourceArn,
  State: replay.state,
  StateReason: replay.stateReason,
  EventStartTime: wireTime(replay.eventStartTime),
  EventEndTime: wireTime(replay.eventEndTime),
  EventLastReplayedTime: wireTime(replay.eventLastReplayedTime),
  ReplayStartTime: wireTime(replay.replayStartTime),
  ReplayEndTime: wireTime(replay.replayEndTime),
});

const existingReplay = (name: string, context: OperationContext): ReplayRecord => {
  const replay = context.state.replays.get(name);
  if (!replay) throw resourceNotFound(`Replay ${name} does not exist.`);
  return replay;
};

const readReplayName = (input: Parameters<Operation>[0]): string =>
  input.string("ReplayName", { required: true, min: 1, max: 64, pattern: NAME_PATTERN });

export const startReplay: Operation = async (input, context) => {
  const name = readReplayName(input);
  const description = input.string("Description", { max: 512 });
  const eventSourceArn = input.string("EventSourceArn", { required: true, min: 1, max: 1600, pattern: EVENTS_ARN_PATTERN });
  const eventStartTime = input.timestamp("EventStartTime", { required: true });
  const eventEndTime = input.timestamp("EventEndTime", { required: true });
  const destinationInput = input.structure("Destination", { required: true });
  const destinationArn = destinationInput.string("Arn", { required: true, min: 1, max: 1600 });
  const filterArns = destinationInput.strings("FilterArns");
  input.assertValid();

  const { state, scope } = context;
  if (state.replays.has(name)) throw resourceAlreadyExists(`Replay ${name} already exists.`);
  if (eventEndTime <= eventStartTime) {
    throw validationError("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.");
  }
  const archiveName = eventsResourceName(eventSourceArn, "archive", scope);
  const archive = archiveName === undefined ? undefined : state.archives.get(archiveName);
  if (!archive) {
    throw validationError(`Parameter EventSourceArn is not valid. Reason: Archive ${archiveName ?? eventSourceArn} does not exist.`);
  }
  // AWS replays an archive only onto the bus it archives.
  if (destinationArn !== archive.eventSourceArn) {
    const busName = eventsResourceName(destinationArn, "event-bus", scope);
    if (busName !== undefined && state.buses.has(busName)) {
      throw validationError("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.");
    }
    throw eventBusNotFound(busName ?? destinationArn);
  }
  const sourceBus = eventsResourceName(archive.eventSourceArn, "event-bus", scope);
  if (sourceBus === undefined || !state.buses.has(sourceBus)) throw eventBusNotFound(sourceBus ?? archive.eventSourceArn);

  const replay: ReplayRecord = {
    name,
    description,
    eventSourceArn,
    destination: { Arn: destinationArn, ...(filterArns ? { FilterArns: filterArns } : {}) },
    eventStartTime,
    eventEndTime,
    state: "STARTING",
    replayStartTime: context.clock(),
  };
  state.replays.set(name, replay);
  await state.save();
  context.replays.start(replay);
  return { ReplayArn: replayArn(scope, name), State: replay.state, ReplayStartTime: wireTime(replay.replayStartTime) };
};

export const describeReplay: Operation = (input, context) => {
  const name = readReplayName(input);
  input.assertValid();
  const replay = existingReplay(name, context);
  return {
    ...summarize(replay),
    ReplayArn: replayArn(context.scope, replay.name),
    Description: replay.description,
    Destination: replay.destination,
  };
};

export const listReplays: Operation = (input, context) => {
  const prefix = input.string("NamePrefix", { min: 1, max: 64, pattern: NAME_PATTERN });
  const state = input.string("State", { enum: REPLAY_STATES });
  const eventSourceArn = input.string("EventSourceArn", { min: 1, max: 1600, pattern: EVENTS_ARN_PATTERN });
  const paging = readPaging(input);
  input.assertValid();
  if ([prefix, state, eventSourceArn].filter((filter) => filter !== undefined).length > 1) {
    throw validationError("At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.");
  }
  const replays = [...context.state.replays.values()]
    .filter((replay) => prefix === undefined || replay.name.startsWith(prefix))
    .filter((replay) => state === undefined || replay.state === state)
    .filter((replay) => eventSourceArn === undefined || replay.eventSourceArn === eventSourceArn)
    .sort(byName);
  const page = paginate(replays, paging, context.pageTokens, ["ListReplays", prefix, state, eventSourceArn]);
  return { Replays: page.items.map(summarize), NextToken: page.nextToken };
};

export const cancelReplay: Operation = async (input, context) => {
  const name = readReplayName(input);
  input.assertValid();
  const replay = existingReplay(name, context);
  if (replay.state !== "STARTING" && replay.state !== "RUNNING") {
    throw illegalStatus(`Replay ${name} is not in a valid state for this operation.`);
  }
  replay.state = "CANCELLING";
  context.replays.requestCancel(name);
  await context.state.save();
  return { ReplayArn: replayArn(context.scope, name), State: replay.state };
};
