// Tells the requests a test's model server receives apart: a structured one is a service asking for a verdict or a record.
import type { RecordedRequest } from "./types.js";

/** A request for structured output (a `response_format`): the safety service's second opinion, an extraction, a persona draft. */
export const asksForStructuredOutput = (request: RecordedRequest): boolean => typeof request.body === "object" && request.body !== null && "response_format" in request.body;
