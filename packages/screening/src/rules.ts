// The local rules alone, for a caller that loads them on demand (import("@innerworld/screening/rules")): a module of its
// own, so that what the package's index names at a handler's cold start does not pull the crisis lexicon in with it.
export { screenInput } from "./screen";
