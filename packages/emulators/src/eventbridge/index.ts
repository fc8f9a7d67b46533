// Public surface of the local EventBridge emulator.
export { startEventBridgeEmulator } from "./startEventBridgeEmulator.js";
export type { EventBridgeEmulator } from "./startEventBridgeEmulator.js";
export type { AwsEvent } from "./types.js";
