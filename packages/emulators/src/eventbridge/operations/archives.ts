// CreateArchive, DescribeArchive, ListArchives, DeleteArchive.
import { archiveArn, eventsResourceName } from "../arns.js";
import { eventBusNotFound, resourceAlreadyExists, resourceNotFound, validationError } from "../errors.js";
import { EVENTS_ARN_PATTERN, NAME_PATTERN } from "../requestInput.js";
import type { ArchiveRecord } from "../types.js";
import { wireTime, type Operation, type OperationContext } from "./context.js";
import { byName, paginate, readPaging } from "./pagination.js";
import { validatePattern } from "./validatePattern.js";

const ARCHIVE_STATES = ["ENABLED", "DISABLED", "CREATING", "UPDATING", "CREATE_FAILED", "UPDATE_FAILED"] as const;

/**
 * Archives here are usable as soon as they exist, so they are always ENABLED. The counts are of what the archive keeps
 * at the emulator's now, as AWS counts them: an event older than RetentionDays is gone, as it is from replays.
 */
const summarize = async (archive: ArchiveRecord, context: OperationContext) => {
  const stats = await context.archives.statsOf(archive.name);
  return {
    ArchiveName: archive.name,
    EventSourceArn: archive.eventSourceArn,
    State: "ENABLED",
    RetentionDays: archive.retentionDays,
    SizeBytes: stats.sizeBytes,
    EventCount: stats.eventCount,
    CreationTime: wireTime(archive.creationTime),
  };
};

const existingArchive = (name: string, context: OperationContext): ArchiveRecord => {
  const archive = context.state.archives.get(name);
  if (!archive) throw resourceNotFound(`Archive ${name} does not exist.`);
  return archive;
};

export const createArchive: Operation = async (input, context) => {
  const name = input.string("ArchiveName", { required: true, min: 1, max: 48, pattern: NAME_PATTERN });
  const eventSourceArn = input.string("EventSourceArn", { required: true, min: 1, max: 1600, pattern: EVENTS_ARN_PATTERN });
  const description = input.string("Description", { max: 512 });
  const eventPattern = input.string("EventPattern", { max: 4096 });
  const retentionDays = input.integer("RetentionDays", { min: 0 });
  input.string("KmsKeyIdentifier", { max: 2048 });
  input.assertValid();

  if (context.state.archives.has(name)) throw resourceAlreadyExists(`Archive ${name} already exists.`);
  const busName = eventsResourceName(eventSourceArn, "event-bus", context.scope);
  if (busName === undefined || !context.state.buses.has(busName)) throw eventBusNotFound(busName ?? eventSourceArn);
  if (eventPattern !== undefined) validatePattern(eventPattern);

  const archive: ArchiveRecord = { name, eventSourceArn, description, eventPattern, retentionDays: retentionDays ?? 0, creationTime: context.clock() };
  context.state.archives.set(name, archive);
  context.archives.create(name);
  await context.state.save();
  return { ArchiveArn: archiveArn(context.scope, name), State: "ENABLED", CreationTime: wireTime(archive.creationTime) };
};

export const describeArchive: Operation = async (input, context) => {
  const name = input.string("ArchiveName", { required: true, min: 1, max: 48, pattern: NAME_PATTERN });
  input.assertValid();
  const archive = existingArchive(name, context);
  return {
    ArchiveArn: archiveArn(context.scope, archive.name),
    ...(await summarize(archive, context)),
    Description: archive.description,
    EventPattern: archive.eventPattern,
  };
};

export const listArchives: Operation = async (input, context) => {
  const prefix = input.string("NamePrefix", { min: 1, max: 48, pattern: NAME_PATTERN });
  const eventSourceArn = input.string("EventSourceArn", { min: 1, max: 1600, pattern: EVENTS_ARN_PATTERN });
  const state = input.string("State", { enum: ARCHIVE_STATES });
  const paging = readPaging(input);
  input.assertValid();
  if ([prefix, eventSourceArn, state].filter((filter) => filter !== undefined).length > 1) {
    throw validationError("At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.");
  }
  if (eventSourceArn !== undefined) {
    const busName = eventsResourceName(eventSourceArn, "event-bus", context.scope);
    if (busName === undefined || !context.state.buses.has(busName)) throw eventBusNotFound(busName ?? eventSourceArn);
  }
  const archives = [...context.state.archives.values()]
    .filter((archive) => prefix === undefined || archive.name.startsWith(prefix))
    .filter((archive) => eventSourceArn === undefined || archive.eventSourceArn === eventSourceArn)
    .filter(() => state === undefined || state === "ENABLED")
    .sort(byName);
  const page = paginate(archives, paging, context.pageTokens, ["ListArchives", prefix, eventSourceArn, state]);
  return { Archives: await Promise.all(page.items.map((archive) => summarize(archive, context))), NextToken: page.nextToken };
};

export const deleteArchive: Operation = async (input, context) => {
  const name = input.string("ArchiveName", { required: true, min: 1, max: 48, pattern: NAME_PATTERN });
  input.assertValid();
  existingArchive(name, context);
  context.state.archives.delete(name);
  // State first: if the emulator stops between the two, the orphaned file is removed at the next start.
  await context.state.save();
  await context.archives.remove(name);
  return {};
};
