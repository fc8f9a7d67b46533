// Index write units as DynamoDB bills them: a keys-only index is not written when an update touches no key.
import { describe, expect, it } from "vitest";
import { TABLES } from "@innerworld/platform/tables";
import { indexWriteUnits, touchedAttributes } from "./indexWrites";

const message = { sessionId: { S: "s1" }, messageKey: { S: "0001#m1" }, userId: { S: "u1" }, createdAt: { S: "2026-12-05T01:00:00.000Z" }, content: { S: "x".repeat(3000) } };

describe("touchedAttributes", () => {
  it("reads the top-level attributes of every clause, with #names resolved", () => {
    expect(touchedAttributes("SET #status = :s, deliveredAt = if_not_exists(deliveredAt, :t), usage.tokens = :u REMOVE pending ADD version :one", { "#status": "status" }).sort()).toEqual(
      ["deliveredAt", "pending", "status", "usage", "version"].sort(),
    );
  });
});

describe("indexWriteUnits", () => {
  it("writes a keys-only index once for a new item, at the size of its keys, not of its content", () => {
    expect(indexWriteUnits(TABLES.messages, { kind: "put", item: message })).toBe(1);
  });

  it("does not write a keys-only index when an update touches no key", () => {
    expect(indexWriteUnits(TABLES.messages, { kind: "update", touched: ["status", "expiresAt"], item: message })).toBe(0);
  });

  it("writes an ALL index for any change, at the size of the whole item", () => {
    const session = { sessionId: { S: "s1" }, userId: { S: "u1" }, startedAt: { S: "t" }, summary: { S: "y".repeat(1500) } };
    expect(indexWriteUnits(TABLES.sessions, { kind: "update", touched: ["lastActivityAt"], item: session })).toBe(2);
  });

  it("writes nothing to an index whose keys the item lacks", () => {
    expect(indexWriteUnits(TABLES.messages, { kind: "put", item: { sessionId: { S: "s1" }, messageKey: { S: "k" } } })).toBe(0);
  });

  it("counts the old entry's removal when an update moves an index key", () => {
    expect(indexWriteUnits(TABLES.messages, { kind: "update", touched: ["createdAt"], item: message })).toBe(2);
  });
});
