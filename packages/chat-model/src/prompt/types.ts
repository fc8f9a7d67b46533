// The shapes buildPrompt takes and returns.
import type { BaseMessage } from "@langchain/core/messages";
import type { Persona } from "../personas/index.js";
import type { GroupSetting } from "./systemPrompt.js";

/** One earlier turn of the session, oldest first in a history array. */
export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
  /** Who said an assistant turn (a persona's display name); in a group, other personas' turns are shown with it. */
  speaker?: string;
  /**
   * The id of the persona that said an assistant turn: what tells a persona's own turns from another's, since two
   * personas in a group may have the same name. Without it, the speaker's name decides.
   */
  personaId?: string;
}

export interface BuildPromptInput {
  persona: Persona;
  /** The cached context block drawn from the user's graph; rendered as delimited data, never as instructions. */
  contextBlock?: string;
  /** Earlier turns of the session, oldest first. */
  history: readonly ChatTurn[];
  userMessage: string;
  /**
   * In a group, the replies other personas already gave to this message, shown after it (always sent, like the
   * message itself), so a persona answering second answers the room as it now is.
   */
  answeredBy?: readonly ChatTurn[];
  /**
   * Estimated tokens the whole prompt may use. Leave room for the reply yourself: pass the model's
   * context window minus `persona.model.maxTokens`, with some headroom for estimate error.
   */
  tokenBudget: number;
  /** Set in a group conversation: the persona is told who else is there and answers only as itself. */
  group?: GroupSetting;
  /**
   * An instruction for this turn only (a gentle check-in for a message of concern), sent as a system line just
   * before the user's message, where it weighs most and cannot be cut with the history.
   */
  turnGuidance?: string;
}

export interface BuiltPrompt {
  /** System message, then the kept history oldest first, then the user's message. */
  messages: BaseMessage[];
  /** Estimated tokens of `messages`; can exceed the budget only when system prompt and user message alone do. */
  promptTokens: number;
  /** How many of the oldest history turns did not fit. */
  droppedTurns: number;
  /** Whether lines were cut from the end of the context block (or all of it) to fit the budget. */
  contextTruncated: boolean;
  /** The context block's lines that went into the prompt, in order (its first lines: cuts are from the end). */
  contextLines: string[];
}
