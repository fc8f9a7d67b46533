// turnFailureOf: the code and words a client is told for the StepFailed that ended its turn.
import { describe, expect, it } from "vitest";
import { GENERATION_FAILED_MESSAGE, GENERATION_REFUSED_MESSAGE, PERSONA_DELETED_MESSAGE, TURN_TIMED_OUT_MESSAGE, turnFailureOf } from "../../src/turns/turnFailure";

describe("turnFailureOf", () => {
  it("tells a refused reply by its own code, never as one worth sending again", () => {
    expect(turnFailureOf({ step: "generation", errorCode: "REPLY_REFUSED", retryable: false })).toEqual({ code: "REPLY_REFUSED", message: GENERATION_REFUSED_MESSAGE, retryable: false });
    expect(turnFailureOf({ step: "generation", errorCode: "REPLY_REFUSED", retryable: true })).toEqual({ code: "REPLY_REFUSED", message: GENERATION_REFUSED_MESSAGE, retryable: false });
  });

  it("keeps every other failure of generation GENERATION_FAILED, asking for the message again only when that may help", () => {
    expect(turnFailureOf({ step: "generation", errorCode: "GENERATION_FAILED", retryable: true })).toEqual({ code: "GENERATION_FAILED", message: GENERATION_FAILED_MESSAGE, retryable: true });
    expect(turnFailureOf({ step: "generation", errorCode: "GENERATION_FAILED", retryable: false })).toMatchObject({ code: "GENERATION_FAILED", retryable: false });
    expect(turnFailureOf({ step: "generation", errorCode: "UNKNOWN_PERSONA", retryable: false })).toMatchObject({ code: "GENERATION_FAILED", retryable: false });
    expect(turnFailureOf({ step: "generation", errorCode: "PERSONA_DELETED", retryable: false })).toEqual({ code: "PERSONA_DELETED", message: PERSONA_DELETED_MESSAGE, retryable: false });
  });

  it("takes a refusal's code from generation only: another step's REPLY_REFUSED is that step's failure", () => {
    expect(turnFailureOf({ step: "watchdog", errorCode: "TURN_TIMED_OUT", retryable: true })).toEqual({ code: "TURN_TIMED_OUT", message: TURN_TIMED_OUT_MESSAGE, retryable: true });
    expect(turnFailureOf({ step: "safety", errorCode: "REPLY_REFUSED", retryable: false })).toMatchObject({ code: "STEP_FAILED", retryable: false });
  });
});
