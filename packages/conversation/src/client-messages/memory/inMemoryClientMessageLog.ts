// Received client messages in memory, forgotten after a day of the injected clock, as in the DynamoDB adapter.
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { CLIENT_MESSAGE_MEMORY_SECONDS, type ClientMessageKey, type ClientMessageLog, type ReceivedTurn } from "../clientMessageLog";

const keyOf = ({ userId, sessionId, clientMessageId }: ClientMessageKey) => JSON.stringify([userId, sessionId, clientMessageId]);

export class InMemoryClientMessageLog implements ClientMessageLog {
  private readonly turns = new Map<string, { turn: ReceivedTurn; expiration: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async find(key: ClientMessageKey): Promise<ReceivedTurn | undefined> {
    const entry = this.turns.get(keyOf(key));
    return entry && entry.expiration > epochSeconds(this.clock()) ? { ...entry.turn } : undefined;
  }

  async remember(key: ClientMessageKey, turn: ReceivedTurn): Promise<boolean> {
    const now = epochSeconds(this.clock());
    const entry = this.turns.get(keyOf(key));
    if (entry && entry.expiration > now) return false;
    this.turns.set(keyOf(key), { turn: { ...turn }, expiration: now + CLIENT_MESSAGE_MEMORY_SECONDS });
    return true;
  }
}
