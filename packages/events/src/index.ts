// The event contract: envelope, catalog, topology, the Publisher port with its EventBridge and recording adapters, and the consumer.
export * from "./envelope";
export * from "./catalog";
export * from "./errors";
export * from "./validate";
export * from "./topology";
export * from "./publisher";
export * from "./recordingPublisher";
export * from "./consumer";
export * from "./invocationDeadline";
export * from "./workLeftRunning";
export * from "./protocol";
export * from "./versions";
export * from "./busEvent";
export * from "./httpRoutes";
