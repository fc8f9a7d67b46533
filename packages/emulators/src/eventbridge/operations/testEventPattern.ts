// TestEventPattern: checks the pattern, then that the event carries the envelope fields AWS requires, then matches.
import { validationError } from "../errors.js";
import { matchesEventPattern } from "../eventPattern.js";
import type { Operation } from "./context.js";
import { validatePattern } from "./validatePattern.js";

/**
 * The API reference also lists `resources`, but AWS accepts events without it; these are the fields
 * whose absence AWS rejects.
 */
const REQUIRED_EVENT_FIELDS = ["id", "account", "source", "time", "region", "detail-type"] as const;

export const testEventPattern: Operation = (input) => {
  const patternText = input.string("EventPattern", { required: true, max: 4096 });
  const eventText = input.string("Event", { required: true });
  input.assertValid();

  const pattern = validatePattern(patternText);
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw validationError("Parameter Event is not valid.");
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) throw validationError("Parameter Event is not valid.");
  if (REQUIRED_EVENT_FIELDS.some((field) => !(field in event))) throw validationError("Parameter Event is not valid.");
  return { Result: matchesEventPattern(pattern, event) };
};
