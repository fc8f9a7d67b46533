// Portraits of synthesised personas: drawing them offline, or painting them with an image model.
export * from "./drawPortrait";
export * from "./imageModelPainter";
