// HTTP API events as a route's handler receives them, for unit tests of services (queue events: @innerworld/events/factories).
export { httpApiEvent } from "./httpApiEvent";
