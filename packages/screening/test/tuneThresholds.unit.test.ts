// The threshold search (bench/classifier/pipeline.ts) over readings made by hand: what it may and may not trade.
import { describe, expect, it } from "vitest";
import { type ExampleReading, tuneThresholds } from "../bench/classifier/pipeline";
import { labelledLine } from "./helpers/factories";

const reading = (id: string, level: "crisis" | "none", risk: number, lexiconMentionOnly = false): ExampleReading => ({
  example: labelledLine(id, `line ${id}`, level),
  lexiconHit: false,
  lexiconMentionOnly,
  risk,
  crisis: level === "crisis" ? 0.3 : 0.05,
  category: "active_ideation",
  contextRisk: 0,
  contextCrisis: 0,
  contextCategory: "hopelessness",
  farewellBefore: 0,
  earlier: [],
  planDetail: false,
  actingNow: false,
  finalGoodbye: false,
});

describe("tuneThresholds", () => {
  it("keeps a topic named yielding to a classifier that reads the message where nine ordinary messages in ten fall", () => {
    // One ordinary message in ten reads 0.58 or more, so the uncertain band starts at 0.58. Ten crises name the topic
    // and read 0.55: a mention floor of 0.5 would catch them all, inside the band of ordinary readings.
    const ordinary = [...Array.from({ length: 80 }, (_, i) => reading(`calm-${i}`, "none", 0.1)), ...Array.from({ length: 20 }, (_, i) => reading(`unsure-${i}`, "none", 0.58))];
    const namedTopic = Array.from({ length: 10 }, (_, i) => reading(`topic-${i}`, "crisis", 0.55, true));

    const thresholds = tuneThresholds([...ordinary, ...namedTopic]);

    expect(thresholds.uncertain).toBe(0.58);
    expect(thresholds.lexiconMention).toBeGreaterThanOrEqual(thresholds.uncertain);
  });

  it("lets the floor fall to where the ordinary readings allow", () => {
    // The same crises, and ordinary messages that all read low: the band starts at 0.1, and 0.5 catches every one.
    const ordinary = Array.from({ length: 100 }, (_, i) => reading(`calm-${i}`, "none", 0.1));
    const namedTopic = Array.from({ length: 10 }, (_, i) => reading(`topic-${i}`, "crisis", 0.55, true));

    expect(tuneThresholds([...ordinary, ...namedTopic]).lexiconMention).toBeLessThanOrEqual(0.55);
  });
});
