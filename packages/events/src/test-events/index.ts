// Events as a handler receives them, for unit tests of services: from the queue, and from the HTTP API.
export { consumedEvent } from "./consumedEvent";
export { httpApiEvent } from "./httpApiEvent";
