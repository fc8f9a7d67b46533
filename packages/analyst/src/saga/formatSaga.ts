// Prints a saga as an indented tree: each event under its cause, with the time the hop took.
import { metadataOf } from "../busEvent";
import { describeData } from "../eventSummary";
import { formatDuration } from "../timeWindow";
import type { SagaTrace } from "./orderSaga";

export const formatSaga = (trace: SagaTrace, showContent = false): string[] => {
  if (trace.steps.length === 0) return [`no archived event has correlationId ${trace.correlationId} in that window`];
  const first = trace.steps[0]!;
  const lines = [
    `saga ${trace.correlationId}: ${trace.steps.length} events, ${formatDuration(trace.totalMs)} from the first to the last (first at ${String(metadataOf(first.event).occurredAt ?? first.event.time)})`,
    "",
    `${"after".padStart(10)}  ${"hop".padStart(10)}  event`,
  ];
  for (const step of trace.steps) {
    const metadata = metadataOf(step.event);
    const hop = step.hopMs === undefined ? "" : `+${formatDuration(step.hopMs)}`;
    const notes = [
      step.missingCause ? `caused by ${step.missingCause.slice(0, 8)}, not in this window` : "",
      step.copies > 1 ? `archived ${step.copies} times with this eventId` : "",
      step.rerun ? "ran again for the same cause: a replay, or a redelivery" : "",
    ].filter(Boolean);
    lines.push(
      `${formatDuration(step.sinceStartMs).padStart(10)}  ${hop.padStart(10)}  ${"  ".repeat(step.depth)}${step.depth > 0 ? "└ " : ""}${step.event["detail-type"]} by ${String(metadata.producer ?? step.event.source)} — ${describeData(step.event, showContent)}${notes.length ? `  (${notes.join("; ")})` : ""}`,
    );
  }
  const slowest = trace.steps.filter((s) => s.hopMs !== undefined && !s.rerun).sort((a, b) => (b.hopMs ?? 0) - (a.hopMs ?? 0))[0];
  if (slowest) {
    const parent = trace.steps.find((s) => s.eventId === slowest.causedBy);
    lines.push("", `slowest hop: ${parent?.event["detail-type"] ?? "?"} → ${slowest.event["detail-type"]}, ${formatDuration(slowest.hopMs ?? 0)}`);
  }
  return lines;
};
