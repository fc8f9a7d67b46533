// Feelings told in Spanish, read by the whole offline extractor (rules, both taggers, the steps after them).
import { describe, expect, it } from "vitest";
import { createOfflineExtractor } from "./offlineExtractor.js";
import { REFERENCE_DATE, userSays } from "./transcriptFactory.js";

const extractor = createOfflineExtractor();
const extract = (text: string) => extractor.extract(userSays(text), { referenceDate: REFERENCE_DATE });
const feelingsIn = async (text: string) => (await extract(text)).entities.filter((entity) => entity.type === "Feeling").map((entity) => entity.name);

describe("feelings told in Spanish", () => {
  it.each([
    ["me siento bien vacía desde que se fue mi hermano", "vacía"],
    ["me da mucho coraje que nadie me escuche en la casa", "coraje"],
    ["re bajón, perdimos la final por un gol", "bajón"],
    ["tengo miedo de reprobar el semestre", "miedo"],
    ["ando bien agotada con los ensayos", "agotada"],
    ["me siento sola en la escuela nueva", "sola"],
  ])("%s → %s", async (text, feeling) => {
    // Act
    const feelings = await feelingsIn(text);

    // Assess
    expect(feelings).toContain(feeling);
  });

  it("ties missing someone to who is missed", async () => {
    // Act
    const extraction = await extract("extraño a mi abuela, se quedó en honduras");

    // Assess
    const missing = extraction.relations.find((relation) => relation.type === "about" && relation.from === "extraño");
    expect(extraction.entities.filter((entity) => entity.type === "Feeling").map((entity) => entity.name)).toContain("extraño");
    expect(missing?.to).toEqual(expect.stringMatching(/abuela|grandma/i));
  });

  it.each([
    // Somebody else's feeling.
    "mi hermana anda bien agotada con el trabajo",
  ])("finds no feeling of the teen's in %s", async (text) => {
    // Act
    const feelings = await feelingsIn(text);

    // Assess
    expect(feelings).toEqual([]);
  });
});
