// What the emulator hands SQS: the same JSON, with every character SQS refuses written as an escape.
import { describe, expect, it } from "vitest";
import { escapeForSqs } from "./delivery.js";

const SQS_ACCEPTS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe("escapeForSqs", () => {
  it.each(["\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u0007"])("escapes %j so SQS takes the body and readers see the same value", (char) => {
    const body = JSON.stringify({ detail: { content: `a${char}b` } });

    const escaped = escapeForSqs(body);

    expect(escaped).toMatch(SQS_ACCEPTS);
    expect(JSON.parse(escaped)).toEqual(JSON.parse(body));
  });

  it("leaves emoji as they are, as EventBridge sends them to SQS", () => {
    const body = JSON.stringify({ detail: { content: "ok 😀 fr" } });
    expect(escapeForSqs(body)).toBe(body);
  });
});
