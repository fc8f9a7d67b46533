// Received client messages in memory, forgotten after a day of the injected clock, as in the DynamoDB adapter.
import { epochSeconds, systemClock, type Clock } from "@innerworld/platform/clock";
import { CLIENT_MESSAGE_MEMORY_SECONDS, type ClientMessageLog, type ReceivedTurn } from "../clientMessageLog";

export class InMemoryClientMessageLog implements ClientMessageLog {
  private readonly turns = new Map<string, { turn: ReceivedTurn; expiration: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async find(userId: string, clientMessageId: string): Promise<ReceivedTurn | undefined> {
    const entry = this.turns.get(JSON.stringify([userId, clientMessageId]));
    return entry && entry.expiration > epochSeconds(this.clock()) ? { ...entry.turn } : undefined;
  }

  async remember(userId: string, clientMessageId: string, turn: ReceivedTurn): Promise<boolean> {
    const now = epochSeconds(this.clock());
    const key = JSON.stringify([userId, clientMessageId]);
    const entry = this.turns.get(key);
    if (entry && entry.expiration > now) return false;
    this.turns.set(key, { turn: { ...turn }, expiration: now + CLIENT_MESSAGE_MEMORY_SECONDS });
    return true;
  }
}
