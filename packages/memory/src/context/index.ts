// The context block: what the next conversation's prompt is told about the user, drawn from their graph.
export * from "./buildContextBlock";
