// Getting frames to connected clients.
export * from "./connectionPusher";
export * from "./runtimePusher";
