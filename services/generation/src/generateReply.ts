// Generation's logic: builds the prompt (persona + the user's cached context + recent history), asks the model, streams if asked.
import { DynamoDbContextCacheStore, factIdsOfLines } from "@innerworld/memory/context-cache";
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { buildPrompt, type ChatTurn } from "@innerworld/chat-model/prompt";
import { getPersona } from "@innerworld/chat-model/personas";
import { isModelUnavailableError, type ReplyModel, type ReplyResult } from "@innerworld/chat-model/models";
import { screenOutput } from "@innerworld/screening";
import { type ConnectionPusher } from "@innerworld/platform/delivery";
import { deterministicEventId, serverFrame, type ConsumedEvent, type EventPublisher } from "@innerworld/events";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "@innerworld/platform/clock";

export interface GenerationPorts {
  dynamodb: DynamoDBDocumentClient;
  tables: { messages: string; contextCache: string };
  publisher: EventPublisher;
  model: ReplyModel;
  clock?: Clock;
  pusher?: ConnectionPusher;
  /** Estimated tokens the prompt may use; the reply's own budget comes on top. */
  promptTokenBudget?: number;
  historyTurns?: number;
}

/** The model chain already retried and fell back: redelivering would keep the teen waiting for minutes, so the step ends and the client is told to try again. */
export class GenerationFailedError extends Error {
  override readonly name = "GenerationFailedError";
  readonly code = "GENERATION_FAILED";
  readonly retryable = false;
  readonly clientMayRetry = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const DEFAULT_PROMPT_TOKEN_BUDGET = 3000;
const DEFAULT_HISTORY_TURNS = 20;

export const createReplyGenerator = (ports: GenerationPorts) => {
  const messages = new DynamoDbMessageStore(ports.dynamodb, ports.tables.messages, ports.clock);
  const contexts = new DynamoDbContextCacheStore(ports.dynamodb, ports.tables.contextCache, ports.clock);

  const push = async (connectionId: string | undefined, frame: string): Promise<boolean> => {
    if (!connectionId || !ports.pusher) return false;
    return (await ports.pusher.push(connectionId, frame).catch(() => "gone" as const)) === "sent";
  };

  const history = async (sessionId: string, beforeSeq: number): Promise<ChatTurn[]> => {
    const recent = await messages.recent(sessionId, (ports.historyTurns ?? DEFAULT_HISTORY_TURNS) + 2);
    // Only turns the teen saw: blocked and crisis messages, and failed turns, stay out of the model's view.
    return recent
      .filter((m) => m.seq < beforeSeq && !["blocked", "crisis", "failed"].includes(m.status) && m.model !== "safety")
      .map((m) => ({ role: m.role, content: m.content }));
  };

  return async ({ envelope }: ConsumedEvent<"MessageScreened">): Promise<void> => {
    const { data, metadata } = envelope;
    if (!data.content) throw new GenerationFailedError(`MessageScreened ${metadata.eventId} carries no content to answer`);
    const persona = getPersona(data.personaId);
    const [context, turns] = await Promise.all([contexts.get(metadata.userId), history(data.sessionId, data.seq)]);
    const prompt = buildPrompt({
      persona,
      ...(context?.block ? { contextBlock: context.block } : {}),
      history: turns,
      userMessage: data.content,
      tokenBudget: ports.promptTokenBudget ?? DEFAULT_PROMPT_TOKEN_BUDGET,
    });
    // The same turn always gets the same replyId, so a redelivered event cannot make a second reply.
    const replyId = deterministicEventId("generation", "reply", data.messageId);
    const ids = { sessionId: data.sessionId, messageId: data.messageId };
    const settings = { temperature: persona.model.temperature, maxTokens: persona.model.maxTokens };

    let result: ReplyResult;
    let streamed = false;
    try {
      if (data.stream && data.connectionId && ports.pusher) {
        const stream = ports.model.stream(prompt.messages, { settings });
        let index = 0;
        let withheld = false;
        for await (const { sentence } of stream) {
          if (index === 0) streamed = await push(data.connectionId, serverFrame("stream_start", { ...ids, replyId }));
          // Each sentence passes the output rules before the teen sees it; after one fails, nothing more streams
          // and the final screening replaces the whole reply.
          if (!withheld && screenOutput(sentence).action === "allow") {
            await push(data.connectionId, serverFrame("stream_chunk", { ...ids, replyId, index, text: sentence }));
          } else {
            withheld = true;
          }
          index += 1;
        }
        result = await stream.result;
      } else {
        await push(data.connectionId, serverFrame("agent_status", { ...ids, status: "thinking" }));
        result = await ports.model.generate(prompt.messages, { settings });
      }
    } catch (error) {
      if (isModelUnavailableError(error)) throw new GenerationFailedError(error.message, { cause: error });
      throw error;
    }

    await ports.publisher.publish({
      type: "ReplyGenerated",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: metadata.userId,
      sessionId: data.sessionId,
      deduplicationKey: data.messageId,
      data: {
        ...ids,
        seq: data.seq,
        personaId: data.personaId,
        replyId,
        text: result.text,
        model: result.model,
        fallbackUsed: result.fallbackUsed,
        usage: result.usage,
        latencyMs: result.latencyMs,
        streamed,
        ...(data.connectionId ? { connectionId: data.connectionId } : {}),
        // Which remembered facts the model saw: an analyst (and the teen's own memory view) can trace a reply to them.
        ...(context?.block
          ? { context: { version: context.version, factIds: factIdsOfLines(context, prompt.contextLines.length), lines: prompt.contextLines } }
          : {}),
      },
    });
  };
};
