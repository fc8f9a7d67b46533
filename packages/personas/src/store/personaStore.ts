// The port every service reads and writes personas through; DynamoDB and in-memory adapters implement it.
import type { EditablePersonaFields, PersonaRecord, PersonaStatus } from "./personaRecord";

/** The changes `update` applies: editable fields and the status; the rest of the record stays. */
export type PersonaChanges = Partial<EditablePersonaFields> & { status?: PersonaStatus };

export interface PersonaStore {
  get(personaId: string): Promise<PersonaRecord | undefined>;
  /** Every persona of one owner (`BUILT_IN_OWNER` for the built-ins), oldest first. */
  listByOwner(ownerId: string): Promise<PersonaRecord[]>;
  /**
   * Writes a new persona; throws `PersonaExistsError` when the id is taken, and `PersonaLimitError` when `limit` is
   * given and its owner already has that many, however many creates race.
   */
  create(record: PersonaRecord, limit?: { perOwner: number }): Promise<void>;
  /** Writes a record whole, new or not: seeding the built-ins. */
  put(record: PersonaRecord): Promise<void>;
  /** Applies changes to an existing persona and returns it; undefined when there is none. */
  update(personaId: string, changes: PersonaChanges, now: Date): Promise<PersonaRecord | undefined>;
  /** Removes a persona and returns what it was; undefined when there was none. */
  delete(personaId: string): Promise<PersonaRecord | undefined>;
  /** Forgets what is kept per owner beside their personas (the ledger of their places): the owner was erased. Delete their personas first. */
  forgetOwner(ownerId: string): Promise<void>;
}

export class PersonaExistsError extends Error {
  override readonly name = "PersonaExistsError";
  readonly code = "PERSONA_EXISTS" as const;
  constructor(readonly personaId: string) {
    super(`A persona with id ${personaId} exists already`);
  }
}

export class PersonaLimitError extends Error {
  override readonly name = "PersonaLimitError";
  readonly code = "PERSONA_LIMIT_REACHED" as const;
  constructor(readonly limit: number) {
    super(`An owner may have at most ${limit} personas`);
  }
}

export const isPersonaLimitError = (error: unknown): error is PersonaLimitError =>
  error instanceof Error && (error as { code?: unknown }).code === "PERSONA_LIMIT_REACHED";

export const isPersonaExistsError = (error: unknown): error is PersonaExistsError =>
  error instanceof Error && (error as { code?: unknown }).code === "PERSONA_EXISTS";
