// Public surface of the local EventBridge emulator.
export { startEventBridgeEmulator } from "./startEventBridgeEmulator.js";
export type { EventBridgeEmulator } from "./startEventBridgeEmulator.js";
export type { AwsEvent } from "./types.js";
export { IN_PROCESS_SEND_CHANNEL } from "./delivery.js";
