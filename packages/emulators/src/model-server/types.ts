// The shapes tests use to script the local OpenAI-compatible server and read what it received.

export interface ChatMessageBody {
  role: string;
  content: unknown;
  [key: string]: unknown;
}

/** One HTTP request as the server saw it, plus what it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, when there was one. */
  body?: unknown;
  /** From a chat completion body. */
  model?: string;
  messages?: ChatMessageBody[];
  /** From an image generation body. */
  prompt?: string;
  stream: boolean;
  receivedAt: number;
  /** Filled in when the server answers. */
  response?: {
    status: number;
    /** The reply text the server sent (all of it, even if a stream was cut). */
    content?: string;
    usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  };
}

export interface ModelBehaviour {
  /** The reply: fixed text, or computed from the request. Default: a short reply that echoes the last user message. */
  reply?: string | ((request: RecordedRequest) => string);
  /** Answer with this HTTP status instead of a reply, `times` times (then behave normally), or always when `times` is omitted. */
  fail?: {
    status: number;
    times?: number;
    message?: string;
    /** The error's `code`, as OpenAI names it (`content_policy_violation`, `context_length_exceeded`); default null. */
    code?: string;
    /** Fail only the requests this picks (a prompt a content policy would refuse); the others are answered. */
    when?: (request: RecordedRequest) => boolean;
    /** Fail only this share of calls (0–1), spread evenly: 0.3 fails 3 calls in 10. */
    ratio?: number;
  };
  /** Wait this long before sending anything (headers included). */
  delayMs?: number;
  /** Streaming: wait this long before each chunk after the first. */
  chunkDelayMs?: number;
  /** Streaming: destroy the connection after this many content chunks, as a crashing server would. */
  dropAfterChunks?: number;
  /** Why the reply ended, as `finish_reason` says it: "length" (the token limit), "content_filter"; default "stop". */
  finishReason?: string;
  /**
   * Streaming: after the reply's chunks, end the response cleanly with no `finish_reason` and no `[DONE]`, as a proxy
   * that lost its upstream mid-reply does.
   */
  endWithoutFinish?: boolean;
  /** Usage to report; default: about four characters per token. */
  usage?: { promptTokens: number; completionTokens: number };
  /** Images endpoint: the picture (PNG bytes) to answer with, fixed or computed from the request. Default: `DEFAULT_IMAGE_PNG`. */
  image?: Uint8Array | ((request: RecordedRequest) => Uint8Array);
}

export interface OpenAiCompatibleServerOptions {
  /** Behaviour per model name, settable later with `setBehaviour`. */
  behaviours?: Record<string, ModelBehaviour>;
  /** Behaviour for models with none of their own; default: reply normally. */
  defaultBehaviour?: ModelBehaviour;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Port to listen on; default 0 (any free port). */
  port?: number;
}

export interface OpenAiCompatibleServer {
  /** Base URL including `/v1`, ready for `configuration.baseURL`. */
  readonly baseUrl: string;
  /** Every request received, oldest first. Live: it grows as requests arrive. */
  readonly requests: RecordedRequest[];
  /** Chat completion and image generation requests for one model. */
  requestsFor(model: string): RecordedRequest[];
  /** Replaces a model's behaviour and resets its failure count. */
  setBehaviour(model: string, behaviour: ModelBehaviour): void;
  /** Forgets recorded requests. */
  clearRequests(): void;
  close(): Promise<void>;
}
