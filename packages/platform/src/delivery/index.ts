// Pushing frames to WebSocket clients: the ConnectionPusher port, its @connections adapter and its recording twin.
export * from "./connectionPusher";
export * from "./recordingPusher";
