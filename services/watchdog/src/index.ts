// The watchdog service: what the local cloud and tests import.
export { createHandler } from "./handler";
export { createTurnWatchdog, WATCHDOG_ERROR_CODE } from "./watchTurn";
