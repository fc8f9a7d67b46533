// The extractor port: what graph-extraction calls with a finished transcript, and what every extractor returns.
import type { Extraction } from "../graph/model.js";

export interface TranscriptMessage {
  role: "user" | "assistant";
  content: string;
  /** ISO date-time the message was sent. */
  createdAt: string;
}

export interface ExtractOptions {
  /**
   * The session's "today", for a message without a usable send time: each message's relative dates ("on Friday",
   * "tomorrow") resolve against its own createdAt.
   */
  referenceDate: Date;
  /**
   * How much longer (ms) the caller can wait, asked before each message or prompt after the newest: at 0 or below the
   * extractor mines no more, and says how many of the oldest messages it left out. Absent: no limit.
   */
  timeLeftMs?: () => number;
}

/** What an extractor found, and how many of the teen's messages (the oldest) it left unmined when time ran out. */
export interface TranscriptExtraction extends Extraction {
  messagesLeftOut?: number;
}

export interface Extractor {
  /** "offline", or the model's name: recorded with the graph update so an analyst knows which produced it. */
  readonly name: string;
  /**
   * Mines the user's own messages only; assistant (persona) turns are context the user never said. Newest first, so
   * that when time runs out what goes unmined is the oldest part, which later words may have overtaken anyway; the
   * findings are still put together in the order they were said.
   */
  extract(messages: readonly TranscriptMessage[], options: ExtractOptions): Promise<TranscriptExtraction>;
}

/** The name the offline extractor records with the graph updates it produces. */
export const OFFLINE_EXTRACTOR_NAME = "offline";
