// Chat load with a ledger: every acknowledged turn, what ended it and when, and any reply shown twice.
import { setTimeout as sleep } from "node:timers/promises";
import { ChatClient, type Frame } from "@innerworld/testing/chat-client";
import type { LocalEndpoints } from "@innerworld/local";

/** The protocol's promise: an acknowledged turn ends in a reply or a typed error within this. */
export const TURN_PROMISE_MS = 30_000;

interface TurnRecord {
  ackedAt: number;
  sessionId: string;
  seq: number;
  endedAt?: number;
  how?: string;
}

export class TurnLedger {
  readonly turns = new Map<string, TurnRecord>();
  private readonly shown = new Map<string, number>();
  duplicates = 0;

  acked(messageId: string, sessionId: string, seq: number, at = Date.now()) {
    if (!this.turns.has(messageId)) this.turns.set(messageId, { ackedAt: at, sessionId, seq });
  }

  /** Reads one server frame; `live` is false for replies the client asked again for with resume. */
  frame(frame: Frame, at = Date.now()) {
    const messageId = typeof frame.payload.messageId === "string" ? frame.payload.messageId : undefined;
    if (!messageId) return;
    const final = frame.type === "reply" || frame.type === "stream_end" || frame.type === "safety_notice";
    const typedError = frame.type === "error" && typeof frame.payload.code === "string";
    if (!final && !typedError) return;
    if (final) {
      const key = `${frame.type === "safety_notice" ? "notice" : "reply"}#${String(frame.payload.replyId ?? messageId)}`;
      const times = (this.shown.get(key) ?? 0) + 1;
      this.shown.set(key, times);
      if (times > 1) this.duplicates += 1;
    }
    const turn = this.turns.get(messageId);
    if (turn && turn.endedAt === undefined) {
      turn.endedAt = at;
      turn.how = typedError ? `error ${String(frame.payload.code)}` : frame.type;
    }
  }

  /** Turns that did not end within the promise (so far). */
  lost(now = Date.now()): number {
    let lost = 0;
    for (const turn of this.turns.values()) {
      if (turn.endedAt === undefined ? now - turn.ackedAt > TURN_PROMISE_MS : turn.endedAt - turn.ackedAt > TURN_PROMISE_MS) lost += 1;
    }
    return lost;
  }

  /** A turn the history shows ended (failed, or answered) while its client could not hear it. */
  endedInHistory(sessionId: string, seq: number, how: string, at = Date.now()) {
    for (const turn of this.turns.values()) {
      if (turn.sessionId === sessionId && turn.seq === seq && turn.endedAt === undefined) {
        turn.endedAt = at;
        turn.how = how;
      }
    }
  }

  open(): number {
    return [...this.turns.values()].filter((t) => t.endedAt === undefined).length;
  }

  /** Waits until every turn has ended or is past its promise. */
  async settle(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const waiting = [...this.turns.values()].filter((t) => t.endedAt === undefined && now - t.ackedAt <= TURN_PROMISE_MS);
      if (waiting.length === 0) return;
      await sleep(100);
    }
  }

  outcomes(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const turn of this.turns.values()) counts[turn.how ?? "none"] = (counts[turn.how ?? "none"] ?? 0) + 1;
    return counts;
  }

  /** The highest seq of a session up to which every turn ended live: where a reconnecting client resumes from. */
  resumePoint(sessionId: string): number {
    const turns = [...this.turns.values()].filter((t) => t.sessionId === sessionId).sort((a, b) => a.seq - b.seq);
    let point = 0;
    for (const turn of turns) {
      if (turn.endedAt === undefined) break;
      point = turn.seq;
    }
    return point;
  }
}

/** A chat client whose frames go to the ledger as they arrive. */
export const ledgerClient = async (endpoints: LocalEndpoints, userId: string, ledger: TurnLedger, token?: string): Promise<ChatClient> => {
  const client = token ? await ChatClient.connectWithToken(endpoints, token) : await ChatClient.connect(endpoints, userId);
  client.socket.on("message", (data) => {
    try {
      ledger.frame(JSON.parse(data.toString()) as Frame);
    } catch {
      // Not JSON: the fuzz counts those itself.
    }
  });
  return client;
};

export interface ChatLoad {
  clients: { client: ChatClient; userId: string; sessionId: string }[];
  /** Resolves when every client has sent its messages. */
  done: Promise<void>;
  stop(): void;
}

/**
 * Users each with a connection and a session, sending messages at an interval (within the rate limits: a session
 * bursts to 10). Answers other than an ack (rate limits, errors) are not turns and are not counted.
 */
export const startChatLoad = async (
  endpoints: LocalEndpoints,
  ledger: TurnLedger,
  options: { users: number; messagesPerUser: number; intervalMs: number; prefix: string; stream?: boolean },
): Promise<ChatLoad> => {
  const clients = await Promise.all(
    Array.from({ length: options.users }, async (_, i) => {
      const userId = `${options.prefix}-${i}`;
      const client = await ledgerClient(endpoints, userId, ledger);
      const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
      return { client, userId, sessionId };
    }),
  );
  let stopped = false;
  const done = Promise.all(
    clients.map(async ({ client, sessionId }, i) => {
      await sleep((options.intervalMs * i) / Math.max(1, options.users));
      for (let m = 0; m < options.messagesPerUser && !stopped; m += 1) {
        const answer = await client
          .request("message", { sessionId, content: `turn ${m}: how do I stay calm before a test?`, stream: options.stream ?? m % 2 === 1 }, ["message_received", "error", "rate_limit_exceeded"])
          .catch(() => undefined);
        if (answer?.type === "message_received") ledger.acked(answer.payload.messageId as string, sessionId, answer.payload.seq as number);
        await sleep(options.intervalMs);
      }
    }),
  ).then(() => undefined);
  return {
    clients,
    done,
    stop: () => {
      stopped = true;
    },
  };
};

export const closeAll = async (load: ChatLoad) => {
  await Promise.all(load.clients.map(({ client }) => client.close().catch(() => undefined)));
};
