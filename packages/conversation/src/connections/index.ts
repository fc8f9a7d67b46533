// Connections: the store of who is connected, and pushing frames to them.
export * from "./connectionStore";
export * from "./runtimePusher";
