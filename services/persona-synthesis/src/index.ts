// The persona-synthesis service: what the local cloud and tests import.
export { createHandler } from "./handler";
