// What the user can see and forget of what InnerWorld remembers about them.
export * from "./rememberedFacts";
