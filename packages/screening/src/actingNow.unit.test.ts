// The words that, after a crisis earlier in the session, say the teen is leaving, saying goodbye or acting now.
import { describe, expect, it } from "vitest";
import { saysActingNow } from "./actingNow";
import { prepareText } from "./normalize";

const acting = (text: string) => saysActingNow(prepareText(text));

describe("saysActingNow", () => {
  it.each([
    "ok. it's time. goodnight",
    "leaving now",
    "heading out. don't text back",
    "bueno, ya me voy. chao",
    "ok i did it",
    "i just did it again",
    "ya lo hice otra vez",
    "can u tell me a story while i wait",
    "ok they're all asleep now",
    "i have enough now",
    "ya tengo suficientes",
    "i'm ready",
    "ya estoy lista",
    "gotta go",
    "bye 🕊️",
    "gn",
    "adiós",
    "ya voy saliendo para el puente",
    "nadie me va a detener",
    "can you tell me a nice story. last one",
  ])("%j is a sign-off, a departure or the act", (text) => {
    expect(acting(text)).toBe(true);
  });

  it.each([
    // Help sought and said in the same breath: the persona's check-in answers these.
    "ok i did it, i told my mom",
    "i did it. i called the hotline",
    "ya lo hice, le conté a mi mamá",
    "goodnight, i'm gonna talk to my counselor tomorrow",
    // Everyday talk that names none of it.
    "what should we do this weekend",
    "ok thanks",
    "i'm going to the game on friday",
    "me voy a dormir temprano hoy",
    "i have enough homework for a week",
    "did you see it",
    "the last time i went there it rained",
  ])("%j is not", (text) => {
    expect(acting(text)).toBe(false);
  });
});
