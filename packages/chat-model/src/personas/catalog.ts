// The persona catalogue: lookup by id, the list clients show, and the default for a session that names none.
import { comfort } from "./comfort.js";
import { companion } from "./companion.js";
import { compass } from "./compass.js";
import { courage } from "./courage.js";
import { creative } from "./creative.js";
import { UnknownPersonaError } from "./errors.js";
import { PersonaSchema, type Persona } from "./personaSchema.js";

export const PERSONA_IDS = ["companion", "courage", "comfort", "creative", "compass"] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];
export const DEFAULT_PERSONA_ID: PersonaId = "companion";

// Parsed once at load so a bad record fails the first import, not a teen's first message; frozen so
// no caller can mutate a persona shared by every session in the process.
const byId: ReadonlyMap<string, Persona> = new Map(
  [companion, courage, comfort, creative, compass].map((record) => {
    const persona = deepFreeze(PersonaSchema.parse(record));
    return [persona.id, persona] as const;
  }),
);

/** The persona with this id; throws `UnknownPersonaError` (code `UNKNOWN_PERSONA`) for anything else. */
export function getPersona(id: string): Persona {
  const persona = byId.get(id);
  if (!persona) throw new UnknownPersonaError(id, PERSONA_IDS);
  return persona;
}

/** Every persona, default first, in a stable order for persona pickers. */
export function listPersonas(): readonly Persona[] {
  return PERSONA_IDS.map((id) => getPersona(id));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
