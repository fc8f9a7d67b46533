// Every event a service handles is logged as JSON with the keys that tie a saga together, on a logger of its own.
import { afterEach, describe, expect, it, vi } from "vitest";
import { delivered, messageReceivedRequest, sessionEndedRequest, turn } from "@innerworld/events/factories";
import type { EventHandlers } from "@innerworld/events";
import { createServiceLogger } from "../observability";
import { loggedHandlers } from "./serviceConsumer";
import type { ServiceRuntime } from "./serviceRuntime";

/** Both streams, in order: Powertools writes warnings and errors to stderr, the rest to stdout. */
const captureOutput = () => {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, "write").mockImplementation(capture), vi.spyOn(process.stderr, "write").mockImplementation(capture)];
  return { lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), restore: () => spies.forEach((spy) => spy.mockRestore()) };
};

class LexiconMissingError extends Error {
  override readonly name = "LexiconMissingError";
  readonly code = "LEXICON_MISSING";
}

describe("logged handlers", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs each event at debug with correlationId, eventId, sessionId, eventType and the service, and a failure at warn", async () => {
    // Only the logger is read by loggedHandlers; the rest of a runtime would be AWS clients.
    const runtime = { logger: createServiceLogger("storage", { INNERWORLD_LOG_LEVEL: "DEBUG" }) } as unknown as ServiceRuntime;
    const handlers = loggedHandlers(runtime, {
      SessionEnded: async () => undefined,
      MessageReceived: async () => {
        throw new LexiconMissingError("the lexicon failed to load");
      },
    } as EventHandlers);
    const ended = delivered(sessionEndedRequest(turn({ sessionId: "ses-ended" })));
    const received = delivered(messageReceivedRequest(turn({ sessionId: "ses-failing" })), { receiveCount: 2 });

    const out = captureOutput();
    await handlers.SessionEnded?.(ended as never);
    const failure = await handlers.MessageReceived?.(received as never).catch((error: unknown) => error);
    out.restore();

    expect(failure).toBeInstanceOf(LexiconMissingError);
    const keysOf = (event: typeof ended | typeof received) => ({
      service: "storage",
      correlationId: event.envelope.metadata.correlationId,
      eventId: event.envelope.metadata.eventId,
      sessionId: event.envelope.metadata.sessionId,
      eventType: event.envelope.type,
    });
    expect(out.lines()).toEqual([
      expect.objectContaining({ level: "DEBUG", message: "event received", ...keysOf(ended), receiveCount: 1 }),
      expect.objectContaining({ level: "DEBUG", message: "event handled", ...keysOf(ended), durationMs: expect.any(Number) as number }),
      expect.objectContaining({ level: "DEBUG", message: "event received", ...keysOf(received), receiveCount: 2 }),
      expect.objectContaining({ level: "WARN", message: "event failed", ...keysOf(received), error: expect.objectContaining({ name: "LexiconMissingError", code: "LEXICON_MISSING" }) as unknown }),
    ]);
  });
});
