// How services reach their AWS resources, in Lambda and in the local cloud alike.
export * from "./config";
export * from "./deadLetters";
export * from "./serviceRuntime";
export * from "./serviceConsumer";
export * from "./sstResource";
