// Builds Chat Completions response bodies, stream chunks and error bodies in the shapes OpenAI sends.
import type { RecordedRequest } from "./types.js";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Rough count, about four characters per token: enough for a test double, which only must be consistent. */
export function roughTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

export function usageFor(request: RecordedRequest, reply: string, fixed?: { promptTokens: number; completionTokens: number }): Usage {
  const prompt = fixed?.promptTokens ?? roughTokens(JSON.stringify(request.messages ?? []));
  const completion = fixed?.completionTokens ?? roughTokens(reply);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function completionBody(id: string, model: string, created: number, reply: string, usage: Usage, finishReason = "stop") {
  return {
    id,
    object: "chat.completion",
    created,
    model,
    system_fingerprint: "innerworld-local",
    choices: [{ index: 0, message: { role: "assistant", content: reply, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage,
  };
}

/** A streamed chunk; with `include_usage` every chunk carries `usage: null` until the final usage chunk. */
export function chunkBody(
  id: string,
  model: string,
  created: number,
  delta: Record<string, unknown>,
  finishReason: string | null,
  includeUsage: boolean,
) {
  return {
    id,
    object: "chat.completion.chunk",
    created,
    model,
    system_fingerprint: "innerworld-local",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

/** The last chunk when `stream_options.include_usage` is set: no choices, only usage. */
export function usageChunkBody(id: string, model: string, created: number, usage: Usage) {
  return { id, object: "chat.completion.chunk", created, model, system_fingerprint: "innerworld-local", choices: [], usage };
}

export function errorBody(status: number, message: string, code: string | null = null) {
  const type = status === 401 ? "authentication_error" : status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, param: null, code } };
}

/**
 * Splits a reply into stream pieces the way real tokenizers do: a word with its leading space, and
 * sentence punctuation on its own, so a client's sentence splitter sees "." before the space after it.
 */
export function streamPieces(reply: string): string[] {
  return reply.match(/\s*[^\s.!?]+|\s*[.!?]+/g) ?? [];
}
