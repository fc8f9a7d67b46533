import { describe, expect, it } from "vitest";
import { boundedMemo } from "./boundedMemo.js";

describe("boundedMemo", () => {
  it("computes a key once, and past its limit forgets the oldest key first", () => {
    const computed: string[] = [];
    const upper = boundedMemo(2, (key) => {
      computed.push(key);
      return key.toUpperCase();
    });

    expect([upper("a"), upper("a"), upper("b")]).toEqual(["A", "A", "B"]);
    expect(computed).toEqual(["a", "b"]);
    expect(upper.size).toBe(2);
    upper("c");
    expect(upper.size).toBe(2);
    upper("b");
    upper("a");
    expect(computed).toEqual(["a", "b", "c", "a"]);
  });
});
