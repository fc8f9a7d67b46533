// Public surface of the local EventBridge emulator.
export { startEventBridgeEmulator, LOCAL_ACCOUNT_ID } from "./startEventBridgeEmulator.js";
export type { EventBridgeEmulator, EventBridgeEmulatorOptions } from "./startEventBridgeEmulator.js";
export { EventBridgeApiError, isEventBridgeApiError } from "./errors.js";
export type { EventBridgeErrorCode } from "./errors.js";
export { StateFileError } from "./state.js";
export type { AwsEvent, EmulatorLogger } from "./types.js";
