import { describe, expect, it } from "vitest";
import { InMemoryPersonaStore, seedBuiltInPersonas } from "../store";
import { createPersonaAuthoring } from "./personaAuthoring";

const sunny = {
  name: "Sunny",
  description: "A cheerful study buddy who loves astronomy.",
  personality: "Upbeat, patient, curious about how things work.",
  speakingStyle: "Short sentences, the odd space pun.",
  topics: ["astronomy", "homework", "music"],
  model: { model: "model-a", temperature: 0.9, maxTokens: 300 },
};

async function authoring(options: { personasPerUser?: number } = {}) {
  const store = new InMemoryPersonaStore();
  await seedBuiltInPersonas(store);
  let ids = 0;
  const authoring = createPersonaAuthoring({
    store,
    allowedModels: ["model-a", "model-b"],
    clock: () => Date.UTC(2026, 2, 14, 16, 0, ids),
    newId: () => `id-${(ids += 1)}`,
    ...options,
  });
  return { store, authoring };
}

describe("persona authoring", () => {
  it("creates a persona with its settings and lists it after the built-ins, for its owner only", async () => {
    const { authoring: a } = await authoring();

    const created = await a.create("ana", sunny);

    expect(created).toMatchObject({ ok: true, value: { personaId: "id-1", ownerId: "ana", name: "Sunny", status: "ready", model: sunny.model, avatar: { kind: "generated", seed: "id-1" } } });
    expect((await a.list("ana")).map((r) => r.personaId)).toEqual(["companion", "courage", "comfort", "creative", "compass", "id-1"].sort((x, y) => (x === "id-1" ? 1 : y === "id-1" ? -1 : 0)));
    expect((await a.list("ben")).map((r) => r.personaId)).not.toContain("id-1");
    expect(await a.get("ben", "id-1")).toEqual({ ok: false, kind: "not_found" });
  });

  it("refuses bad fields with the field and the reason", async () => {
    const { authoring: a } = await authoring();

    const refused = await a.create("ana", {
      name: "x".repeat(61),
      personality: "y".repeat(2001),
      topics: Array.from({ length: 11 }, (_, i) => `topic ${i}`),
      avatar: "http://example.com/a.png",
      model: { model: "model-z", temperature: 1.6, maxTokens: 1001 },
      mood: "sunny",
    });

    expect(refused.ok).toBe(false);
    const errors = refused.ok ? [] : refused.kind === "invalid" ? refused.errors : [];
    expect(Object.fromEntries(errors.map((e) => [e.field, e.reason]))).toEqual({
      name: "at most 60 characters",
      personality: "at most 2000 characters",
      topics: "at most 10 topics",
      avatar: "must be an https URL",
      "model.model": "must be one of: model-a, model-b",
      "model.temperature": "must be from 0 to 1.5",
      "model.maxTokens": "must be from 16 to 1000",
      mood: "is not a persona field",
    });
    expect(await a.create("ana", {})).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "name", reason: "required" }] });
    expect(await a.create("ana", [])).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "(body)" }] });
  });

  it("counts characters as a person does, and refuses a name nobody can read or a picture URL that carries a password", async () => {
    const { authoring: a } = await authoring();
    const fieldErrors = async (fields: Record<string, unknown>) => {
      const refused = await a.create("ana", { ...sunny, ...fields });
      return refused.ok ? {} : refused.kind === "invalid" ? Object.fromEntries(refused.errors.map((e) => [e.field, e.reason])) : { [refused.kind]: "" };
    };

    // A letter and 59 emoji are sixty characters (119 UTF-16 units); one emoji more is too many.
    expect((await a.create("ana", { ...sunny, name: `S${"🌟".repeat(59)}` })).ok).toBe(true);
    expect(await fieldErrors({ name: `S${"🌟".repeat(60)}` })).toEqual({ name: "at most 60 characters" });
    expect(await fieldErrors({ name: "\u200b\u200b" })).toEqual({ name: "must have a letter or a digit, and no control characters" });
    expect(await fieldErrors({ name: "a\u0000b" })).toEqual({ name: "must have a letter or a digit, and no control characters" });
    expect(await fieldErrors({ avatar: "https://user:pw@example.com/a.png" })).toEqual({ avatar: "must not carry a user name or password" });
  });

  it("refuses a built-in persona's name, which '@Name' in a group could no longer tell apart", async () => {
    const { authoring: a } = await authoring();

    expect(await a.create("ana", { ...sunny, name: "comfort" })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "name", reason: "is a built-in persona's name" }] });
  });

  it("keeps the built-ins read-only", async () => {
    const { authoring: a } = await authoring();

    expect(await a.replace("ana", "courage", sunny)).toEqual({ ok: false, kind: "read_only" });
    expect(await a.remove("ana", "courage")).toEqual({ ok: false, kind: "read_only" });
    expect((await a.get("ana", "courage")).ok).toBe(true);
  });

  it("replaces every editable field and deletes, only for the owner", async () => {
    const { authoring: a } = await authoring();
    await a.create("ana", sunny);

    expect(await a.replace("ben", "id-1", { name: "Mine now" })).toEqual({ ok: false, kind: "not_found" });
    const replaced = await a.replace("ana", "id-1", { name: "Sunny 2", avatar: "https://example.com/sunny.png" });
    expect(replaced).toMatchObject({ ok: true, value: { name: "Sunny 2", topics: [], description: "", avatar: { kind: "url", url: "https://example.com/sunny.png" }, model: { temperature: 0.7, maxTokens: 220 } } });
    expect(await a.remove("ben", "id-1")).toEqual({ ok: false, kind: "not_found" });
    expect((await a.remove("ana", "id-1")).ok).toBe(true);
    expect(await a.get("ana", "id-1")).toEqual({ ok: false, kind: "not_found" });
  });

  it("refuses the persona after the per-user limit", async () => {
    const { authoring: a } = await authoring({ personasPerUser: 3 });
    for (let i = 0; i < 3; i += 1) expect((await a.create("ana", { name: `P${i}` })).ok).toBe(true);

    expect(await a.create("ana", { name: "one too many" })).toEqual({ ok: false, kind: "limit_reached", limit: 3 });
    expect((await a.create("ben", { name: "his first" })).ok).toBe(true);
  });

  it("refuses an unsafe persona with its reasons and saves nothing", async () => {
    const { authoring: a, store } = await authoring();

    const refused = await a.create("ana", { name: "Mia", description: "Your flirty girlfriend who is a real human, not an AI." });

    expect(refused).toMatchObject({ ok: false, kind: "unsafe" });
    const rules = refused.ok || refused.kind !== "unsafe" ? [] : refused.reasons.map((r) => `${r.field}:${r.rule}`);
    expect(rules).toEqual(expect.arrayContaining(["description:romantic_or_sexual", "description:claims_human"]));
    expect(await store.listByOwner("ana")).toEqual([]);
  });
});
