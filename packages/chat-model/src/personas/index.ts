// Personas as data: the schema, the five records, and lookup.
export { PersonaSchema, PersonaStyleSchema, TOPIC_PLACEHOLDER } from "./personaSchema.js";
export type { Persona } from "./personaSchema.js";
export { SHARED_BOUNDARIES } from "./sharedBoundaries.js";
export { DEFAULT_PERSONA_ID, getPersona, listPersonas } from "./catalog.js";
export { UnknownPersonaError, isUnknownPersonaError } from "./errors.js";
