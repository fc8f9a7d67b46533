// Survey requests and responses: what is accepted, and the reasons given for what is not.
import { describe, expect, it } from "vitest";
import { DEFAULT_QUESTIONS } from "./questions";
import { checkAnswers, createSurveyRequestSchema, duplicateQuestionIds, surveyResponseSchema } from "./surveySchema";
import { createHash } from "node:crypto";
import { createSourceKeys, networkOf, SourceSecretError } from "./respondent";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const { respondentKeyOf, responseSourceOf } = createSourceKeys(SECRET);

describe("a survey response", () => {
  it("must answer questions of this survey, once each, with one of a choice's options", () => {
    const problems = checkAnswers(DEFAULT_QUESTIONS, [
      { questionId: "three_words", answer: "funny, loyal" },
      { questionId: "three_words", answer: "again" },
      { questionId: "talk_style", answer: "shouting" },
      { questionId: "nope", answer: "x" },
    ]);
    expect(problems).toEqual([
      { questionId: "three_words", reason: "answered twice" },
      { questionId: "talk_style", reason: expect.stringContaining("must be one of") },
      { questionId: "nope", reason: "no such question in this survey" },
    ]);
    expect(checkAnswers(DEFAULT_QUESTIONS, [{ questionId: "talk_style", answer: "playful and joking" }])).toEqual([]);
  });

  it("has a respondent id, at least one answer and nothing else", () => {
    expect(surveyResponseSchema.safeParse({ respondentId: "browser-1234", answers: [{ questionId: "q", answer: "a" }] }).success).toBe(true);
    expect(surveyResponseSchema.safeParse({ respondentId: "browser-1234", answers: [] }).success).toBe(false);
    expect(surveyResponseSchema.safeParse({ respondentId: "x", answers: [{ questionId: "q", answer: "a" }] }).success).toBe(false);
    expect(surveyResponseSchema.safeParse({ respondentId: "browser-1234", answers: [{ questionId: "q", answer: "a" }], extra: 1 }).success).toBe(false);
  });

  it("is keyed by respondent and request traits, never storing the raw id", () => {
    const key = respondentKeyOf("s1", "browser-1234", { sourceIp: "1.2.3.4", userAgent: "ua" });
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(key).not.toContain("browser");
    expect(respondentKeyOf("s1", "browser-1234", { sourceIp: "1.2.3.4", userAgent: "ua" })).toBe(key);
    expect(respondentKeyOf("s2", "browser-1234", { sourceIp: "1.2.3.4", userAgent: "ua" })).not.toBe(key);
    expect(respondentKeyOf("s1", "browser-1234", { sourceIp: "5.6.7.8", userAgent: "ua" })).not.toBe(key);
  });
});

describe("creating a survey", () => {
  it("takes the default questions or up to 20 own ones with unique ids", () => {
    expect(createSurveyRequestSchema.safeParse({ subjectName: "Sam" }).success).toBe(true);
    const own = Array.from({ length: 21 }, (_, i) => ({ id: `q${i}`, kind: "text", text: "What is Sam like?" }));
    expect(createSurveyRequestSchema.safeParse({ subjectName: "Sam", questions: own }).success).toBe(false);
    expect(createSurveyRequestSchema.safeParse({ subjectName: "Sam", questions: own.slice(0, 20) }).success).toBe(true);
    expect(duplicateQuestionIds([{ id: "a", kind: "text", text: "abc" }, { id: "a", kind: "text", text: "def" }])).toEqual(["a"]);
    expect(createSurveyRequestSchema.safeParse({ subjectName: "Sam", questions: [{ id: "c", kind: "choice", text: "Pick one", options: ["only"] }] }).success).toBe(false);
  });
});

describe("a response's source", () => {
  it("is the network an address belongs to: an IPv4 address, or an IPv6 address's /64", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("2001:db8:85a3:12:1111:2222:3333:4444")).toBe("2001:db8:85a3:12::/64");
    expect(networkOf("2001:0db8:85a3:0012::1")).toBe("2001:db8:85a3:12::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });

  it("hashes the network and the browser with the survey, so neither can be followed from survey to survey", () => {
    const here = responseSourceOf("s1", { sourceIp: "2001:db8:85a3:12::1", userAgent: "ua" });
    // Another address in the same /64, as a phone picks for itself: the same network and browser.
    expect(responseSourceOf("s1", { sourceIp: "2001:db8:85a3:12:ffff::9", userAgent: "ua" })).toEqual(here);
    expect(responseSourceOf("s1", { sourceIp: "2001:db8:85a3:12::1", userAgent: "other" })).toEqual({ networkKey: here.networkKey, browserKey: expect.not.stringMatching(here.browserKey) });
    expect(responseSourceOf("s2", { sourceIp: "2001:db8:85a3:12::1", userAgent: "ua" }).networkKey).not.toBe(here.networkKey);
    expect(JSON.stringify(here)).not.toContain("2001");
  });

  it("is keyed by a secret, so the table alone cannot be hashed back to an address", () => {
    const keys = responseSourceOf("s1", { sourceIp: "203.0.113.7", userAgent: "ua" });
    // What an unkeyed hash gave: anyone could try every IPv4 address against it.
    const unkeyed = createHash("sha256").update(["s1", "network", "203.0.113.7"].join("\u0000")).digest("hex").slice(0, 40);
    expect(keys.networkKey).not.toBe(unkeyed);
    const underAnotherSecret = createSourceKeys(`${SECRET}-rotated`).responseSourceOf("s1", { sourceIp: "203.0.113.7", userAgent: "ua" });
    expect(underAnotherSecret.networkKey).not.toBe(keys.networkKey);
    expect(underAnotherSecret.browserKey).not.toBe(keys.browserKey);
  });

  it("refuses a missing or short secret rather than hashing without one", () => {
    expect(() => createSourceKeys("")).toThrow(SourceSecretError);
    expect(() => createSourceKeys("x".repeat(31))).toThrow(/at least 32 characters/);
  });
});
