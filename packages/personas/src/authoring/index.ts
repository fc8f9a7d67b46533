// Making personas: the input a person may send, the screening it must pass, and the rules around both.
export { createPersonaAuthoring } from "./personaAuthoring";
export type { AuthoringRefusal } from "./personaAuthoring";
export type { PersonaScreeningReason } from "./screenPersona";
// screenPersona itself is imported from "@innerworld/personas/screening": named here, it would bring the crisis lexicon
// into the cold start of every handler that makes personas, which loads it on demand instead.
export { PERSONA_LIMITS, personaNameProblem } from "./personaInput";
