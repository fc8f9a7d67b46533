// Making personas: the input a person may send, the screening it must pass, and the rules around both.
export { createPersonaAuthoring } from "./personaAuthoring";
export type { AuthoringRefusal } from "./personaAuthoring";
export { screenPersona } from "./screenPersona";
export type { PersonaScreeningReason } from "./screenPersona";
export { PERSONA_LIMITS, personaNameProblem } from "./personaInput";
