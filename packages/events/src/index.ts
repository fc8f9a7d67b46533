// The event contract: envelope, catalog, topology, publisher and consumer.
export * from "./envelope";
export * from "./catalog";
export * from "./errors";
export * from "./validate";
export * from "./topology";
export * from "./publisher";
export * from "./consumer";
export * from "./protocol";
export * from "./versions";
export * from "./busEvent";
export * from "./httpRoutes";
