// Schema evolution: older majors of events, the upcasters that lift them, and the per-version schemas the catalog publishes.
export * from "./types";
export * from "./UpcasterRegistry";
export * from "./registry";
export * from "./upcastEnvelope";
export * from "./envelopeSchemas";
