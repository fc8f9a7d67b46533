// Holds the event-pattern matcher to AWS-recorded conformance cases (test/fixtures/eventbridge-patterns) and to our own edge cases.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import {
  InvalidEventPatternError,
  compileEventPattern,
  matchesEventPattern,
  testEventPattern,
} from "./eventPattern.js";

const fixturesDir = fileURLToPath(new URL("../../test/fixtures/eventbridge-patterns/", import.meta.url));

interface Fixture {
  readonly file: string;
  readonly expectation: "match" | "no match" | "invalid";
  readonly event: unknown;
  /** As stored: an object, or JSON text that AWS receives verbatim (duplicate keys and all). */
  readonly pattern: unknown;
}

function loadFixtures(): Fixture[] {
  const files = readdirSync(fixturesDir).filter((file) => /\.json5?$/.test(file));
  const fixtures: Fixture[] = [];
  for (const file of files) {
    // complex_multi_key_event_pattern.json is the pattern half of a pair; it is read with its event below.
    if (file === "complex_multi_key_event_pattern.json") continue;
    const text = readFileSync(`${fixturesDir}${file}`, "utf8");
    if (file === "complex_multi_key_event.json") {
      fixtures.push({
        file,
        expectation: "match",
        event: JSON.parse(text),
        // Kept as text: the pattern repeats a key, and AWS takes the pattern as a string.
        pattern: readFileSync(`${fixturesDir}complex_multi_key_event_pattern.json`, "utf8"),
      });
      continue;
    }
    const { Event, EventPattern } = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(text);
    const stem = file.replace(/\.json5?$/, "");
    const expectation = stem.endsWith("_EXC") ? "invalid" : stem.endsWith("_NEG") ? "no match" : "match";
    fixtures.push({ file, expectation, event: Event, pattern: EventPattern });
  }
  return fixtures;
}

const fixtures = loadFixtures();

/** Both forms AWS accepts: the pattern as an object and as the JSON text PutRule carries. */
function patternForms(pattern: unknown): unknown[] {
  return typeof pattern === "string" ? [pattern] : [pattern, JSON.stringify(pattern)];
}

describe("EventBridge conformance fixtures", () => {
  it("finds the whole fixture folder", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(150);
    expect(fixtures.some((fixture) => fixture.expectation === "invalid")).toBe(true);
    expect(fixtures.some((fixture) => fixture.expectation === "no match")).toBe(true);
  });

  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))("%s", (_file, fixture) => {
    for (const pattern of patternForms(fixture.pattern)) {
      if (fixture.expectation === "invalid") {
        expect(() => compileEventPattern(pattern)).toThrow(InvalidEventPatternError);
      } else {
        const compiled = compileEventPattern(pattern);
        expect(matchesEventPattern(compiled, fixture.event)).toBe(fixture.expectation === "match");
      }
    }
  });
});

