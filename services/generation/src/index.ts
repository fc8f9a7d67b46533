// The generation service: what the local cloud and tests import.
export { createHandler } from "./handler";
export { modelInUse } from "./modelInUse";
