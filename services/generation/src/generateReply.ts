// Generation's logic: builds the prompt (persona + the user's cached context + recent history), asks the model, streams if asked;
// in a group conversation, each persona that is to answer does so in turn, seeing the replies before its own.
import { CONTEXT_KEEP_ALIVE_SECONDS, factIdsOfLines, type CachedContext, type ContextCacheStore } from "@innerworld/memory/context-cache";
import type { MessageRecord, MessageStore } from "@innerworld/conversation/messages";
import type { TurnOutcomes } from "@innerworld/conversation/turns";
import { buildPrompt, type ChatTurn } from "@innerworld/chat-model/prompt";
import type { Persona } from "@innerworld/chat-model/personas";
import { chooseResponders, toPromptPersona } from "@innerworld/personas/chat";
import type { PersonaRecord, PersonaStore } from "@innerworld/personas/store";
import { DEFAULT_MODEL_PRICES, fitReply, isModelUnavailableError, isReplyRefusedError, replyCostOf, type ModelPriceTable, type ReplyModel, type ReplyResult } from "@innerworld/chat-model/models";
import { screenOutput, softResourceLine, worriedAboutSomeoneLine } from "@innerworld/screening";
import { AFTER_CRISIS_CHECK_IN_INSTRUCTION, CONCERN_CHECK_IN_INSTRUCTION, SOMEONE_AT_RISK_INSTRUCTION } from "@innerworld/screening/replies";
import type { ConnectionPusher } from "@innerworld/platform/delivery";
import { deterministicEventId, invocationDeadline, MOST_GROUP_PERSONAS, serverFrame, topologyOf, TURN_DEADLINE_SECONDS, type ConsumedEvent, type EventData, type Publisher } from "@innerworld/events";
import { epochSeconds, type Clock } from "@innerworld/platform/clock";
import { PersonaCache } from "./personaCache";
import { METRIC, type MetricsPort } from "@innerworld/platform/observability";

export interface GenerationPorts {
  /** Counts model fallbacks (silent when absent). */
  metrics?: MetricsPort;
  /** What went wrong beside the turn without failing it (a block's keep-alive), for the operator's logs. */
  warn?: (message: string, extra: Record<string, unknown>) => void;
  messages: MessageStore;
  /** The user's context block, as context-refresh cached it. */
  contexts: ContextCacheStore;
  /** Where personas are read (built-in and user-made). */
  personas: PersonaStore;
  publisher: Publisher;
  /**
   * Each turn's outcome, and generation's attempts at the turn: a turn is answered once however often its
   * MessageScreened comes (one conditional write a turn, in place of an idempotency record's two).
   */
  outcomes: Pick<TurnOutcomes, "beginStep" | "get">;
  model: ReplyModel;
  /** Each model's token prices: every ReplyGenerated carries its cost from them (default: the built-in list prices). */
  prices?: ModelPriceTable;
  /** How long a read persona is kept is measured on it. */
  clock: Clock;
  pusher?: ConnectionPusher;
  /** Estimated tokens the prompt may use; the reply's own budget comes on top. */
  promptTokenBudget?: number;
  /** How many earlier turns (the teen's message and the replies to it) a prompt may draw on. */
  historyTurns?: number;
  /**
   * The models a persona may name (INNERWORLD_PERSONA_MODELS, else the configured chain): a persona whose stored model
   * is no longer on the list is answered by the configured chain, so narrowing the list takes effect at once.
   */
  personaModels: readonly string[];
  /**
   * A turn's deadline from when the gateway took it (default the topology's): past it the watchdog has told the teen the
   * turn timed out, so nothing more of it is pushed live (its reply is still published, and kept for a resume).
   */
  turnDeadlineSeconds?: number;
}

/** How long after a turn's deadline a stream still running looks whether the watchdog ended the turn. */
const WATCHDOG_GRACE_MS = 2_000;

/**
 * The model chain already retried and fell back: redelivering would keep the teen waiting for minutes, so the step ends
 * and the client is told whether sending again may help (not when the model refused the request for what it holds).
 */
