// PutEvents: validates entries as AWS does (request-level limits, per-entry errors), archives and routes the accepted ones.
import { eventBusNameFrom } from "../arns.js";
import { buildAwsEvent, entrySize, type EventEntry } from "../awsEvent.js";
import { validationError } from "../errors.js";
import type { RoutedEvent } from "../eventRouter.js";
import type { RequestInput } from "../requestInput.js";
import type { Operation } from "./context.js";

/** 256 KB for all entries of one request, counted as AWS documents. */
const MAX_REQUEST_ENTRY_BYTES = 256 * 1024;
const NON_PARTNER_BUS_NAME_OR_ARN = "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+";

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

interface ReadEntry {
  raw: { Source?: string; DetailType?: string; Detail?: string; Resources?: string[]; Time?: number };
  eventBusName?: string;
}

const readEntry = (entry: RequestInput): ReadEntry => {
  const raw = {
    Time: entry.timestamp("Time"),
    Source: entry.string("Source"),
    Resources: entry.strings("Resources"),
    DetailType: entry.string("DetailType"),
    Detail: entry.string("Detail"),
  };
  entry.string("TraceHeader", { min: 1, max: 500 });
  return { raw, eventBusName: entry.string("EventBusName", { min: 1, max: 1600, pattern: NON_PARTNER_BUS_NAME_OR_ARN }) };
};

const invalidArgument = (member: string): ResultEntry => ({
  ErrorCode: "InvalidArgument",
  ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
});

/** The event detail when the entry is acceptable, or the per-entry error AWS returns for it. */
const checkEntry = (raw: ReadEntry["raw"]): { detail: Record<string, unknown> } | { error: ResultEntry } => {
  if (!raw.Source) return { error: invalidArgument("Source") };
  // Sources beginning "aws." are AWS services' own: a caller's PutEvents may not claim one.
  if (raw.Source.startsWith("aws.")) return { error: { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." } };
  if (!raw.DetailType) return { error: invalidArgument("DetailType") };
  if (!raw.Detail) return { error: invalidArgument("Detail") };
  let detail: unknown;
  try {
    detail = JSON.parse(raw.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== "object" || detail === null || Array.isArray(detail)) {
    return { error: { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." } };
  }
  return { detail: detail as Record<string, unknown> };
};

export const putEvents: Operation = async (input, context) => {
  const entries = (input.structures("Entries", { required: true, min: 1, max: 10 }) ?? []).map(readEntry);
  input.string("EndpointId", { min: 1, max: 50 });
  input.assertValid();

  const totalSize = entries.reduce((sum, entry) => sum + entrySize(entry.raw), 0);
  if (totalSize > MAX_REQUEST_ENTRY_BYTES) throw validationError("Total size of the entries in the request is over the limit.");

  const now = context.clock();
  const results: ResultEntry[] = [];
  const routed: RoutedEvent[] = [];
  for (const { raw, eventBusName } of entries) {
    const checked = checkEntry(raw);
    if ("error" in checked) {
      results.push(checked.error);
      continue;
    }
    const eventEntry: EventEntry = {
      source: raw.Source ?? "",
      detailType: raw.DetailType ?? "",
      detail: raw.Detail ?? "",
      resources: raw.Resources ?? [],
      time: raw.Time,
    };
    const event = buildAwsEvent(eventEntry, checked.detail, context.scope, now);
    // A bus ARN of another account or region names no bus here; the router drops the event, as AWS silently does.
    routed.push({ busName: eventBusNameFrom(eventBusName, context.scope) ?? eventBusName ?? "", event });
    results.push({ EventId: event.id });
  }

  await context.router.publish(routed);
  return { FailedEntryCount: results.filter((result) => "ErrorCode" in result).length, Entries: results };
};
