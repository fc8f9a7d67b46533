// The persona store in memory: for unit tests and anything that needs the port without DynamoDB.
import type { PersonaRecord } from "./personaRecord";
import { PersonaExistsError, PersonaLimitError, type PersonaChanges, type PersonaStore } from "./personaStore";

export class InMemoryPersonaStore implements PersonaStore {
  private readonly records = new Map<string, PersonaRecord>();

  async get(personaId: string): Promise<PersonaRecord | undefined> {
    const record = this.records.get(personaId);
    return record ? structuredClone(record) : undefined;
  }

  async listByOwner(ownerId: string): Promise<PersonaRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.ownerId === ownerId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((record) => structuredClone(record));
  }

  async create(record: PersonaRecord, limit?: { perOwner: number }): Promise<void> {
    if (this.records.has(record.personaId)) throw new PersonaExistsError(record.personaId);
    // Counted and written with no await between, so racing creates cannot both see room for one.
    if (limit && [...this.records.values()].filter((r) => r.ownerId === record.ownerId).length >= limit.perOwner) throw new PersonaLimitError(limit.perOwner);
    this.records.set(record.personaId, structuredClone(record));
  }

  async put(record: PersonaRecord): Promise<void> {
    this.records.set(record.personaId, structuredClone(record));
  }

  async update(personaId: string, changes: PersonaChanges, now: Date): Promise<PersonaRecord | undefined> {
    const existing = this.records.get(personaId);
    if (!existing) return undefined;
    const updated: PersonaRecord = { ...existing, ...structuredClone(changes), updatedAt: now.toISOString() };
    this.records.set(personaId, updated);
    return structuredClone(updated);
  }

  async delete(personaId: string): Promise<PersonaRecord | undefined> {
    const existing = this.records.get(personaId);
    this.records.delete(personaId);
    return existing;
  }

  /** Keeps nothing per owner but the personas themselves. */
  async forgetOwner(): Promise<void> {}
}
