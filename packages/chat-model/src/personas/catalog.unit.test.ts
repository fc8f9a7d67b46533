import { describe, expect, it } from "vitest";
import {
  DEFAULT_PERSONA_ID,
  PersonaSchema,
  SHARED_BOUNDARIES,
  UnknownPersonaError,
  getPersona,
  isUnknownPersonaError,
  listPersonas,
} from "./index.js";

describe("persona catalogue", () => {
  it("holds the four personas of the earlier seeds plus the default companion, each valid", () => {
    const personas = listPersonas();

    expect(personas.map((persona) => persona.id)).toEqual(["companion", "courage", "comfort", "creative", "compass"]);
    for (const persona of personas) expect(PersonaSchema.safeParse(persona).success).toBe(true);
    expect(new Set(personas.map((persona) => persona.displayName)).size).toBe(personas.length);
  });

  it("defaults to the supportive companion, listed first", () => {
    expect(DEFAULT_PERSONA_ID).toBe("companion");
    expect(listPersonas()[0]?.id).toBe(DEFAULT_PERSONA_ID);
    expect(getPersona(DEFAULT_PERSONA_ID).voice).toMatch(/supportive|warm/i);
  });

  it("gives every built-in persona rules of its own on top of the shared ones, never a copy of them", () => {
    for (const persona of listPersonas()) {
      for (const shared of SHARED_BOUNDARIES) expect(persona.boundaries).not.toContain(shared);
      expect(persona.authoredBy).toBe("operator");
      if (persona.id !== "companion") expect(persona.boundaries.length).toBeGreaterThan(1);
    }
    const shared = SHARED_BOUNDARIES.join(" ");
    expect(shared).toMatch(/romantic|sexual/);
    expect(shared).toMatch(/diagnose|medical/);
    expect(shared).toMatch(/trusted adult/);
    expect(shared).toMatch(/claim to be human/);
  });

  it("gives each persona its own style: emoji for the playful ones only, distinct openers", () => {
    expect(getPersona("comfort").style.emoji).toEqual([]);
    expect(getPersona("compass").style.emoji).toEqual([]);
    expect(getPersona("courage").style.emoji.length).toBeGreaterThan(0);
    expect(getPersona("creative").style.emoji.length).toBeGreaterThan(0);
    const openers = listPersonas().flatMap((persona) => persona.style.openers);
    expect(new Set(openers).size).toBe(openers.length);
  });

  it("keeps model settings in range, warmer for Creative than for Compass", () => {
    for (const { model } of listPersonas()) {
      expect(model.temperature).toBeGreaterThanOrEqual(0);
      expect(model.maxTokens).toBeLessThanOrEqual(400);
    }
    expect(getPersona("creative").model.temperature).toBeGreaterThan(getPersona("compass").model.temperature);
  });

  it("rejects an unknown id with a typed, coded error", () => {
    // Prepare / Act
    const act = () => getPersona("boyfriend");

    // Assess
    expect(act).toThrow(UnknownPersonaError);
    try {
      act();
    } catch (error) {
      expect(isUnknownPersonaError(error)).toBe(true);
      expect(error).toMatchObject({ code: "UNKNOWN_PERSONA", personaId: "boyfriend", retryable: false });
      expect((error as Error).message).toContain("courage");
    }
    expect(isUnknownPersonaError(new Error("x"))).toBe(false);
  });

  it("shares frozen records, so one session cannot change a persona for every other", () => {
    const persona = getPersona("courage");

    expect(() => {
      (persona.boundaries as string[]).push("anything goes");
    }).toThrow(TypeError);
    expect(() => {
      (persona.model as { temperature: number }).temperature = 2;
    }).toThrow(TypeError);
    expect(getPersona("courage").model.temperature).toBe(0.8);
  });

  it("schema refuses style markers the offline model could not use", () => {
    const courage = getPersona("courage");
    const broken = (style: Partial<typeof courage.style>) =>
      PersonaSchema.safeParse({ ...courage, style: { ...courage.style, ...style } }).success;

    expect(broken({ followUps: ["Tell me more about {topic}.", "And {topic}?"] })).toBe(false);
    expect(broken({ reflections: ["That is hard.", "Really hard."] })).toBe(false);
    expect(broken({ greetings: ["Hi, how are you?"] })).toBe(false);
    expect(broken({})).toBe(true);
  });
});
