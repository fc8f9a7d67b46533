// School subjects named in Spanish, read by the whole offline extractor (rules, both taggers, the steps after them).
import { describe, expect, it } from "vitest";
import { createOfflineExtractor } from "./offlineExtractor.js";
import { REFERENCE_DATE, userSays } from "./transcriptFactory.js";

const extractor = createOfflineExtractor();
const found = async (text: string) => (await extractor.extract(userSays(text), { referenceDate: REFERENCE_DATE })).entities;
const topicsIn = async (text: string) => (await found(text)).filter((entity) => entity.type === "Topic").map((entity) => entity.name);

describe("school subjects named in Spanish", () => {
  it.each([
    ["odio estadística con todo mi ser", "estadística"],
    ["me quiero cambiar a contabilidad, en programación me aburro", "programación"],
    ["tengo que subir las notas de mate si quiero entrar a la uni", "mate"],
    ["mi prima estudia arquitectura en monterrey y quiero ser como ella", "arquitectura"],
    // A subject whose first letter carries its accent, as teens who type accents write it.
    ["odio álgebra con todo mi ser", "álgebra"],
  ])("%s → %s", async (text, subject) => {
    // Act
    const topics = await topicsIn(text);

    // Assess
    expect(topics).toContain(subject);
  });

  it("reads a subject inside a goal as a subject, not a place", async () => {
    // Act
    const entities = await found("mi mamá limpia oficinas de noche y yo quiero estudiar enfermería para ayudarla");

    // Assess
    expect(entities.filter((entity) => entity.type === "Topic").map((entity) => entity.name)).toContain("enfermería");
    expect(entities.filter((entity) => entity.type === "Place")).toEqual([]);
  });

  it("reads a subject a tagger took for a thing as a subject", async () => {
    // Act
    const entities = await found("el jueves empiezan los parciales y ando nerviosa sobre todo por química");

    // Assess
    expect(entities.filter((entity) => entity.type === "Topic").map((entity) => entity.name)).toEqual(["química"]);
    expect(entities.filter((entity) => entity.type === "Thing")).toEqual([]);
  });

  it("reads a subject after 'en' as a subject, not a place", async () => {
    // Act
    const entities = await found("saqué un 10 en trigonometría y nadie me cree");

    // Assess
    expect(entities.filter((entity) => entity.type === "Topic").map((entity) => entity.name)).toContain("trigonometría");
    expect(entities.filter((entity) => entity.type === "Place").map((entity) => entity.name.toLowerCase())).not.toContain("trigonometría");
  });

  it("leaves 'mate' the drink alone", async () => {
    // Act
    const topics = await topicsIn("tomamos mate en el patio con mi abuelo");

    // Assess
    expect(topics).toEqual([]);
  });
});
