// Every event a service handles is logged as JSON with the keys that tie a saga together, on a logger of its own.
import { afterEach, describe, expect, it, vi } from "vitest";
import { delivered, graphUpdatedRequest, messageReceivedRequest, replyScreenedRequest, sessionEndedRequest, transcriptReadyRequest, turn } from "@innerworld/events/factories";
import type { EventHandlers } from "@innerworld/events";
import { createServiceLogger } from "../observability";
import { dataTimeOf, loggedHandlers, tombstoneGuardedHandlers } from "./serviceConsumer";
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

  it.each(["DEBUG", "TRACE"])("at %s, logs each event at debug with correlationId, eventId, sessionId, eventType and the service, and a failure at warn", async (level) => {
    // Only the logger is read by loggedHandlers; the rest of a runtime would be AWS clients.
    const runtime = { logger: createServiceLogger("storage", { INNERWORLD_LOG_LEVEL: level }) } as unknown as ServiceRuntime;
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
  it("at info, prints only a failure, with the same keys, and makes a logger of its own only for it", async () => {
    const logger = createServiceLogger("storage", { INNERWORLD_LOG_LEVEL: "INFO" });
    const children = vi.spyOn(logger, "createChild");
    const handlers = loggedHandlers({ logger } as unknown as ServiceRuntime, {
      SessionEnded: async () => undefined,
      MessageReceived: async () => {
        throw new LexiconMissingError("the lexicon failed to load");
      },
    } as EventHandlers);
    const received = delivered(messageReceivedRequest(turn({ sessionId: "ses-failing" })));

    const out = captureOutput();
    await handlers.SessionEnded?.(delivered(sessionEndedRequest(turn({ sessionId: "ses-ended" }))) as never);
    await handlers.MessageReceived?.(received as never).catch(() => undefined);
    out.restore();

    expect(out.lines()).toEqual([
      expect.objectContaining({ level: "WARN", message: "event failed", service: "storage", eventId: received.envelope.metadata.eventId, sessionId: "ses-failing", eventType: "MessageReceived" }),
    ]);
    expect(children).toHaveBeenCalledTimes(1);
  });
});

describe("erasure guard", () => {
  /** A runtime whose tombstone table holds one erasure, at 16:00:05 on the turn's day. */
  const runtimeWithErasure = (userId: string) =>
    ({
      service: "storage",
      tables: { tombstones: "tombstones" },
      dynamodb: { send: async () => ({ Item: { userId, deletedAt: "2026-12-04T16:00:05.000Z" } }) },
    }) as unknown as ServiceRuntime;

  it("drops a reply published after an erasure to a message received before it: a turn counts from its receivedAt", async () => {
    const t = turn({ userId: "user-gone" });
    const handled: string[] = [];
    const handlers = tombstoneGuardedHandlers(runtimeWithErasure("user-gone"), { ReplyScreened: async () => void handled.push("reply") } as EventHandlers);
    const late = delivered(replyScreenedRequest(t, { receivedAt: "2026-12-04T16:00:01.000Z" }), { at: "2026-12-04T16:00:09.000Z" });

    await handlers.ReplyScreened?.(late as never);

    expect(dataTimeOf(late as never)).toBe("2026-12-04T16:00:01.000Z");
    expect(handled).toEqual([]);
  });

  it("drops a transcript of a session that ended before the erasure, and the merge made of it, however late they come", async () => {
    const t = turn({ userId: "user-gone" });
    const handled: string[] = [];
    const handlers = tombstoneGuardedHandlers(runtimeWithErasure("user-gone"), {
      TranscriptReady: async () => void handled.push("transcript"),
      GraphUpdated: async () => void handled.push("merge"),
    } as EventHandlers);
    // The teen ended the chat at 16:00:04 and erased the account at 16:00:05; storage published the transcript after.
    const transcript = delivered(transcriptReadyRequest(t, { endedAt: "2026-12-04T16:00:04.000Z" }), { at: "2026-12-04T16:00:06.000Z" });
    const merge = delivered(graphUpdatedRequest(t, { transcriptEndedAt: "2026-12-04T16:00:04.000Z" }), { at: "2026-12-04T16:00:07.000Z" });

    await handlers.TranscriptReady?.(transcript as never);
    await handlers.GraphUpdated?.(merge as never);

    expect([dataTimeOf(transcript as never), dataTimeOf(merge as never)]).toEqual(["2026-12-04T16:00:04.000Z", "2026-12-04T16:00:04.000Z"]);
    expect(handled).toEqual([]);
    // A session that ended after the erasure is the teen's new one: its transcript and merge are kept.
    await handlers.TranscriptReady?.(delivered(transcriptReadyRequest(t, { endedAt: "2026-12-04T16:00:06.000Z" }), { at: "2026-12-04T16:00:06.000Z" }) as never);
    await handlers.GraphUpdated?.(delivered(graphUpdatedRequest(t, { transcriptEndedAt: "2026-12-04T16:00:06.000Z" }), { at: "2026-12-04T16:00:07.000Z" }) as never);
    expect(handled).toEqual(["transcript", "merge"]);
  });

  it("keeps a turn received after the erasure (the teen came back), and counts an event without receivedAt from its own time", async () => {
    const handled: string[] = [];
    const handlers = tombstoneGuardedHandlers(runtimeWithErasure("user-back"), {
      ReplyScreened: async () => void handled.push("reply"),
      SessionEnded: async () => void handled.push("ended"),
      GraphUpdated: async () => void handled.push("merge"),
    } as EventHandlers);
    const t = turn({ userId: "user-back" });

    await handlers.ReplyScreened?.(delivered(replyScreenedRequest(t, { receivedAt: "2026-12-04T16:00:06.000Z" }), { at: "2026-12-04T16:00:07.000Z" }) as never);
    await handlers.SessionEnded?.(delivered(sessionEndedRequest(t, { endedAt: "2026-12-04T16:00:04.000Z" }), { at: "2026-12-04T16:00:04.000Z" }) as never);
    await handlers.SessionEnded?.(delivered(sessionEndedRequest(t, { endedAt: "2026-12-04T16:00:06.000Z" }), { at: "2026-12-04T16:00:06.000Z" }) as never);
    // A GraphUpdated from before it said when its transcript ended counts from its own time.
    await handlers.GraphUpdated?.(delivered(graphUpdatedRequest(t), { at: "2026-12-04T16:00:06.000Z" }) as never);

    expect(handled).toEqual(["reply", "ended", "merge"]);
  });

  it("still runs a PersonaDeleted stamped in the erasure's own millisecond, so the persona's portrait goes too", async () => {
    const handled: string[] = [];
    const handlers = tombstoneGuardedHandlers(runtimeWithErasure("user-gone"), {
      PersonaDeleted: async () => void handled.push("persona"),
      SessionEnded: async () => void handled.push("ended"),
    } as EventHandlers);
    const deletedAt = "2026-12-04T16:00:05.000Z";
    const personaDeleted = delivered(
      { type: "PersonaDeleted", correlationId: "user-gone", userId: "user-gone", deduplicationKey: `p-1:erased:${deletedAt}`, data: { personaId: "p-1", name: "Nova", endedSessionIds: [], deletedAt } },
      { at: deletedAt },
    );

    await handlers.PersonaDeleted?.(personaDeleted as never);
    await handlers.SessionEnded?.(delivered(sessionEndedRequest(turn({ userId: "user-gone" })), { at: deletedAt }) as never);

    expect(handled).toEqual(["persona"]);
  });
});
