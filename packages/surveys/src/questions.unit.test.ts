// The default questions friends answer, in English and in Spanish.
import { describe, expect, it } from "vitest";
import { defaultQuestionsFor, type SurveyQuestion } from "./questions.js";

const optionsOf = (question: SurveyQuestion) => (question.kind === "choice" ? question.options : []);

describe("defaultQuestionsFor", () => {
  it("asks Spanish-speaking friends the same questions, under the same ids", () => {
    // Act
    const english = defaultQuestionsFor("en");
    const spanish = defaultQuestionsFor("es");

    // Assess
    expect(spanish.map((question) => question.id)).toEqual(english.map((question) => question.id));
    expect(spanish.map((question) => optionsOf(question).length)).toEqual(english.map((question) => optionsOf(question).length));
  });

  it("words the Spanish questions and options for a friend of any gender, since the options become the persona's speaking style", () => {
    // Act
    const words = defaultQuestionsFor("es").flatMap((question) => [question.text, ...optionsOf(question)]).join(" | ");

    // Assess: masculine forms that would make a girl's persona a boy ("bromista y juguetón", "lo describen", "como amigo").
    expect(words).not.toMatch(/\b(?:juguetón|reflexivo|directo|cálido|animador|curioso|lo describen|como amigo|lo conoces)\b/u);
  });
});
