// A short-lived cache of the personas generation speaks as, in front of the persona store.
//
// Every turn needs its persona, and personas change rarely: one read per persona a minute instead of one per turn.
// PersonaUpdated and PersonaDeleted drop an entry at once, but only in the instance that receives the event (each
// Lambda instance has its own cache), so the time limit is what bounds how stale any copy can be.
import type { PersonaRecord, PersonaStore } from "@innerworld/personas/store";

export const PERSONA_CACHE_MS = 60_000;

export class PersonaCache {
  private readonly entries = new Map<string, { record: PersonaRecord; cachedAt: number }>();

  constructor(
    private readonly store: PersonaStore,
    private readonly clock: () => number,
    private readonly maxAgeMs = PERSONA_CACHE_MS,
  ) {}

  async get(personaId: string): Promise<PersonaRecord | undefined> {
    const now = this.clock();
    const cached = this.entries.get(personaId);
    if (cached && now - cached.cachedAt < this.maxAgeMs) return cached.record;
    const record = await this.store.get(personaId);
    if (record) this.entries.set(personaId, { record, cachedAt: now });
    else this.entries.delete(personaId);
    return record;
  }

  forget(personaId: string): void {
    this.entries.delete(personaId);
  }
}
