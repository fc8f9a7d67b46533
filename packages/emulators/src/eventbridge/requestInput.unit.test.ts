// Request members read as AWS reads them: a timestamp no Date can hold is malformed input (400), not a fault.
import { describe, expect, it } from "vitest";
import { isEventBridgeApiError } from "./errors.js";
import { RequestInput } from "./requestInput.js";

describe("RequestInput.timestamp", () => {
  it.each([1e20, -1e20, "+275760-09-14T00:00:00Z"])("refuses Time %j with a SerializationException", (time) => {
    const input = RequestInput.fromBody({ Time: time });

    let thrown: unknown;
    try {
      input.timestamp("Time");
    } catch (error) {
      thrown = error;
    }

    expect(isEventBridgeApiError(thrown) && thrown.code).toBe("SerializationException");
    expect(isEventBridgeApiError(thrown) && thrown.statusCode).toBe(400);
  });

  it("reads epoch seconds as milliseconds", () => {
    expect(RequestInput.fromBody({ Time: 1_700_000_000 }).timestamp("Time")).toBe(1_700_000_000_000);
  });
});
