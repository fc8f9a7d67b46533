// The views for APIs still being built read their answers leniently: a list or an object holding one, ids and text by any usual name.
import { describe, expect, it } from "vitest";
import { isSessionLive, parseHealth, parseMemory, parsePersonas } from "./httpApi";

describe("parsePersonas", () => {
  it("reads built-in and custom personas from a list under `personas`", () => {
    expect(
      parsePersonas({
        personas: [
          { id: "comfort", displayName: "Comfort", tagline: "A gentle listener." },
          { personaId: "p-7", name: "Captain Calm", description: "Mine.", ownerId: "maya" },
          { displayName: "no id" },
        ],
      }),
    ).toEqual([
      { id: "comfort", displayName: "Comfort", tagline: "A gentle listener.", custom: false },
      { id: "p-7", displayName: "Captain Calm", tagline: "Mine.", custom: true },
    ]);
  });
});

describe("parseMemory", () => {
  it("reads facts with their id and words from a bare list or under `facts`", () => {
    const fact = { factId: "Person:maya:sam", text: "Sam is your best friend", kind: "Person" };
    expect(parseMemory({ facts: [fact] })).toEqual([{ id: "Person:maya:sam", text: "Sam is your best friend", kind: "Person" }]);
    expect(parseMemory([{ id: "g1", name: "Make the team" }])).toEqual([{ id: "g1", text: "Make the team" }]);
    expect(parseMemory({ facts: [{ id: "x" }] })).toEqual([]);
  });
});

describe("parseHealth", () => {
  it("names each part and its state, ready or not", () => {
    expect(parseHealth(503, { status: "degraded", checks: { tables: "ok", bus: { status: "unreachable" }, queues: { ok: true } } })).toEqual({
      ok: false,
      parts: { tables: "ok", bus: "unreachable", queues: "ok" },
    });
  });
});

describe("isSessionLive", () => {
  it("keeps a paused session (its page reloaded, its connection dropped) open for chat, and only an ended one read-only", () => {
    expect(["active", "paused", "ended"].map((status) => isSessionLive({ status }))).toEqual([true, true, false]);
  });
});
