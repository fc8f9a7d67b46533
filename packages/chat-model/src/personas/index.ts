// Personas as data: the schema, the five records, and lookup.
export { PersonaSchema, PersonaStyleSchema, PersonaModelSettingsSchema, TOPIC_PLACEHOLDER } from "./personaSchema.js";
export type { Persona, PersonaStyle, PersonaModelSettings } from "./personaSchema.js";
export { SHARED_BOUNDARIES } from "./sharedBoundaries.js";
export { DEFAULT_PERSONA_ID, PERSONA_IDS, getPersona, isPersonaId, listPersonas } from "./catalog.js";
export type { PersonaId } from "./catalog.js";
export { UnknownPersonaError, isUnknownPersonaError } from "./errors.js";
