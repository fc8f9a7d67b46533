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
}

export interface Extractor {
  /** "offline", or the model's name: recorded with the graph update so an analyst knows which produced it. */
  readonly name: string;
  /** Mines the user's own messages only; assistant (persona) turns are context the user never said. */
  extract(messages: readonly TranscriptMessage[], options: ExtractOptions): Promise<Extraction>;
}

/** The name the offline extractor records with the graph updates it produces. */
export const OFFLINE_EXTRACTOR_NAME = "offline";