describe("compileEventPattern errors", () => {
  it("carries AWS's code, name and message shape", () => {
    // Prepare / Act
    let caught: unknown;
    try {
      compileEventPattern({ detail: { state: [{ prefix: 5 }] } });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    const error = caught as InvalidEventPatternError;
    expect(error.code).toBe("InvalidEventPatternException");
    expect(error.name).toBe("InvalidEventPatternException");
    expect(error.message).toBe("Event pattern is not valid. Reason: prefix match pattern must be a string");
  });

  it.each([
    ["JSON that does not parse", "{"],
    ["a pattern that is not an object", "[]"],
    ["an empty pattern", {}],
    ["an empty nested object", { detail: {} }],
    ["$or with a single alternative", { $or: [{ a: ["x"] }] }],
    ["$or that is not an array", { $or: { a: ["x"] } }],
    ["an operator name used as a field inside $or", { $or: [{ prefix: ["x"] }, { b: ["y"] }] }],
    ["a match expression with two operators", { a: [{ prefix: "x", suffix: "y" }] }],
    ["an empty match expression", { a: [{}] }],
    ["a nested array as a value", { a: [["x"]] }],
    ["an empty anything-but list", { a: [{ "anything-but": [] }] }],
    ["a mixed anything-but list", { a: [{ "anything-but": ["x", 1] }] }],
    ["numeric = with a range", { a: [{ numeric: ["=", 1, "<", 2] }] }],
    ["a numeric range whose bottom is not below its top", { a: [{ numeric: [">", 5, "<", 5] }] }],
    ["a numeric bound given as a string", { a: [{ numeric: [">", "5"] }] }],
    ["a wildcard with an unknown escape", { a: [{ wildcard: "a\\b" }] }],
    ["a CIDR mask wider than the address", { a: [{ cidr: "10.0.0.0/33" }] }],
  ])("rejects %s", (_name, pattern) => {
    expect(() => compileEventPattern(pattern)).toThrow(InvalidEventPatternError);
  });
});

describe("matchesEventPattern", () => {
  it("compares numbers by value, never across types", () => {
    const compiled = compileEventPattern('{"n": [3.0], "m": [{"numeric": ["=", 3]}]}');

    expect(matchesEventPattern(compiled, { n: 3, m: 3.0 })).toBe(true);
    expect(matchesEventPattern(compiled, { n: 3.5, m: 3 })).toBe(false);
    expect(matchesEventPattern(compiled, { n: "3", m: 3 })).toBe(false);
    expect(testEventPattern({ n: ["3"] }, { n: 3 })).toBe(false);
  });

  it("matches values inside nested arrays", () => {
    const compiled = compileEventPattern({ detail: { tags: ["blue"] } });

    expect(matchesEventPattern(compiled, { detail: { tags: [["red"], ["green", "blue"]] } })).toBe(true);
    expect(matchesEventPattern(compiled, { detail: { tags: [["red"], []] } })).toBe(false);
  });

  it("applies $or inside a nested object together with its siblings", () => {
    const compiled = compileEventPattern({
      source: ["innerworld.safety"],
      detail: { data: { $or: [{ verdict: ["blocked"] }, { crisis: [true] }] } },
    });

    expect(matchesEventPattern(compiled, { source: "innerworld.safety", detail: { data: { crisis: true } } })).toBe(true);
    expect(matchesEventPattern(compiled, { source: "innerworld.safety", detail: { data: { verdict: "blocked" } } })).toBe(
      true,
    );
    expect(matchesEventPattern(compiled, { source: "innerworld.safety", detail: { data: { verdict: "allowed" } } })).toBe(
      false,
    );
    expect(matchesEventPattern(compiled, { source: "innerworld.gateway", detail: { data: { crisis: true } } })).toBe(false);
  });

  it("requires fields of an array of objects to come from the same element", () => {
    const compiled = compileEventPattern({ items: { kind: ["book"], price: [{ numeric: ["<", 10] }] } });

    expect(matchesEventPattern(compiled, { items: [{ kind: "book", price: 5 }, { kind: "pen", price: 50 }] })).toBe(true);
    expect(matchesEventPattern(compiled, { items: [{ kind: "book", price: 50 }, { kind: "pen", price: 5 }] })).toBe(false);
  });

  it("treats null as a present value and an empty array as absent", () => {
    const exists = compileEventPattern({ a: [{ exists: true }] });
    const absent = compileEventPattern({ a: [{ exists: false }] });

    expect(matchesEventPattern(exists, { a: null })).toBe(true);
    expect(matchesEventPattern(absent, { a: null })).toBe(false);
    expect(matchesEventPattern(absent, { a: [] })).toBe(true);
    expect(matchesEventPattern(absent, { a: { b: 1 } })).toBe(true);
  });

  it("keeps replayed events away from live consumers with exists:false", () => {
    const compiled = compileEventPattern({ "detail-type": ["MessageScreened"], "replay-name": [{ exists: false }] });

    expect(matchesEventPattern(compiled, { "detail-type": "MessageScreened" })).toBe(true);
    expect(matchesEventPattern(compiled, { "detail-type": "MessageScreened", "replay-name": "r1" })).toBe(false);
  });

  it("honours wildcard escapes and anchors", () => {
    expect(testEventPattern({ f: [{ wildcard: "a\\*b*" }] }, { f: "a*bc" })).toBe(true);
    expect(testEventPattern({ f: [{ wildcard: "a\\*b*" }] }, { f: "axbc" })).toBe(false);
    expect(testEventPattern({ f: [{ wildcard: "*" }] }, { f: "" })).toBe(true);
    expect(testEventPattern({ f: [{ wildcard: "x*y*x" }] }, { f: "xyx" })).toBe(true);
    expect(testEventPattern({ f: [{ wildcard: "x*y*x" }] }, { f: "xy" })).toBe(false);
  });

  it("matches IP addresses as addresses", () => {
    expect(testEventPattern({ ip: ["2001:db8::1"] }, { ip: "2001:0db8:0:0:0:0:0:1" })).toBe(true);
    expect(testEventPattern({ ip: [{ cidr: "10.1.0.0/16" }] }, { ip: "10.1.255.3" })).toBe(true);
    expect(testEventPattern({ ip: [{ cidr: "10.1.0.0/16" }] }, { ip: "10.2.0.1" })).toBe(false);
    expect(testEventPattern({ ip: [{ cidr: "::ffff:0:0/96" }] }, { ip: "::ffff:192.168.0.1" })).toBe(true);
  });

  it("compiles once and matches many events", () => {
    const compiled = compileEventPattern({ source: [{ prefix: "innerworld." }] });
    const events = Array.from({ length: 1000 }, (_, i) => ({ source: i % 2 ? "innerworld.gateway" : "aws.ec2" }));

    expect(events.filter((event) => matchesEventPattern(compiled, event))).toHaveLength(500);
  });
});
