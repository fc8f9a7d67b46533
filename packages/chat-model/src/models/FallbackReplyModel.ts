// Tries a chain of LangChain chat models in order, skipping those whose circuit is open, and reports which one answered.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage, UsageMetadata } from "@langchain/core/messages";
import { estimateMessageTokens, estimateTokens } from "../prompt/index.js";
import type { CircuitBreaker, CircuitState } from "@innerworld/platform/resilience";
import { Deadline } from "./deadline.js";
import { ModelUnavailableError, ReplyRefusedError, type ModelAttempt } from "./errors.js";
import { endAtWholeSentence } from "./fitReply.js";
import type { ReplyModel, ReplyOptions, ReplyResult, ReplySentence, ReplySettings, ReplyStream, ReplyUsage } from "./replyModel.js";
import { SentenceSplitter } from "./sentenceSplitter.js";

export interface ModelCandidate {
  /** Reported as `ReplyResult.model` and used in errors. */
  name: string;
  /** The LangChain model to call with these settings; called per request, so cache inside. */
  chatModel(settings?: ReplySettings): BaseChatModel;
  breaker?: CircuitBreaker;
  /** Longest the model may take (a stream: may stay silent); undefined sets no timer at all. */
  timeoutMs?: number;
}

export interface FallbackReplyModelOptions {
  /**
   * The candidate for a model a persona asks for by name (`settings.model`), tried before the configured chain.
   * Absent (the offline model): a persona's model name is ignored.
   */
  candidateFor?: (name: string) => ModelCandidate;
}

export class FallbackReplyModel implements ReplyModel {
  readonly models: readonly string[];

  constructor(
    private readonly candidates: readonly ModelCandidate[],
    private readonly options: FallbackReplyModelOptions = {},
  ) {
    if (candidates.length === 0) throw new RangeError("FallbackReplyModel needs at least one model");
    this.models = candidates.map((candidate) => candidate.name);
  }

  /** The chain for one call: the persona's own model first when it names one, then the configured chain without it. */
  private chainFor(settings: ReplySettings | undefined): readonly ModelCandidate[] {
    const preferred = settings?.model;
    if (!preferred || !this.options.candidateFor) return this.candidates;
    const first = this.candidates.find((candidate) => candidate.name === preferred) ?? this.options.candidateFor(preferred);
    return [first, ...this.candidates.filter((candidate) => candidate.name !== preferred)];
  }

  circuitStates(): Record<string, CircuitState> {
    return Object.fromEntries(this.candidates.map((c) => [c.name, c.breaker?.state ?? "closed"]));
  }

  async generate(messages: BaseMessage[], options: ReplyOptions = {}): Promise<ReplyResult> {
    const started = performance.now();
    const attempts: ModelAttempt[] = [];
    let lastError: unknown;
    for (const [position, candidate] of this.chainFor(options.settings).entries()) {
      if (candidate.breaker && !candidate.breaker.allowRequest()) {
        attempts.push({ model: candidate.name, outcome: "circuit-open" });
        continue;
      }
      const deadline = new Deadline(candidate.timeoutMs, options.signal);
      try {
        const message = await candidate.chatModel(options.settings).invoke(messages, { signal: deadline.signal });
        const finishReason = finishReasonOf(message);
        if (finishReason === "content_filter") throw new FilteredReplyError();
        const text = finishReason === "length" ? endAtWholeSentence(message.text) : message.text;
        if (!text.trim()) throw new EmptyReplyError();
        candidate.breaker?.onSuccess();
        return {
          text,
          model: candidate.name,
          usage: usageOf(message.usage_metadata, messages, text),
          latencyMs: Math.round(performance.now() - started),
          fallbackUsed: position > 0,
        };
      } catch (error) {
        if (options.signal?.aborted) {
          candidate.breaker?.onCancel();
          throw options.signal.reason ?? error;
        }
        attempts.push(attemptOf(candidate.name, error, deadline));
        lastError = error;
        judge(candidate, error);
        if (refusesTheRequest(error)) throw new ReplyRefusedError(attempts, reasonOf(error), { cause: error });
      } finally {
        deadline.pause();
      }
    }
    throw new ModelUnavailableError(attempts, { cause: lastError });
  }

