// One short line about an event for tail and saga output. Message and reply text stay out unless asked for: these are teens' words.
import { dataOf, metadataOf, type BusEvent } from "./busEvent";

const str = (value: unknown): string => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "?");

const text = (value: unknown, showContent: boolean): string => {
  if (typeof value !== "string") return "";
  if (!showContent) return `${value.length} chars`;
  const oneLine = value.replace(/\s+/g, " ");
  return JSON.stringify(oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine);
};

const verdict = (value: unknown): string => {
  const v = value as { action?: unknown; categories?: unknown } | undefined;
  const categories = Array.isArray(v?.categories) && v.categories.length > 0 ? ` [${v.categories.join(", ")}]` : "";
  return `${str(v?.action)}${categories}`;
};

/**
 * What the prompt told the model about the user: the context version and how many remembered facts; with content
 * shown, the fact ids and the context lines themselves (they are the teen's words, distilled).
 */
const promptContext = (value: unknown, showContent: boolean): string => {
  const context = value as { version?: unknown; factIds?: unknown; lines?: unknown } | undefined;
  if (!context || typeof context !== "object") return ", no user context";
  const factIds = Array.isArray(context.factIds) ? context.factIds.map(str) : [];
  const summary = `, context v${str(context.version)} with ${factIds.length} facts`;
  if (!showContent) return summary;
  const lines = Array.isArray(context.lines) ? context.lines.map(str) : [];
  return `${summary} [${factIds.join(", ")}]${lines.map((line) => `\n      | ${line}`).join("")}`;
};

/** In a group turn, which persona's reply this is (its place among the turn's replies, and its name). */
const speaker = (d: Record<string, unknown>): string => {
  if (typeof d.replyIndex !== "number") return "";
  const reply = d.reply as { personaName?: unknown } | undefined;
  const name = d.personaName ?? reply?.personaName;
  return `, reply ${d.replyIndex + 1}${name === undefined ? "" : ` (${str(name)})`}`;
};

/** What matters about this event, by type: the verdict of a screening, the model of a reply, the reason a session ended. */
export const describeData = (event: BusEvent, showContent = false): string => {
  const d = dataOf(event);
  switch (event["detail-type"]) {
    case "SessionStarted":
      return Array.isArray(d.personaIds) ? `group of ${d.personaIds.map(str).join(", ")}` : `persona ${str(d.personaId)}`;
    case "MessageReceived":
      return `seq ${str(d.seq)}, ${text(d.content, showContent)}${d.stream === true ? ", streamed" : ""}`;
    case "MessageScreened":
      return `seq ${str(d.seq)}, ${verdict(d.verdict)}`;
    case "ReplyGenerated": {
      const usage = d.usage as { inputTokens?: unknown; outputTokens?: unknown } | undefined;
      return `seq ${str(d.seq)}${speaker(d)}, model ${str(d.model)}${d.fallbackUsed === true ? " (fallback)" : ""}, ${str(d.latencyMs)} ms, ${str(usage?.inputTokens)}+${str(usage?.outputTokens)} tokens, ${text(d.text, showContent)}${promptContext(d.context, showContent)}`;
    }
    case "ReplyScreened":
      return `seq ${str(d.seq)}${speaker(d)}, ${verdict(d.verdict)}${d.replaced === true ? ", replaced by a safe reply" : ""}, ${text(d.text, showContent)}`;
    case "ReplyDelivered":
      return `seq ${str(d.seq)}${speaker(d)}, ${str(d.status)}`;
    case "FeedbackRequested":
      return `${str(d.reason)}, request ${str(d.requestId)}`;
    case "SessionEnded":
      return `reason ${str(d.reason)}`;
    case "TranscriptReady":
      return `${str(d.messageCount)} messages`;
    case "GraphUpdated":
      return `${str(d.entitiesMerged)} entities, ${str(d.relationsMerged)} relations merged, ${str(d.relationsInvalidated)} invalidated (${str(d.extractor)})`;
    case "ContextRefreshed":
      return `context v${str(d.contextVersion)}, ${str(d.tokenCount)} tokens, ${str(d.entityCount)} entities (${str(d.reason)})`;
    case "StepFailed":
      return `${str(d.step)} gave up on ${str(d.failedEventType)}: ${str(d.errorCode)}`;
    default:
      return "";
  }
};

/** `2026-03-14T16:02:40.918Z  MessageReceived   gateway  user=maya  corr=b7e4a1c2  seq 1, 64 chars`. */
export const summarizeEvent = (event: BusEvent, showContent = false): string => {
  const metadata = metadataOf(event);
  const when = typeof metadata.occurredAt === "string" ? metadata.occurredAt : event.time;
  const replay = event["replay-name"] ? `  (replay ${event["replay-name"]})` : "";
  return [
    when.padEnd(24),
    event["detail-type"].padEnd(17),
    str(metadata.producer ?? event.source.replace(/^innerworld\./, "")).padEnd(16),
    `user=${str(metadata.userId)}`,
    `corr=${str(metadata.correlationId).slice(0, 8)}`,
    describeData(event, showContent),
  ].join("  ") + replay;
};
