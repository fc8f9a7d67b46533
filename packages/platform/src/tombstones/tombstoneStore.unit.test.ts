// The in-memory tombstones: an erased user's events from before the erasure are outlawed, later ones and other users' are not.
import { describe, expect, it } from "vitest";
import { InMemoryTombstoneStore } from "./tombstoneStore";

describe("InMemoryTombstoneStore", () => {
  it("outlaws an erased user's events up to the moment of erasure, and nobody else's", async () => {
    // Arrange
    const tombstones = new InMemoryTombstoneStore();
    await tombstones.put("maya", "2026-12-04T16:00:00.000Z");

    // Act, Assess
    expect(await tombstones.erasedSince("maya", "2026-12-04T15:59:59.999Z")).toBe(true);
    expect(await tombstones.erasedSince("maya", "2026-12-04T16:00:00.000Z")).toBe(true);
    expect(await tombstones.erasedSince("maya", "2026-12-04T16:00:00.001Z")).toBe(false);
    expect(await tombstones.erasedSince("leo", "2026-12-01T00:00:00.000Z")).toBe(false);
    expect(await tombstones.get("maya")).toEqual({ userId: "maya", deletedAt: "2026-12-04T16:00:00.000Z" });
    expect(await tombstones.get("leo")).toBeUndefined();
  });

  it("keeps the latest erasure when a user is erased again", async () => {
    // Arrange
    const tombstones = new InMemoryTombstoneStore();
    await tombstones.put("maya", "2026-12-04T16:00:00.000Z");

    // Act
    await tombstones.put("maya", "2026-12-05T09:00:00.000Z");

    // Assess
    expect(await tombstones.erasedSince("maya", "2026-12-05T08:00:00.000Z")).toBe(true);
  });
});