  stream(messages: BaseMessage[], options: ReplyOptions = {}): ReplyStream {
    let settle!: { resolve: (result: ReplyResult) => void; reject: (error: unknown) => void };
    const result = new Promise<ReplyResult>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // A consumer that only iterates must not crash the process with an unhandled rejection.
    result.catch(() => undefined);
    const sentences = this.streamSentences(messages, options, settle);
    let iterated = false;
    return {
      result,
      [Symbol.asyncIterator]() {
        if (iterated) throw new Error("A ReplyStream can be iterated only once");
        iterated = true;
        return sentences;
      },
    };
  }

  private async *streamSentences(
    messages: BaseMessage[],
    options: ReplyOptions,
    settle: { resolve: (result: ReplyResult) => void; reject: (error: unknown) => void },
  ): AsyncGenerator<ReplySentence> {
    const started = performance.now();
    const attempts: ModelAttempt[] = [];
    let lastError: unknown;
    let settled = false;
    const fail = (error: unknown) => {
      settled = true;
      settle.reject(error);
      return error;
    };

    try {
      for (const [position, candidate] of this.chainFor(options.settings).entries()) {
        if (candidate.breaker && !candidate.breaker.allowRequest()) {
          attempts.push({ model: candidate.name, outcome: "circuit-open" });
          continue;
        }
        const deadline = new Deadline(candidate.timeoutMs, options.signal);
        const splitter = new SentenceSplitter();
        let text = "";
        let usage: UsageMetadata | undefined;
        let finishReason: string | undefined;
        const shown: string[] = [];
        let emitted = 0;
        let outcome: "pending" | "failed" | "done" = "pending";
        try {
          const chunks = await candidate.chatModel(options.settings).stream(messages, { signal: deadline.signal });
          for await (const chunk of chunks as AsyncIterable<AIMessageChunk>) {
            deadline.restart();
            const piece = chunk.text;
            text += piece;
            usage = chunk.usage_metadata ?? usage;
            finishReason = finishReasonOf(chunk) ?? finishReason;
            for (const sentence of splitter.push(piece)) {
              deadline.pause();
              yield { sentence, index: emitted };
              shown.push(sentence);
              emitted += 1;
              deadline.restart();
            }
          }
          deadline.pause();
          if (!text.trim()) throw new EmptyReplyError();
          // A stream that closed before its model said why it stopped was cut off on the way (a proxy losing its
          // upstream): what came is not the whole reply.
          if (finishReason === undefined) throw new UnfinishedReplyError();
          if (finishReason === "content_filter") throw new FilteredReplyError();
          // Stopped by the token limit, mid-sentence: the sentences that ended stand, the fragment after them goes.
          const cutShort = finishReason === "length";
          const rest = cutShort ? splitter.flushWholeSentences() : splitter.flush();
          if (cutShort && emitted === 0 && rest.length === 0) rest.push(endAtWholeSentence(text));
          for (const sentence of rest) {
            yield { sentence, index: emitted };
            shown.push(sentence);
            emitted += 1;
          }
          if (cutShort) text = shown.join(" ");
          outcome = "done";
        } catch (error) {
          if (options.signal?.aborted) throw fail(options.signal.reason ?? error);
          outcome = "failed";
          attempts.push(attemptOf(candidate.name, error, deadline));
          lastError = error;
          judge(candidate, error);
          if (refusesTheRequest(error)) throw fail(new ReplyRefusedError(attempts, reasonOf(error), { cause: error }));
          // Part of this reply may already be on the user's screen: switching models now would show
          // the start of one reply glued to another, so the turn fails and the saga retries it.
          if (emitted > 0) throw fail(new ModelUnavailableError(attempts, { cause: error, partialText: shown.join(" ") }));
          continue;
        } finally {
          deadline.pause();
          // Still pending here means the caller aborted or stopped iterating: stop the request, and
          // free the breaker's trial slot without blaming a model that did nothing wrong.
          if (outcome === "pending") {
            deadline.cancel();
            candidate.breaker?.onCancel();
          }
        }
        candidate.breaker?.onSuccess();
        settled = true;
        settle.resolve({
          text,
          model: candidate.name,
          usage: usageOf(usage, messages, text),
          latencyMs: Math.round(performance.now() - started),
          fallbackUsed: position > 0,
        });
        return;
      }
      throw fail(new ModelUnavailableError(attempts, { cause: lastError }));
    } finally {
      if (!settled) fail(new DOMException("The reply stream was closed before it finished", "AbortError"));
    }
  }
}