export class GenerationFailedError extends Error {
  override readonly name = "GenerationFailedError";
  /** REPLY_REFUSED when the model's provider declined the request for what it holds: a client tells it from an outage by its code. */
  readonly code: "GENERATION_FAILED" | "REPLY_REFUSED";
  readonly retryable = false;
  readonly clientMayRetry: boolean;
  /** A refused request is done once the client is told: redriving it would be refused again, so it is not dead-lettered. */
  readonly deadLetter: boolean;
  constructor(message: string, options?: { cause?: unknown; refused?: boolean }) {
    super(message, options);
    const refused = options?.refused ?? false;
    this.code = refused ? "REPLY_REFUSED" : "GENERATION_FAILED";
    this.clientMayRetry = !refused;
    this.deadLetter = !refused;
  }
}

/**
 * Every persona the turn was for was deleted while it was on the way (the gateway ends their sessions): the turn ends
 * with a PERSONA_DELETED error the client cannot fix by sending again, and the record is done, not dead-lettered.
 */
export class PersonaDeletedError extends Error {
  override readonly name = "PersonaDeletedError";
  readonly code = "PERSONA_DELETED";
  readonly retryable = false;
  readonly clientMayRetry = false;
  readonly deadLetter = false;
  constructor(personaIds: readonly string[]) {
    super(`Persona ${personaIds.join(", ")} no longer exists`);
  }
}

/** A copy of a turn came while an earlier attempt at it may still be answering: it is tried again later, after the queue's visibility timeout. */
export class GenerationUnderWayError extends Error {
  override readonly name = "GenerationUnderWayError";
  readonly code = "GENERATION_UNDER_WAY";
  readonly retryable = true;
}

export const isGenerationUnderWay = (error: unknown): error is GenerationUnderWayError => error instanceof GenerationUnderWayError;

/** How long one attempt at a turn may run: the function's timeout, after which Lambda has stopped it. */
const ATTEMPT_SECONDS = topologyOf("generation").queue?.functionTimeoutSeconds ?? 60;

const DEFAULT_PROMPT_TOKEN_BUDGET = 3000;

/**
 * The most a reply may hold, in characters: eight a token of the persona's limit (a token is about four characters of
 * English), at least 600. A model that ignores `max_tokens` would otherwise send the teen pages, or a reply too large
 * for its event after hundreds of sentences had streamed.
 */
export const replyCharLimit = (maxTokens: number): number => Math.max(600, maxTokens * 8);
const DEFAULT_HISTORY_TURNS = 20;
/** The most replies a turn has: one per persona of a group. */
const MOST_REPLIES_PER_TURN = MOST_GROUP_PERSONAS;

/**
 * How long before the function's timeout the models are given up on (invocationDeadline): enough to publish the
 * replies given, or to fail the step in the open. Each model has its own limit of seconds, but a group's personas
 * each trying a fallback, or a model that trickles a sentence every few seconds, could add up past the timeout, and
 * Lambda kills a function there without running another line: the batch's other turns with it.
 */
export const GENERATION_RESERVE_MS = 5_000;

type ResourceLineKind = NonNullable<EventData<"ReplyGenerated">["resourceLineKind"]>;
/** Each resource line, in the teen's language. */
const RESOURCE_LINES: Readonly<Record<ResourceLineKind, (locale?: string) => string>> = { soft: softResourceLine, someone_at_risk: worriedAboutSomeoneLine };

/**
 * Whether a reply of the latest answered turn in `history` carried the soft resource line (in a group, the first reply
 * does), as recorded with the reply. The record says so, not the text: the line's wording or the teen's locale may have
 * changed since, and a persona may quote the line.
 */
const softLineShownOnTurnBefore = (history: readonly MessageRecord[]): boolean => {
  const replies = history.filter((m) => m.role === "assistant");
  const turnBefore = replies.at(-1)?.seq;
  return replies.some((m) => m.seq === turnBefore && m.resourceLineKind === "soft");
};

