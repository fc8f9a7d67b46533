// Unit tests for the InputPath subset: which paths parse and what they select.
import { describe, expect, it } from "vitest";
import { applyInputPath, parseInputPath } from "./inputPath.js";

const event = { detail: { metadata: { eventId: "e1" }, data: { items: [{ id: "a" }, { id: "b" }] } }, "detail-type": "X" };

describe("InputPath", () => {
  it.each([
    ["$", event],
    ["$.detail.metadata", { eventId: "e1" }],
    ["$['detail-type']", "X"],
    ["$.detail.data.items[1].id", "b"],
  ])("selects %s", (path, expected) => {
    expect(applyInputPath(path, event)).toEqual(expected);
  });

  it("selects nothing for paths that lead nowhere", () => {
    expect(applyInputPath("$.detail.missing.deeper", event)).toBeUndefined();
    expect(applyInputPath("$.detail.data.items[5]", event)).toBeUndefined();
  });

  it.each(["detail", "$..detail", "$.detail[", "$.a b"])("rejects %s", (path) => {
    expect(parseInputPath(path)).toBeUndefined();
  });
});
