// The rules for making, changing and removing personas: ownership, read-only built-ins, limits, validation and screening.
import { onceUntilFailure } from "@innerworld/platform/once-until-failure";
import { BUILT_IN_OWNER, newPersonaRecord, type EditablePersonaFields, type PersonaRecord } from "../store/personaRecord";
import { isPersonaLimitError, type PersonaStore } from "../store/personaStore";
import { PERSONA_LIMITS, parsePersonaInput, personaNameProblem, type FieldError } from "./personaInput";
import type { PersonaScreeningReason } from "./screenPersona";

// Screening reads the crisis lexicon and the profanity lists, the largest part of a handler that makes personas: it is
// loaded when a persona is first made or changed, not at every cold start of the gateway that carries this code. A
// failed load fails that request and is tried again on the next.
const loadScreening = onceUntilFailure(() => import("./screenPersona"));

export interface PersonaAuthoringPorts {
  store: PersonaStore;
  /** The models a persona may name (`allowedPersonaModels`); empty: none may be named. */
  allowedModels: readonly string[];
  clock: () => number;
  newId: () => string;
  personasPerUser?: number;
}

/** Why a request about a persona was refused; the HTTP API maps each kind to its status. */
export type AuthoringRefusal =
  | { kind: "not_found" }
  | { kind: "read_only" }
  | { kind: "invalid"; errors: FieldError[] }
  | { kind: "unsafe"; reasons: PersonaScreeningReason[] }
  | { kind: "limit_reached"; limit: number };

export type AuthoringOutcome<T> = { ok: true; value: T } | ({ ok: false } & AuthoringRefusal);

const refuse = <T>(refusal: AuthoringRefusal): AuthoringOutcome<T> => ({ ok: false, ...refusal });

export const createPersonaAuthoring = (ports: PersonaAuthoringPorts) => {
  const limit = ports.personasPerUser ?? PERSONA_LIMITS.personasPerUser;
  const now = () => new Date(ports.clock());

  /** A persona this user may see: a built-in or one of their own. Another user's looks exactly like a missing one. */
  const visible = async (userId: string, personaId: string): Promise<PersonaRecord | undefined> => {
    const record = await ports.store.get(personaId);
    return record && (record.builtIn || record.ownerId === userId) ? record : undefined;
  };

  /** Validated and screened editable fields from a request body. */
  const accept = async (body: unknown, personaId: string): Promise<AuthoringOutcome<EditablePersonaFields>> => {
    const parsed = parsePersonaInput(body, ports.allowedModels);
    if (!parsed.ok) return refuse({ kind: "invalid", errors: parsed.errors });
    const { avatarUrl, ...fields } = parsed.fields;
    // In a group with the built-in, "@Comfort" would call both, and the teen could not tell which one answered.
    const nameProblem = personaNameProblem(fields.name);
    if (nameProblem) return refuse({ kind: "invalid", errors: [{ field: "name", reason: nameProblem }] });
    const reasons = (await loadScreening()).screenPersona(fields);
    if (reasons.length > 0) return refuse({ kind: "unsafe", reasons });
    return { ok: true, value: { ...fields, avatar: avatarUrl ? { kind: "url", url: avatarUrl } : { kind: "generated", seed: personaId } } };
  };

  return {
    visible,

    /** The built-ins, then the user's own personas, oldest first. */
    async list(userId: string): Promise<PersonaRecord[]> {
      const [builtIns, own] = await Promise.all([ports.store.listByOwner(BUILT_IN_OWNER), ports.store.listByOwner(userId)]);
      return [...builtIns, ...own];
    },

    async get(userId: string, personaId: string): Promise<AuthoringOutcome<PersonaRecord>> {
      const record = await visible(userId, personaId);
      return record ? { ok: true, value: record } : refuse({ kind: "not_found" });
    },

    async create(userId: string, body: unknown): Promise<AuthoringOutcome<PersonaRecord>> {
      const personaId = ports.newId();
      const accepted = await accept(body, personaId);
      if (!accepted.ok) return accepted;
      const record = newPersonaRecord({ personaId, ownerId: userId, now: now(), fields: accepted.value });
      // The store holds the limit, so creates racing cannot pass it together.
      try {
        await ports.store.create(record, { perOwner: limit });
      } catch (error) {
        if (isPersonaLimitError(error)) return refuse({ kind: "limit_reached", limit });
        throw error;
      }
      return { ok: true, value: record };
    },

    /** Replaces every editable field (absent ones get their defaults), as PUT means. */
    async replace(userId: string, personaId: string, body: unknown): Promise<AuthoringOutcome<PersonaRecord>> {
      const existing = await visible(userId, personaId);
      if (!existing) return refuse({ kind: "not_found" });
      if (existing.builtIn) return refuse({ kind: "read_only" });
      const accepted = await accept(body, personaId);
      if (!accepted.ok) return accepted;
      const updated = await ports.store.update(personaId, accepted.value, now());
      return updated ? { ok: true, value: updated } : refuse({ kind: "not_found" });
    },

    async remove(userId: string, personaId: string): Promise<AuthoringOutcome<PersonaRecord>> {
      const existing = await visible(userId, personaId);
      if (!existing) return refuse({ kind: "not_found" });
      if (existing.builtIn) return refuse({ kind: "read_only" });
      const removed = await ports.store.delete(personaId);
      return removed ? { ok: true, value: removed } : refuse({ kind: "not_found" });
    },
  };
};
