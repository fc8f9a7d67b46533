// The threshold search (bench/classifier/pipeline.ts) over readings made by hand: what it may and may not trade.
import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING, type ExampleReading, tuneThresholds } from "../bench/classifier/pipeline";
import { labelledLine } from "./helpers/factories";

const reading = (id: string, level: "crisis" | "none", risk: number, lexiconMentionOnly = false, contextRisk = 0): ExampleReading => ({
  example: { ...labelledLine(id, `line ${id}`, level), context: contextRisk > 0 ? ["an earlier message"] : [] },
  lexiconHit: false,
  lexiconMentionOnly,
  risk,
  crisis: level === "crisis" ? 0.3 : 0.05,
  category: "active_ideation",
  contextRisk,
  contextCrisis: 0,
  contextCategory: "active_ideation",
  farewellBefore: 0,
  earlier: [],
  planDetail: false,
  actingNow: false,
  finalGoodbye: false,
  helpOrSafety: false,
  endsCarryingOn: false,
  followUps: [],
});

describe("tuneThresholds", () => {
  it("keeps a topic named yielding to a classifier that reads the message where nine ordinary messages in ten fall", () => {
    // One ordinary message in ten reads 0.58 or more, so the uncertain band starts at 0.58. Ten crises name the topic
    // and read 0.55: a mention floor of 0.5 would catch them all, inside the band of ordinary readings.
    const ordinary = [...Array.from({ length: 80 }, (_, i) => reading(`calm-${i}`, "none", 0.1)), ...Array.from({ length: 20 }, (_, i) => reading(`unsure-${i}`, "none", 0.58))];
    const namedTopic = Array.from({ length: 10 }, (_, i) => reading(`topic-${i}`, "crisis", 0.55, true));

    const thresholds = tuneThresholds([...ordinary, ...namedTopic], DEFAULT_TUNING, []);

    expect(thresholds.uncertain).toBe(0.58);
    expect(thresholds.lexiconMention).toBeGreaterThanOrEqual(thresholds.uncertain);
  });

  it("lets the floor fall to where the ordinary readings allow", () => {
    // The same crises, and ordinary messages that all read low: the band starts at 0.1, and 0.5 catches every one.
    const ordinary = Array.from({ length: 100 }, (_, i) => reading(`calm-${i}`, "none", 0.1));
    const namedTopic = Array.from({ length: 10 }, (_, i) => reading(`topic-${i}`, "crisis", 0.55, true));

    // The lowest floor at or above the band: under it, the old search took 0.
    expect(tuneThresholds([...ordinary, ...namedTopic], DEFAULT_TUNING, []).lexiconMention).toBe(0.1);
  });

  it("still searches when the band starts above every floor of the grid", () => {
    // One ordinary message in five reads 0.75: no floor of the grid (0.7 at most) is at or above the band.
    const ordinary = [...Array.from({ length: 80 }, (_, i) => reading(`calm-${i}`, "none", 0.1)), ...Array.from({ length: 20 }, (_, i) => reading(`unsure-${i}`, "none", 0.75))];
    const crises = Array.from({ length: 10 }, (_, i) => reading(`crisis-${i}`, "crisis", 0.9));

    const thresholds = tuneThresholds([...ordinary, ...crises], DEFAULT_TUNING, []);

    expect(thresholds.lexiconMention).toBe(0.75);
    // The message thresholds were searched: the crises at 0.9 are caught above the ordinary readings at 0.75.
    expect(thresholds.concern).toBeGreaterThan(0.75);
    expect(thresholds.concern).toBeLessThanOrEqual(0.9);
  });

  it("takes the lowest context threshold that ties on dev and raises no more alarms in ordinary sessions", () => {
    // Ten crises read 0.55 alone and 0.95 with their session: only the context layer catches them. Ordinary sessions
    // read 0.9 with theirs, so a threshold of 0.9 or under would raise alarms there; 0.91 to 0.95 tie on dev.
    const ordinary = [...Array.from({ length: 100 }, (_, i) => reading(`calm-${i}`, "none", 0.1)), ...Array.from({ length: 30 }, (_, i) => reading(`unsure-${i}`, "none", 0.56))];
    const inSession = Array.from({ length: 10 }, (_, i) => reading(`session-crisis-${i}`, "crisis", 0.55, false, 0.95));
    const sessions = Array.from({ length: 20 }, (_, i) => reading(`ordinary-session-${i}`, "none", 0.55, false, 0.9));

    const thresholds = tuneThresholds([...ordinary, ...inSession], DEFAULT_TUNING, sessions);

    expect(thresholds.contextConcern).toBe(0.91);
    // The crisis threshold ties all the way down too, but a tie moves it no more than 0.05 under where it was reached.
    expect(thresholds.contextCrisis).toBe(0.94);
    expect(thresholds.contextCurrent).toBe(0.5);
  });

  it("walks a tie no further than 0.05 down where neither dev nor the sessions can tell the thresholds apart", () => {
    const ordinary = [...Array.from({ length: 100 }, (_, i) => reading(`calm-${i}`, "none", 0.1)), ...Array.from({ length: 30 }, (_, i) => reading(`unsure-${i}`, "none", 0.56))];
    const inSession = Array.from({ length: 10 }, (_, i) => reading(`session-crisis-${i}`, "crisis", 0.55, false, 0.95));

    const thresholds = tuneThresholds([...ordinary, ...inSession], DEFAULT_TUNING, []);

    // First reached at 0.95; with no session to tell them apart the walk stops at 0.90, not at the grid's 0.02.
    expect(thresholds.contextConcern).toBe(0.9);
    expect(thresholds.contextCurrent).toBe(0.5);
  });
});
