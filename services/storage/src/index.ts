// The storage service: what the local cloud and tests import.
export { createHandler, createSurveySweep } from "./handler";
