// The cached context blocks in memory, past their hour by the injected clock as in the DynamoDB adapter.
import { epochSeconds, isExpired, systemClock, type Clock } from "@innerworld/platform/clock";
import { cachedContextOf, CONTEXT_TTL_SECONDS, ContextSupersededError, type CachedContext, type ContextCacheStore, type NewContext } from "../contextCacheStore";

export class InMemoryContextCacheStore implements ContextCacheStore {
  private readonly contexts = new Map<string, CachedContext>();

  constructor(private readonly clock: Clock = systemClock) {}

  async get(userId: string): Promise<CachedContext | undefined> {
    const cached = this.contexts.get(userId);
    return cached && !isExpired(cached, this.clock()) ? structuredClone(cached) : undefined;
  }

  async put(entry: NewContext): Promise<CachedContext> {
    const stored = this.contexts.get(entry.userId);
    if (stored && stored.version >= entry.version) throw new ContextSupersededError(entry.userId, entry.version);
    const item = cachedContextOf(entry, this.clock());
    this.contexts.set(item.userId, structuredClone(item));
    return item;
  }

  async keepAlive(userId: string, version: number): Promise<boolean> {
    const stored = this.contexts.get(userId);
    const until = epochSeconds(this.clock()) + CONTEXT_TTL_SECONDS;
    if (!stored || stored.version !== version || stored.expiresAt >= until) return false;
    stored.expiresAt = until;
    return true;
  }

  async read(userId: string): Promise<CachedContext | undefined> {
    const cached = this.contexts.get(userId);
    return cached ? structuredClone(cached) : undefined;
  }

  async delete(userId: string): Promise<void> {
    this.contexts.delete(userId);
  }
}
