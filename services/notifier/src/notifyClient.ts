// The notifier's logic: pushes final replies, safety notices and failures to the turn's connection, or to the one a resume moved it to.
import { safetyNoticeText } from "@innerworld/screening/replies";
import { failureShownKey, isTurnTimeout, turnFailureOf } from "@innerworld/conversation/turn-failure";
import type { SessionStore } from "@innerworld/conversation/sessions";
import { safetyNoticeReplyId, type MessageStore } from "@innerworld/conversation/messages";
import type { TurnOutcomeKind, TurnOutcomes } from "@innerworld/conversation/turns";
import type { ConnectionStore } from "@innerworld/conversation/connections";
import type { TombstoneStore } from "@innerworld/platform/tombstones";
import { crisisResources } from "@innerworld/screening";
import type { Clock } from "@innerworld/platform/clock";
import type { ConnectionPusher } from "@innerworld/platform/delivery";
import { serverFrame, topologyOf, type ConsumedEvent, type EventData, type Publisher } from "@innerworld/events";
import { METRIC, type MetricsPort } from "@innerworld/platform/observability";

export interface NotifierPorts {
  /** Counts completed turns and their latency (silent when absent). */
  metrics?: MetricsPort;
  sessions: SessionStore;
  /**
   * Where a reply that found no connection is kept at once (storage keeps it too, from the report), so a resume racing
   * the push finds it stored: written only on that path.
   */
  messages: Pick<MessageStore, "putOnce" | "setStatus">;
  /**
   * Read before that keep, as storage reads it before every write: a teen who deleted their account after sending the
   * message gets no reply kept for them (the turn counts from its `receivedAt`).
   */
  tombstones: Pick<TombstoneStore, "erasedSince">;
  /** Every connection a teen has open: where a feedback request goes. */
  connections: ConnectionStore;
  publisher: Publisher;
  pusher: ConnectionPusher;
  /** Who ended each turn first: only that outcome is pushed live. */
  outcomes: TurnOutcomes;
  clock: Clock;
}

/** Who decides a turn that timed out: the watchdog's claim names it so (watchTurn.ts). */
const TIMEOUT_DECIDER = "watchdog";

/** The delivery after which the queue dead-letters a record the notifier could not handle. */
const LAST_ATTEMPT = topologyOf("notifier").queue?.maxReceiveCount ?? 1;

