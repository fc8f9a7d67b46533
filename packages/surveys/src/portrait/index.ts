// Portraits of synthesised personas.
export * from "./drawPortrait";
