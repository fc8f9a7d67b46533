// The cached context block per user and how it is rebuilt.
export * from "./contextCache";
export * from "./rebuildContext";
