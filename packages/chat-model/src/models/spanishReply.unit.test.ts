// The offline model answers a teen who writes Spanish in Spanish, in each persona's voice, and English in English.
import type { BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { getPersona, listPersonas, type Persona } from "../personas/index.js";
import { buildPrompt } from "../prompt/index.js";
import { OfflineChatModel } from "./OfflineChatModel.js";
import { writesSpanish } from "./spanishReply.js";

const prompt = (persona: Persona, userMessage: string, contextBlock?: string): BaseMessage[] =>
  buildPrompt({ persona, history: [], userMessage, tokenBudget: 4000, ...(contextBlock ? { contextBlock } : {}) }).messages as BaseMessage[];

/** Words a reply in English would have, and a Spanish one would not. */
const ENGLISH = /\b(?:the|you|your|that|sounds|what|how|feel|feeling|really|it's|I'm)\b/i;

describe("the offline model's Spanish", () => {
  it("tells a Spanish message from an English one, Spanglish by its weight", () => {
    for (const spanish of ["hola", "Buenas noches", "tengo miedo de reprobar el examen", "mi hermana no me habla y estoy triste", "¿qué onda?", "la neta estoy cansada de todo"]) expect(writesSpanish(spanish), spanish).toBe(true);
    for (const english of ["hi", "I have a math test tomorrow", "my friend Maya stopped talking to me", "i ate tacos at the fiesta lol", "ok"]) expect(writesSpanish(english), english).toBe(false);
  });

  it("answers Spanish in Spanish for every persona, without English words or an echoed phrase", async () => {
    const model = new OfflineChatModel();
    for (const persona of listPersonas()) {
      for (const message of ["hola", "mi hermana no me habla y estoy triste", "tengo examen de química mañana y tengo miedo"]) {
        const reply = (await model.invoke(prompt(persona, message))).text;
        expect(reply, `${persona.id}: ${message}`).not.toMatch(ENGLISH);
        expect(reply, `${persona.id}: ${message}`).toMatch(/[¿¡áéíóúñ]|\b(?:qué|cómo|estoy|aquí|eso)\b/i);
      }
    }
    expect((await model.invoke(prompt(getPersona("comfort"), "I have a math test tomorrow"))).text).toMatch(ENGLISH);
  });

  it("asks about a remembered event in Spanish when a Spanish-speaking teen comes back", async () => {
    const block = "Upcoming: examen de química on Fri 4 Dec (tomorrow)";
    const reply = (await new OfflineChatModel().invoke(prompt(getPersona("companion"), "hola, ya volví", block))).text;

    expect(reply).toMatch(/examen de química/);
    expect(reply).not.toMatch(ENGLISH);
  });
});