export const createNotifier = (ports: NotifierPorts) => {
  const { sessions, connections } = ports;
  const now = () => new Date(ports.clock()).toISOString();

  /** The connection the session is on now (a failure's, or a turn's that names none); none once its client disconnected. */
  const connectionFor = async (sessionId: string, fallback?: string): Promise<string | undefined> => {
    const session = await sessions.get(sessionId);
    if (session && !session.disconnectedAt && session.connectionId) return session.connectionId;
    return session?.disconnectedAt ? undefined : fallback;
  };

  /**
   * Delivers a reply or notice; on the queue's last attempt, a failure (the outcomes table or the session unreadable,
   * say) still reports the reply `withheld`, carrying it, before the record dead-letters: storage keeps it only from
   * the report, and the watchdog ends the turn on screen. A push that fails leaves its claim unsettled, and the next
   * attempt finds it and reports the same `withheld`. Only a report that cannot be published at all loses the reply.
   */
  const deliver = async (input: Parameters<typeof attemptDelivery>[0]) => {
    try {
      await attemptDelivery(input);
    } catch (error) {
      if (input.event.receiveCount >= LAST_ATTEMPT && input.reply) await reportOf(input)("withheld").catch(() => undefined);
      throw error;
    }
  };

  /** The ReplyDelivered a delivery publishes: one eventId per delivered event, whichever attempt makes it. */
  const reportOf =
    (input: { event: ConsumedEvent; sessionId: string; messageId: string; replyId: string; seq: number; replyIndex?: number; receivedAt?: string | undefined; reply?: EventData<"ReplyDelivered">["reply"] }) =>
    async (status: EventData<"ReplyDelivered">["status"], connectionId?: string) => {
      const { metadata } = input.event.envelope;
      return ports.publisher.publish({
        type: "ReplyDelivered",
        correlationId: metadata.correlationId,
        causationId: metadata.eventId,
        userId: metadata.userId,
        sessionId: input.sessionId,
        deduplicationKey: metadata.eventId,
        data: {
          messageId: input.messageId,
          replyId: input.replyId,
          sessionId: input.sessionId,
          seq: input.seq,
          ...(input.replyIndex !== undefined ? { replyIndex: input.replyIndex } : {}),
          ...(connectionId ? { connectionId } : {}),
          status,
          deliveredAt: now(),
          ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
          ...(input.reply ? { reply: input.reply } : {}),
        },
      });
    };

  /**
   * Pushes a safety notice the teen was not shown live (see attemptDelivery): to the connection a resume moved the turn
   * to, or the one the session is on, or the turn's own; marked shown there once pushed, so a resume does not replay
   * it. A push that fails throws and leaves `claimKey` unsettled, so the queue's next attempt pushes again.
   */
  const pushNoticeLate = async (
    input: { messageId: string; sessionId: string; replyId: string; fallbackConnectionId?: string; frame: string },
    claimKey: string,
    movedTo: string | undefined,
    report: (status: EventData<"ReplyDelivered">["status"], connectionId?: string) => Promise<unknown>,
  ) => {
    const target = movedTo ?? (await connectionFor(input.sessionId, input.fallbackConnectionId));
    const result = target ? await ports.pusher.push(target, input.frame) : "gone";
    if (target && result === "sent") await connections.markShown(target, input.replyId);
    await ports.outcomes.settle(claimKey, result === "sent" ? "shown" : "nowhere");
    await report(result === "sent" ? "delivered" : "connection_gone", target);
  };

  const attemptDelivery = async (input: {
    event: ConsumedEvent;
    sessionId: string;
    messageId: string;
    replyId: string;
    seq: number;
    replyIndex?: number;
    fallbackConnectionId?: string;
    frame: string;
    outcome: TurnOutcomeKind;
    /** A streamed reply's text reached the teen as generation streamed it; its end may follow a retraction. */
    streamed?: boolean;
    /** When the gateway accepted the turn, for its latency. */
    receivedAt?: string | undefined;
    /** The reply itself, carried on the report: storage keeps it from there, once, with its delivery status. */
    reply?: EventData<"ReplyDelivered">["reply"];
  }) => {
    // A turn ends once on screen: a reply or notice that comes after a timeout or failure is kept for resume only,
    // and one delivered again (after a crash mid-batch) is not pushed a second time.
    let claimKey = input.messageId;
    let claim = await ports.outcomes.claim(claimKey, input.outcome, input.replyId);
    // A reply that exists beats "try again" the teen has not been shown: when the notifier was down past the deadline,
    // the watchdog decided the turn but its StepFailed waits in the same queue, unshown. Showing the timeout settles the
    // watchdog's claim first (stepFailed), so of the two conditional writes on the turn's item one wins: the reply takes
    // the turn over only while the timeout is unsettled, and the timeout is shown only while the watchdog still holds it.
    // A streamed reply is left out: generation may have retracted its stream at the deadline, and an end after that
    // would contradict it.
    if (
      !claim.won &&
      input.outcome === "replied" &&
      !input.streamed &&
      claim.existing.outcome === "timed_out" &&
      claim.existing.decidedBy === TIMEOUT_DECIDER &&
      !claim.existing.settledAt &&
      (await ports.outcomes.takeOver(claimKey, TIMEOUT_DECIDER, "replied", input.replyId))
    ) {
      claim = claim.existing.movedTo ? { won: true, movedTo: claim.existing.movedTo } : { won: true };
    }
    // Where a resume moved the session since the turn began: the claim's own write hands it back (no session read).
    const movedTo = claim.won ? claim.movedTo : claim.existing.movedTo;
    // A group turn has a reply per answering persona: once one of them decided the turn, its siblings belong to the
    // same outcome and are shown too, each once (its own claim catches a redelivery).
    if (!claim.won && input.replyIndex !== undefined && claim.existing.outcome === "replied" && claim.existing.decidedBy !== input.replyId) {
      claimKey = `${input.messageId}#${input.replyIndex}`;
      claim = await ports.outcomes.claim(claimKey, "replied", input.replyId);
    }
    const report = reportOf(input);
    // A safety notice is the exception to what a lost or own claim means below, twice over. Its own claim left
    // unsettled means the push failed (or the attempt died) before the teen saw the helplines: it is pushed again, and
    // the watchdog never takes a notice over (watchTurn.ts). And a turn that timed out or failed before its notice was
    // claimed still gets the notice live, after the error, claimed under a key of its own so that a redelivery shows it
    // once: a teen who wrote that they want to die is shown help every time, not only on resume.
    if (!claim.won && input.outcome === "noticed") {
      const afterEnd = claim.existing.outcome === "timed_out" || claim.existing.outcome === "failed";
      const noticeKey = afterEnd ? `${input.messageId}#notice` : claimKey;
      const own = afterEnd ? await ports.outcomes.claim(noticeKey, "noticed", input.replyId) : claim;
      if (own.won || (own.existing.decidedBy === input.replyId && !own.existing.settledAt)) {
        await pushNoticeLate(input, noticeKey, movedTo, report);
        return;
      }
      if (afterEnd && own.existing.decidedBy === input.replyId) {
        await report(own.existing.settledAs === "nowhere" ? "connection_gone" : "delivered");
        return;
      }
    }
    // Our own claim: this is a redelivery, which pushes nothing. It reports again (same eventId, so a report already
    // made is dropped as a copy), since storage keeps the reply only from the report: a first attempt that pushed and
    // then failed to publish must not lose it. The status is the one the first attempt settled with (shown, or no
    // connection to show it on), so every report under this eventId says the same whichever one storage keeps;
    // unsettled means the first attempt died before pushing, and the watchdog ends the turn, so the reply waits for resume.
    if (!claim.won && claim.existing.decidedBy === input.replyId) {
      const { settledAt, settledAs } = claim.existing;
      await report(!settledAt ? "withheld" : settledAs === "nowhere" ? "connection_gone" : "delivered");
      return;
    }
    // The turn's own connection, unless a resume moved the session (then the new one). A client that disconnected has
    // no connection there any more: the push finds it gone. Only a turn that names no connection reads the session.
    let connectionId = claim.won ? (movedTo ?? input.fallbackConnectionId ?? (await connectionFor(input.sessionId))) : undefined;
    // The session moved to this connection by a resume, which may have shown the stored reply already: it is not shown
    // a second time. (On the turn's own connection nothing can have shown it yet, so the usual turn costs no extra write.)
    /** Pushes the frame to `target` unless a resume showed the reply there already ("sent" then). */
    const show = async (target: string, moved: boolean) => (moved && !(await connections.markShown(target, input.replyId)) ? "sent" : await ports.pusher.push(target, input.frame));
    // The reply or notice is the turn's last frame: it says the persona is done, so no status frame follows it.
    let result = connectionId ? await show(connectionId, connectionId !== input.fallbackConnectionId) : "gone";
    if (result === "gone" && claim.won) {
      ({ result, connectionId } = await findTheTeen(input, claimKey, connectionId, show));
    } else if (claim.won) {
      // Shown: the watchdog leaves a settled turn alone, and a redelivery reports what this found.
      await ports.outcomes.settle(claimKey, "shown");
    }
    if (result === "sent" && connectionId) {
      ports.metrics?.count(METRIC.turnsCompleted);
      if (input.receivedAt) ports.metrics?.milliseconds(METRIC.turnLatency, Math.max(0, (ports.clock ?? Date.now)() - Date.parse(input.receivedAt)));
    }
    await report(!claim.won ? "withheld" : result === "sent" ? "delivered" : "connection_gone", connectionId);
  };

  /**
   * The push found the turn's connection gone (the failure path only: a turn that lands reads and writes nothing here).
   * The teen may be resuming on a new connection right now, and a resume and this path must not both miss each other,
   * or the reply waits for yet another resume:
   *
   * - A resume moves the session first, then lists the stored messages, then marks each turn it found in flight
   *   (`moveTo`, which hands back the outcome as it stood), re-listing when a mark found a reply that had settled with
   *   nowhere to go; then it replays what it listed.
   * - Here: the session is read, and its connection tried if a resume moved it. Otherwise the reply is kept in the
   *   messages table (before storage keeps it from the report, which is asynchronous), and only then is the outcome
   *   settled `nowhere`, a write that hands back where a resume moved the turn by then.
   *
   * The settle and a resume's mark are writes to one item, so one comes first. Settle first: the reply was kept before
   * it, so the mark finds `nowhere` and the resume's re-listing (after the mark) has the reply to replay. Mark first:
   * the settle hands back the new connection, and the reply is pushed there. A turn the resume did not list was
   * claimed after the listing, so after the session moved: the session read finds the new connection. Both may push;
   * `markShown` on the new connection lets only the first show it.
   */
  const findTheTeen = async (
    input: Parameters<typeof attemptDelivery>[0],
    claimKey: string,
    tried: string | undefined,
    show: (target: string, moved: boolean) => Promise<"sent" | "gone">,
  ): Promise<{ result: "sent" | "gone"; connectionId: string | undefined }> => {
    const session = await sessions.get(input.sessionId);
    const current = session && !session.disconnectedAt ? session.connectionId : undefined;
    if (current !== undefined && current !== tried && (await show(current, true)) === "sent") {
      await ports.outcomes.settle(claimKey, "shown");
      return { result: "sent", connectionId: current };
    }
    // No session (erased, or never known): nothing can resume it, and nothing is kept beside storage.
    if (session && input.reply) await keepForResume(input);
    const { movedTo } = await ports.outcomes.settle(claimKey, "nowhere");
    if (movedTo === undefined || movedTo === tried || movedTo === current || (await show(movedTo, true)) !== "sent") return { result: "gone", connectionId: tried };
    await ports.outcomes.settle(claimKey, "shown");
    // Kept as undelivered a moment ago; storage's put of the report's copy finds it kept and changes nothing.
    await ports.messages.setStatus(input.sessionId, input.seq, "assistant", "delivered", ["undelivered"], input.replyIndex ?? 0);
    return { result: "sent", connectionId: movedTo };
  };

  /** Keeps a reply with nowhere to go, as storage would from its report: the same record, waiting for a resume. */
  const keepForResume = async (input: Parameters<typeof attemptDelivery>[0]) => {
    const { reply } = input;
    if (!reply) return;
    const userId = input.event.envelope.metadata.userId;
    if (await ports.tombstones.erasedSince(userId, input.receivedAt ?? input.event.envelope.metadata.occurredAt)) return;
    await ports.messages.putOnce({
      sessionId: input.sessionId,
      seq: input.seq,
      role: "assistant",
      ...(input.replyIndex ? { replyIndex: input.replyIndex } : {}),
      messageId: input.messageId,
      replyId: input.replyId,
      userId,
      personaId: reply.personaId,
      ...(reply.personaName ? { personaName: reply.personaName } : {}),
      content: reply.text,
      status: "undelivered",
      model: reply.model,
      ...(reply.usage ? { usage: reply.usage } : {}),
      ...(reply.cost ? { cost: reply.cost } : {}),
      replaced: reply.replaced,
      categories: reply.categories,
    });
  };

  /** The failure as the client sees it: a code it can act on. */
  const pushFailure = async (data: ConsumedEvent<"StepFailed">["envelope"]["data"], connectionId: string) => {
    const failure = turnFailureOf(data);
    const pushed = await ports.pusher.push(
      connectionId,
      serverFrame("error", { ...failure, sessionId: data.sessionId, ...(data.messageId ? { messageId: data.messageId } : {}) }),
    );
    // Shown here: a resume on this connection does not say it again (storage keeps it for one on another).
    if (pushed === "sent" && data.messageId) await connections.markShown(connectionId, failureShownKey(data.messageId));
  };

  return {
    async replyScreened(event: ConsumedEvent<"ReplyScreened">) {
      const { data } = event.envelope;
      const speaker = { personaId: data.personaId, ...(data.personaName ? { personaName: data.personaName } : {}), ...(data.replyIndex !== undefined ? { replyIndex: data.replyIndex } : {}) };
      const frame = data.streamed
        ? serverFrame("stream_end", { sessionId: data.sessionId, messageId: data.messageId, replyId: data.replyId, personaId: data.personaId, seq: data.seq, text: data.text, retracted: data.replaced, model: data.model })
        : serverFrame("reply", { sessionId: data.sessionId, messageId: data.messageId, replyId: data.replyId, seq: data.seq, text: data.text, ...speaker, model: data.model, replaced: data.replaced });
      await deliver({
        event,
        sessionId: data.sessionId,
        messageId: data.messageId,
        replyId: data.replyId,
        seq: data.seq,
        ...(data.replyIndex !== undefined ? { replyIndex: data.replyIndex } : {}),
        frame,
        outcome: "replied",
        streamed: data.streamed,
        receivedAt: data.receivedAt,
        reply: {
          personaId: data.personaId,
          ...(data.personaName ? { personaName: data.personaName } : {}),
          text: data.text,
          replaced: data.replaced,
          categories: data.verdict.categories,
          model: data.model,
          ...(data.usage ? { usage: data.usage } : {}),
          ...(data.cost ? { cost: data.cost } : {}),
          ...(data.resourceLineKind ? { resourceLineKind: data.resourceLineKind } : {}),
        },
        ...(data.connectionId ? { fallbackConnectionId: data.connectionId } : {}),
      });
    },

    /** Blocked or crisis input: a fixed reply, and for crisis the helplines of the user's locale. */
    async messageScreened(event: ConsumedEvent<"MessageScreened">) {
      const { data } = event.envelope;
      const crisis = data.verdict.action === "crisis";
      const text = safetyNoticeText(data.verdict, data.locale);
      const frame = serverFrame("safety_notice", {
        sessionId: data.sessionId,
        messageId: data.messageId,
        seq: data.seq,
        text,
        categories: data.verdict.categories,
        resources: crisis ? crisisResources(data.locale).resources : [],
      });
      await deliver({
        event,
        sessionId: data.sessionId,
        messageId: data.messageId,
        replyId: safetyNoticeReplyId(data.messageId),
        seq: data.seq,
        frame,
        outcome: "noticed",
        receivedAt: data.receivedAt,
        // The notice rides on the report as a reply does, so storage can keep it from whichever of this report and
        // MessageScreened reaches it first (their order is not guaranteed).
        reply: { personaId: data.personaId, text, replaced: false, categories: data.verdict.categories, model: "safety" },
        ...(data.connectionId ? { fallbackConnectionId: data.connectionId } : {}),
      });
    },

    /** A feedback request goes to every connection the teen has open; one not connected now is offered it on the next connect. */
    async feedbackRequested(event: ConsumedEvent<"FeedbackRequested">) {
      const { data, metadata } = event.envelope;
      const frame = serverFrame("feedback_request", { requestId: data.requestId, sessionId: data.sessionId, question: data.question, options: data.options, expiresAt: data.expiresAt });
      // Every connection is tried: one whose push failed does not keep the request from the others. Then the failure is
      // thrown, so the queue tries again; a connection that had it already gets it again, and clients keep one card per
      // requestId.
      const failures: unknown[] = [];
      for (const connection of await connections.listByUser(metadata.userId)) {
        await ports.pusher.push(connection.connectionId, frame).catch((error: unknown) => failures.push(error));
      }
      if (failures.length > 0) throw new AggregateError(failures, `the feedback request could not be pushed to ${failures.length} of the user's connections`);
    },

    /** A step gave up: the client hears so with a code it can act on (retry the message, or not). */
    async stepFailed(event: ConsumedEvent<"StepFailed">) {
      const { data } = event.envelope;
      // Only a failed turn concerns the client; a background step (context, graph) failing is for operators.
      if (!data.sessionId || !data.messageId) return;
      const timedOut = isTurnTimeout(data);
      // The watchdog ended the turn itself (its claim is the outcome): showing it settles that claim first, unless a
      // reply took the turn over meanwhile (see attemptDelivery) and was shown instead. A redelivery settles and shows
      // it again. Any other failure must win the turn first.
      if (timedOut && !(await ports.outcomes.settle(data.messageId, "shown", TIMEOUT_DECIDER)).settled) return;
      if (!timedOut && !(await ports.outcomes.claim(data.messageId, "failed", data.step)).won) return;
      const connectionId = await connectionFor(data.sessionId, data.connectionId);
      if (connectionId) await pushFailure(data, connectionId);
      // Any other failure is settled once shown, like a reply.
      if (!timedOut) await ports.outcomes.settle(data.messageId);
    },
  };
};
