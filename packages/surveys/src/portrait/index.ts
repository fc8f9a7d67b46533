// Portraits of synthesised personas: drawing them offline.
export * from "./drawPortrait";
