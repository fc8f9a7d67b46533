// Parsing client frames: hostile shapes get a typed answer of bounded size, never a crash.
import { describe, expect, it } from "vitest";
import { parseClientFrame } from "./frames";

const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

describe("parseClientFrame", () => {
  it("answers a deeply nested type with UNKNOWN_FRAME_TYPE instead of overflowing the stack", () => {
    const parsed = parseClientFrame(`{"type":${nested(60_000)}}`);

    expect(parsed).toMatchObject({ ok: false, code: "UNKNOWN_FRAME_TYPE" });
    expect(parsed.ok ? "" : parsed.message).toContain("(an array)");
  });

  it("echoes at most 64 characters of an unknown type", () => {
    const parsed = parseClientFrame(JSON.stringify({ type: "x".repeat(100_000) }));

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? 0 : parsed.message.length).toBeLessThan(300);
  });

  it.each([
    ["content", { type: "message", payload: { sessionId: "s", content: "hi \uFFFE" } }],
    ["content", { type: "message", payload: { sessionId: "s", content: "hi \uFFFF" } }],
    ["clientMessageId", { type: "message", payload: { sessionId: "s", content: "hi", clientMessageId: "m\uFFFF" } }],
    ["locale", { type: "start_session", payload: { personaId: "companion", locale: "en\uFFFE" } }],
    ["content", { type: "message", payload: { sessionId: "s", content: "lone \uD800 surrogate" } }],
    ["content", { type: "message", payload: { sessionId: "s", content: "bell \u0007" } }],
  ])("refuses a %s holding a character queues cannot carry with INVALID_FRAME", (field, frame) => {
    const parsed = parseClientFrame(JSON.stringify(frame));

    expect(parsed).toMatchObject({ ok: false, code: "INVALID_FRAME" });
    expect(parsed.ok ? "" : parsed.message).toContain(field);
  });

  it("takes an IANA time zone on start_session and refuses anything else with INVALID_FRAME", () => {
    const start = (timeZone: unknown) => parseClientFrame(JSON.stringify({ type: "start_session", payload: { personaId: "companion", timeZone } }));
    for (const zone of ["UTC", "America/Chicago", "Asia/Seoul", "Europe/London"]) expect(start(zone).ok, zone).toBe(true);
    for (const zone of ["Mars/Olympus_Mons", "", "CST6CDT; drop table", 42]) expect(start(zone), String(zone)).toMatchObject({ ok: false, code: "INVALID_FRAME" });
    expect(parseClientFrame(JSON.stringify({ type: "start_session", payload: { personaId: "companion" } })).ok).toBe(true);
  });

  it("accepts emoji, accents, tabs and newlines", () => {
    expect(parseClientFrame(JSON.stringify({ type: "message", payload: { sessionId: "s", content: "héllo 😀\n\tbye" } })).ok).toBe(true);
  });
});