/** A 200 with no text is no answer for a chat turn: treat it as a failure so the next model gets a go. */
class EmptyReplyError extends Error {
  override readonly name = "EmptyReplyError";
  constructor() {
    super("The model returned an empty reply");
  }
}

/** A reply the endpoint's content filter stopped (finish_reason "content_filter"): not the persona's words, so no answer. */
class FilteredReplyError extends Error {
  override readonly name = "FilteredReplyError";
  constructor() {
    super("The model's content filter stopped the reply");
  }
}

/** A stream that closed with no finish_reason (and no [DONE]): the reply broke off on the way. */
class UnfinishedReplyError extends Error {
  override readonly name = "UnfinishedReplyError";
  constructor() {
    super("The reply stream closed before the model finished");
  }
}

function finishReasonOf(message: { response_metadata?: Record<string, unknown> }): string | undefined {
  const reason = message.response_metadata?.finish_reason;
  return typeof reason === "string" ? reason : undefined;
}

/**
 * A 4xx answers for the request, not for the model's health (a 400 for one persona's prompt, a model name the endpoint
 * does not know): the breaker hears nothing of it, or three such turns would close the model to everyone. A timeout
 * (408) or rate limit (429), like a 5xx, a hang or a broken stream, says the model cannot serve now.
 */
function judge(candidate: ModelCandidate, error: unknown): void {
  const status = statusOf(error);
  const answersForTheRequest = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
  if (answersForTheRequest) candidate.breaker?.onCancel();
  else candidate.breaker?.onFailure();
}

/**
 * Refused for what the request holds (400 bad request, 413 too large, 422 unprocessable: a content policy, a prompt too
 * long): every model behind the same endpoint would refuse it too. Other 4xx (401, 403, 404) are about one model's
 * access and leave the fallbacks their turn.
 */
function refusesTheRequest(error: unknown): boolean {
  const status = statusOf(error);
  return status === 400 || status === 413 || status === 422;
}

/** The endpoint's code for an error (OpenAI's `error.code`: `content_policy_violation`), when it gave one. */
function reasonOf(error: unknown): string | undefined {
  return fieldOf(error, "code", (value): value is string => typeof value === "string");
}

function usageOf(reported: UsageMetadata | undefined, messages: readonly BaseMessage[], text: string): ReplyUsage {
  if (reported && (reported.input_tokens > 0 || reported.output_tokens > 0)) {
    return { inputTokens: reported.input_tokens, outputTokens: reported.output_tokens };
  }
  // Some OpenAI-compatible servers report no usage (or zeros) when streaming; an estimate beats a zero
  // that would make cost dashboards and rate accounting lie.
  return {
    inputTokens: messages.reduce((sum, message) => sum + estimateMessageTokens(message.text), 0),
    outputTokens: estimateTokens(text),
  };
}

function attemptOf(model: string, error: unknown, deadline: Deadline): ModelAttempt {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
  return {
    model,
    outcome: deadline.timedOut ? "timeout" : "failed",
    ...(status === undefined ? {} : { status }),
    message,
  };
}

function statusOf(error: unknown): number | undefined {
  return fieldOf(error, "status", (value): value is number => typeof value === "number");
}

/** A field of the endpoint's error, or of the error LangChain wrapped it in (a context overflow keeps it as `cause`). */
function fieldOf<T>(error: unknown, name: string, is: (value: unknown) => value is T): T | undefined {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 3; current = (current as { cause?: unknown }).cause, depth += 1) {
    const value = (current as Record<string, unknown>)[name];
    if (is(value)) return value;
  }
  return undefined;
}
