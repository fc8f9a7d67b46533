// The remote layers behind circuit breakers, through the screener with the committed classifier: an outage costs three
// timeouts, not one a message, and an uncertain message is still a concern, never safe.
import { describe, expect, it } from "vitest";
import { manualClock } from "@innerworld/platform/clock";
import { CircuitBreaker } from "@innerworld/platform/resilience";
import { createInMemoryModeration, createInMemorySecondOpinion, createScreener, DEFAULT_MODEL_PATH, guardModeration, guardSecondOpinion, loadScreeningClassifier } from "./index";
import { ModerationError } from "./errors";

const classifier = loadScreeningClassifier(DEFAULT_MODEL_PATH);
const UNCERTAIN = "it's almost time";
const RESET_MS = 30_000;

const breakerOn = (clock: () => number, opened: string[] = []) => new CircuitBreaker({ failureThreshold: 3, resetMs: RESET_MS, now: clock, onOpen: () => opened.push("open") });

describe("the second opinion behind a circuit breaker", () => {
  it("stops asking a model that timed out three times in a row, and the messages are still concerns", async () => {
    const clock = manualClock("2026-03-02T10:00:00Z");
    const opened: string[] = [];
    const silent = createInMemorySecondOpinion(() => new Promise(() => undefined));
    const screener = createScreener({ classifier, secondOpinionTimeoutMs: 20, secondOpinion: guardSecondOpinion(silent, breakerOn(clock, opened)) });
    expect(screener.screenInputLocally(UNCERTAIN).risk.uncertain).toBe(true);

    for (let i = 0; i < 5; i += 1) expect((await screener.screenInput(UNCERTAIN)).risk).toMatchObject({ level: "concern", decidedBy: "second_opinion" });

    expect(silent.asked).toHaveLength(3);
    expect(opened).toEqual(["open"]);
  });

  it("tries once more after the reset time, and closes again when the model answers", async () => {
    const clock = manualClock("2026-03-02T10:00:00Z");
    let down = true;
    const model = createInMemorySecondOpinion(() => (down ? Promise.reject(new Error("503")) : { level: "crisis", category: "farewell" }));
    const screener = createScreener({ classifier, secondOpinion: guardSecondOpinion(model, breakerOn(clock)) });
    for (let i = 0; i < 4; i += 1) await screener.screenInput(UNCERTAIN);
    expect(model.asked).toHaveLength(3);

    down = false;
    clock.advance(RESET_MS - 1);
    await screener.screenInput(UNCERTAIN);
    expect(model.asked).toHaveLength(3);
    clock.advance(1);
    expect((await screener.screenInput(UNCERTAIN)).risk).toMatchObject({ level: "crisis", decidedBy: "second_opinion" });
    expect((await screener.screenInput(UNCERTAIN)).risk).toMatchObject({ level: "crisis", decidedBy: "second_opinion" });
    expect(model.asked).toHaveLength(5);
  });
});

describe("moderation behind a circuit breaker", () => {
  const failing = () =>
    createInMemoryModeration(() => new ModerationError("MODERATION_UNREACHABLE", "connect ECONNREFUSED", { endpoint: "https://moderation.test/v1/moderations" }));

  it("is not called once it has failed three times in a row; the verdict records the open circuit and an uncertain message is a concern", async () => {
    const endpoint = failing();
    const screener = createScreener({ classifier, moderation: guardModeration(endpoint, breakerOn(manualClock("2026-03-02T10:00:00Z"))) });
    for (let i = 0; i < 3; i += 1) await screener.screenInput("can you help me with my history essay");

    const uncertain = await screener.screenInput(UNCERTAIN);
    const ordinary = await screener.screenInput("what should i name my hamster");

    expect(endpoint.asked).toHaveLength(3);
    expect(uncertain.moderation).toMatchObject({ outcome: "failed", error: { code: "MODERATION_CIRCUIT_OPEN" } });
    expect(uncertain.risk).toMatchObject({ level: "concern", decidedBy: "moderation" });
    expect(ordinary.moderation).toMatchObject({ outcome: "failed", error: { code: "MODERATION_CIRCUIT_OPEN" } });
    expect(ordinary.action).toBe("allow");
  });

  it("does not count an input the endpoint refused (400) against it", async () => {
    let status = 400;
    const endpoint = createInMemoryModeration(() => new ModerationError("MODERATION_HTTP_ERROR", `moderation endpoint answered ${status}`, { endpoint: "test", status }));
    const guarded = guardModeration(endpoint, breakerOn(manualClock("2026-03-02T10:00:00Z")));
    for (let i = 0; i < 5; i += 1) await expect(guarded.moderate("x".repeat(10))).rejects.toMatchObject({ code: "MODERATION_HTTP_ERROR" });
    expect(endpoint.asked).toHaveLength(5);

    status = 401;
    for (let i = 0; i < 5; i += 1) await guarded.moderate("hi").catch(() => undefined);
    expect(endpoint.asked).toHaveLength(8);
  });
});
