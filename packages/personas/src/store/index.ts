// Personas as data: the stored record, the store port and its adapters, and the built-ins' seed.
export { BUILT_IN_OWNER, CHATTABLE_STATUSES, newPersonaRecord, personaView } from "./personaRecord";
export type { PersonaRecord } from "./personaRecord";
export { isPersonaExistsError, isPersonaLimitError } from "./personaStore";
export type { PersonaStore } from "./personaStore";
export { DynamoPersonaStore } from "./dynamoPersonaStore";
export { InMemoryPersonaStore } from "./inMemoryPersonaStore";
export { builtInRecords, seedBuiltInPersonas } from "./builtIns";