export const createReplyGenerator = (ports: GenerationPorts) => {
  const { messages, contexts } = ports;
  const personas = new PersonaCache(ports.personas, ports.clock);

  const deadlineMs = (ports.turnDeadlineSeconds ?? TURN_DEADLINE_SECONDS) * 1000;
  /** Whether the turn taken at `receivedAt` has passed its deadline, and with it the watchdog's TURN_TIMED_OUT. */
  const pastDeadline = (receivedAt: string | undefined) => receivedAt !== undefined && ports.clock() >= Date.parse(receivedAt) + deadlineMs;

  const push = async (connectionId: string | undefined, frame: string): Promise<boolean> => {
    if (!connectionId || !ports.pusher) return false;
    return (await ports.pusher.push(connectionId, frame).catch(() => "gone" as const)) === "sent";
  };

  /** The last `historyTurns` turns the teen saw, oldest first, each reply with the persona that said it. */
  const history = async (sessionId: string, beforeSeq: number) => {
    const historyTurns = ports.historyTurns ?? DEFAULT_HISTORY_TURNS;
    if (historyTurns <= 0) return [];
    // A turn is the teen's message and up to a reply per persona: read enough messages for the turns wanted however many
    // answered each, and for this turn and one sent after it (both are newer than `beforeSeq`), in the one query.
    const recent = await messages.recent(sessionId, (historyTurns + 2) * (1 + MOST_REPLIES_PER_TURN));
    // Only turns the teen saw: blocked and crisis messages, and failed turns, stay out of the model's view.
    const seen = recent.filter((m) => m.seq < beforeSeq && !["blocked", "crisis", "failed"].includes(m.status) && m.model !== "safety");
    const turnStarts = seen.flatMap((m, index) => (m.role === "user" ? [index] : []));
    return seen.slice(turnStarts.at(-historyTurns) ?? 0);
  };

  const personaFor = async (personaId: string): Promise<PersonaRecord> => {
    const record = await personas.get(personaId);
    // The gateway ends a deleted persona's sessions; a turn already on its way finds it gone and ends here.
    if (!record) throw new PersonaDeletedError([personaId]);
    return record;
  };

  /** The group's personas that still exist: one deleted mid-turn leaves the others to answer. */
  const groupOf = async (personaIds: readonly string[]): Promise<PersonaRecord[]> => {
    const records = await Promise.all(personaIds.map((id) => personas.get(id)));
    const present = records.filter((record): record is PersonaRecord => record !== undefined);
    if (present.length === 0) throw new PersonaDeletedError(personaIds);
    return present;
  };

  /**
   * The block lives an hour from when it was built, and a session can talk for longer: a block near its end gets
   * another hour (once in about forty minutes of chat, not every turn), so memory does not drop out of the replies
   * mid-session. A failure here costs the next turn a block, never this turn its reply.
   */
  const keepContextAlive = async (userId: string, context: CachedContext | undefined) => {
    if (!context || context.expiresAt - epochSeconds(ports.clock()) > CONTEXT_KEEP_ALIVE_SECONDS) return;
    await contexts.keepAlive(userId, context.version).catch((error: unknown) => ports.warn?.("context keep-alive failed", { userId, error: String(error) }));
  };

  const generate = async ({ envelope, context: invocation }: ConsumedEvent<"MessageScreened">): Promise<void> => {
    const { data, metadata } = envelope;
    if (!data.content) throw new GenerationFailedError(`MessageScreened ${metadata.eventId} carries no content to answer`);
    const content = data.content;
    // Answered once: a copy of the turn finds the attempt it follows. Once the turn has an outcome (its reply shown or
    // kept, a notice, a failure, the watchdog's timeout) a copy answers nothing, so a redelivered streamed turn does not
    // stream twice; a copy that comes while an earlier attempt may still be running comes back later; one that comes
    // after that attempt's time ran out with no outcome yet answers the turn (the earlier attempt died). Every attempt
    // publishes under the same reply ids, so the notifier shows one reply whichever attempts publish.
    // A group turn is the exception: the notifier decides its outcome when the first persona's reply is shown, so an
    // outcome does not say the later personas were answered (an attempt may have died between them). A copy of a group
    // turn answers again; its replies keep their ids, and the notifier shows each reply once. Once the turn has an
    // outcome the client has seen the turn end, so that copy answers silently: no status frames, no streaming (a
    // `thinking` after the turn's last frame would leave the client's typing line on), only the published replies.
    // The turn's reads change nothing, so they go out beside the attempt's write rather than after it: one round trip
    // less before the model is asked. A copy that answers nothing leaves them unread.
    const reading = Promise.all([contexts.get(metadata.userId), history(data.sessionId, data.seq)]);
    reading.catch(() => undefined);
    const attempt = await ports.outcomes.beginStep(data.messageId, "generation", ATTEMPT_SECONDS);
    const ended = attempt !== "first" && (await ports.outcomes.get(data.messageId)) !== undefined;
    if (ended && !data.personaIds) return;
    if (attempt === "under_way") throw new GenerationUnderWayError(`turn ${data.messageId} is being answered by an earlier attempt`);
    const [context, earlier] = await reading;
    await keepContextAlive(metadata.userId, context);
    const group = data.personaIds ? await groupOf(data.personaIds) : undefined;
    const names = new Map((group ?? []).map((record) => [record.personaId, record.name]));

    // Who answers: the session's persona, or in a group the addressed personas (else one, by topic fit or rotation).
    const responders = group
      ? chooseResponders(content, group.map((r) => ({ personaId: r.personaId, name: r.name, topics: r.topics })), earlier.filter((m) => m.role === "assistant").map((m) => m.personaId)).map(
          (member) => group.find((record) => record.personaId === member.personaId) as PersonaRecord,
        )
      : [await personaFor(data.personaId)];

    const turns: ChatTurn[] = earlier.map((m) =>
      m.role === "user"
        ? { role: "user", content: m.content }
        : { role: "assistant", content: m.content, ...(group ? { speaker: m.personaName ?? names.get(m.personaId) ?? "Another companion", personaId: m.personaId } : {}) },
    );

    const softLineShownJustBefore = softLineShownOnTurnBefore(earlier);
    const answeredBy: ChatTurn[] = [];
    let answered = 0;
    const failures: GenerationFailedError[] = [];
    const deadline = invocationDeadline(invocation, GENERATION_RESERVE_MS);
    try {
      for (const [replyIndex, record] of responders.entries()) {
        const persona = toPromptPersona(record);
        let text: string;
        try {
          text = await replyAs(persona, replyIndex, {
            envelope,
            content,
            turns,
            answeredBy,
            softLineShownJustBefore,
            silent: ended,
            signal: deadline.signal,
            ...(context?.block ? { context } : {}),
            ...(group ? { others: group.filter((r) => r.personaId !== record.personaId).map((r) => r.name) } : {}),
          });
        } catch (error) {
          const modelsFailed = error instanceof GenerationFailedError;
          if (!modelsFailed && answered === 0) throw error;
          if (modelsFailed) failures.push(error);
          // A persona that could not answer: its `thinking` is closed with an error naming it (REPLY_REFUSED when its
          // prompt was refused, so the client does not take it for an outage), past the deadline too
          // (it only clears what is on screen), unless the turn's own error is about to (the last persona, and none
          // answered). Its models failing, the next persona is still asked: one persona's refused prompt or broken
          // model leaves the group's others to answer. Any other failure fails the step, whose retry answers the turn
          // again silently, and would otherwise leave "thinking" up until then.
          const turnErrorFollows = answered === 0 && replyIndex === responders.length - 1;
          const ids = { sessionId: data.sessionId, messageId: data.messageId, personaId: persona.id };
          const code = modelsFailed ? error.code : "GENERATION_FAILED";
          if (!ended && !turnErrorFollows) await push(data.connectionId, serverFrame("error", { ...ids, code, message: `${persona.displayName} couldn't answer just now`, retryable: false }));
          if (!modelsFailed) throw error;
          continue;
        }
        answered += 1;
        // The next persona in a group sees this reply (as the output screen would let it through) before answering.
        if (screenOutput(text).action === "allow") answeredBy.push({ role: "assistant", content: text, speaker: persona.displayName, personaId: persona.id });
      }
    } finally {
      deadline.release();
    }
    // No persona answered: the turn fails, and sending again is worth it unless every persona's request was refused.
    if (answered === 0) throw failures.find((failure) => failure.clientMayRetry) ?? failures.at(-1) ?? new GenerationFailedError(`turn ${data.messageId} had no persona to answer it`);
  };

  /** One persona's reply to the turn: prompt, model (streamed or whole), then ReplyGenerated. Returns the reply's text. */
  const replyAs = async (
    persona: Persona,
    replyIndex: number,
    turn: {
      envelope: ConsumedEvent<"MessageScreened">["envelope"];
      content: string;
      turns: ChatTurn[];
      answeredBy: ChatTurn[];
      /** The turn before this one carried the soft resource line. */
      softLineShownJustBefore: boolean;
      silent: boolean;
      /** Fires GENERATION_RESERVE_MS before the function's timeout: the model is given up on then. */
      signal: AbortSignal;
      context?: CachedContext;
      others?: string[];
    },
  ): Promise<string> => {
    const { data, metadata } = turn.envelope;
    // Where this attempt shows itself while it works: the turn's connection, or nowhere for a silent copy. Past the
    // turn's deadline the teen was told it timed out: from then on nothing of it shows live.
    const live = turn.silent ? undefined : data.connectionId;
    const show = (frame: string) => (pastDeadline(data.receivedAt) ? Promise.resolve(false) : push(live, frame));
    // A message of concern is answered, with an instruction to check in gently placed just before it; a teen worried
    // about someone they know is told how to get that person help instead, and a message that is a concern only because
    // of a crisis earlier in the session is answered, then followed by asking how the teen is now.
    const concern = data.verdict.level === "concern";
    const aboutSomeone = concern && data.verdict.category === "someone_at_risk";
    const afterCrisis = concern && data.verdict.decidedBy === "earlier_crisis";
    const guidance = aboutSomeone ? SOMEONE_AT_RISK_INSTRUCTION : afterCrisis ? AFTER_CRISIS_CHECK_IN_INSTRUCTION : CONCERN_CHECK_IN_INSTRUCTION;
    const prompt = buildPrompt({
      persona,
      ...(turn.context?.block ? { contextBlock: turn.context.block } : {}),
      history: turn.turns,
      userMessage: turn.content,
      answeredBy: turn.answeredBy,
      tokenBudget: ports.promptTokenBudget ?? DEFAULT_PROMPT_TOKEN_BUDGET,
      ...(turn.others ? { group: { others: turn.others } } : {}),
      ...(concern ? { turnGuidance: guidance } : {}),
    });
    // One soft resource line per turn, on its first reply; after a crisis only on the first check-in: a teen shown it on
    // the reply just before is not shown it again on each of the next few turns.
    const shownJustBefore = afterCrisis && turn.softLineShownJustBefore;
    const resourceLineKind: ResourceLineKind | undefined = concern && replyIndex === 0 && !shownJustBefore ? (aboutSomeone ? "someone_at_risk" : "soft") : undefined;
    const resourceLine = resourceLineKind && RESOURCE_LINES[resourceLineKind](data.locale);
    // The same turn always gets the same replyIds, so a redelivered event cannot make a second reply.
    const replyKey = replyIndex === 0 ? data.messageId : `${data.messageId}#${replyIndex}`;
    const replyId = deterministicEventId("generation", "reply", replyKey);
    const ids = { sessionId: data.sessionId, messageId: data.messageId, personaId: persona.id };
    // A model taken off the allowed list since the persona was saved is not asked: the configured chain answers.
    const ownModel = persona.model.model !== undefined && ports.personaModels.includes(persona.model.model) ? persona.model.model : undefined;
    const settings = { temperature: persona.model.temperature, maxTokens: persona.model.maxTokens, ...(ownModel ? { model: ownModel } : {}) };
    const signal = turn.signal;

    let result: ReplyResult;
    let streamed = false;
    // thinking, then responding once the model answers; the reply or stream_end that follows ends the turn. thinking
    // goes out while the model works: every later frame of this turn waits for it, so the teen sees them in order.
    const maxChars = replyCharLimit(persona.model.maxTokens);
    const thinking = show(serverFrame("agent_status", { ...ids, status: "thinking" }));
    // A stream the teen saw begin is taken back once if it cannot end as a reply: the model broke off, or the turn's
    // deadline passed mid-stream (the watchdog then tells the teen it timed out, and half a reply must not stand as the
    // persona's words). This one frame goes out even past the deadline: it only clears what is already on screen.
    let retracted = false;
    const retract = async () => {
      if (!streamed || retracted) return;
      retracted = true;
      await push(live, serverFrame("stream_end", { ...ids, replyId, seq: data.seq, text: "", retracted: true, model: ownModel ?? "unknown" }));
    };
    // Past the deadline, taken back only once the watchdog holds the turn: a reply that still won the turn's claim is
    // shown whole by the notifier, and a retraction before it would leave the teen with neither.
    const retractIfLate = async () => {
      if (!streamed || retracted || !pastDeadline(data.receivedAt)) return;
      if ((await ports.outcomes.get(data.messageId))?.outcome === "timed_out") await retract();
    };
    let deadlineTimer: NodeJS.Timeout | undefined;
    try {
      if (data.stream && live && ports.pusher) {
        const stream = ports.model.stream(prompt.messages, { settings, signal });
        let index = 0;
        let withheld = false;
        let shownChars = 0;
        for await (const { sentence } of stream) {
          if (index === 0) {
            await thinking;
            await show(serverFrame("agent_status", { ...ids, status: "responding" }));
            streamed = await show(serverFrame("stream_start", { ...ids, replyId }));
            // A model that trickles past the deadline is taken back soon after the watchdog ends the turn, not at its
            // next sentence: looked at once, a moment after the deadline, when the watchdog's timeout has had its turn.
            if (streamed && data.receivedAt) {
              deadlineTimer = setTimeout(() => void retractIfLate().catch(() => undefined), Math.max(0, Date.parse(data.receivedAt) + deadlineMs + WATCHDOG_GRACE_MS - ports.clock()));
              deadlineTimer.unref();
            }
          }
          // Each sentence passes the output rules before the teen sees it; after one fails, nothing more streams
          // and the final screening replaces the whole reply.
          // A model that ignores its token limit is cut off at the reply's length: what streams stops there too.
          await retractIfLate();
          shownChars += (index === 0 ? 0 : 1) + sentence.length;
          if (shownChars > maxChars) withheld = true;
          else if (!withheld && screenOutput(sentence).action === "allow") {
            await show(serverFrame("stream_chunk", { ...ids, replyId, index, text: sentence }));
          } else {
            withheld = true;
          }
          index += 1;
        }
        // Our own words, not the model's: they need no screening.
        if (resourceLine !== undefined && !withheld && index > 0) await show(serverFrame("stream_chunk", { ...ids, replyId, index, text: resourceLine }));
        result = await stream.result;
        // Streamed to its end past the deadline, and the watchdog has ended the turn: its final frame will not come live.
        await retractIfLate();
      } else {
        result = await ports.model.generate(prompt.messages, { settings, signal });
        await thinking;
        await show(serverFrame("agent_status", { ...ids, status: "responding" }));
      }
    } catch (error) {
      // A stream the teen saw begin, broken off: taken back before the turn's error, which follows from the notifier.
      await retract();
      if (isModelUnavailableError(error)) throw new GenerationFailedError(error.message, { cause: error });
      // Refused for what the prompt holds: the same message would be refused again, so the teen is not asked to resend.
      if (isReplyRefusedError(error)) throw new GenerationFailedError(error.message, { cause: error, refused: true });
      // The function's time running out is the models not answering in time: the same failure, told the same way.
      if (signal.aborted) throw new GenerationFailedError(`${persona.displayName} had no reply before the function's time ran out`, { cause: error });
      throw error;
    } finally {
      clearTimeout(deadlineTimer);
      // Whatever ends the turn (the reply, a stream with no sentence, a failure) comes after thinking.
      await thinking;
    }

    result = { ...result, text: fitReply(result.text, maxChars) };
    if (result.fallbackUsed) ports.metrics?.count(METRIC.modelFallbacks);
    const cost = replyCostOf(result.model, result.usage, ports.prices ?? DEFAULT_MODEL_PRICES);
    await ports.publisher.publish({
      type: "ReplyGenerated",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: metadata.userId,
      sessionId: data.sessionId,
      deduplicationKey: replyKey,
      data: {
        messageId: data.messageId,
        sessionId: data.sessionId,
        seq: data.seq,
        personaId: persona.id,
        ...(data.personaIds ? { personaIds: data.personaIds, replyIndex } : {}),
        personaName: persona.displayName,
        replyId,
        text: resourceLine === undefined ? result.text : `${result.text}\n\n${resourceLine}`,
        model: result.model,
        fallbackUsed: result.fallbackUsed,
        usage: result.usage,
        ...(cost ? { cost } : {}),
        latencyMs: result.latencyMs,
        streamed,
        ...(data.locale ? { locale: data.locale } : {}),
        ...(resourceLine !== undefined ? { resourceLine, resourceLineKind } : {}),
        ...(data.connectionId ? { connectionId: data.connectionId } : {}),
        ...(data.receivedAt ? { receivedAt: data.receivedAt } : {}),
        // Which remembered facts the model saw: an analyst (and the teen's own memory view) can trace a reply to them.
        ...(turn.context?.block
          ? { context: { version: turn.context.version, factIds: factIdsOfLines(turn.context, prompt.contextLines.length), lines: prompt.contextLines } }
          : {}),
      },
    });
    return result.text;
  };

  /** A changed or deleted persona leaves this instance's cache at once (other instances wait out the cache's minute). */
  const forgetPersona = async ({ envelope }: ConsumedEvent<"PersonaUpdated" | "PersonaDeleted">): Promise<void> => {
    personas.forget(envelope.data.personaId);
  };

  return { generate, forgetPersona };
};
