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
    "i'm ready",
    "gotta go",
    "bye 🕊️",
    "gn",
    "adiós",
    "ya voy saliendo para el puente",
    "nadie me va a detener",
    "can you tell me a nice story. last one",
    "see you on the other side",
    "ok here goes",
    "just took em",
    "no turning back now",
    "i'm outside now",
    "gtg",
    "ok night",
    "ttyl",
    "wish me luck",
    "ya se durmieron todos",
    "hasta luego",
    "nos vemos",
    "ok im leaving now. i called him one last time",
    "gn. ask my sister to feed the cat",
    "thank you for everything. goodbye",
    "see ya",
  ])("%j is a sign-off, a departure or the act", (text) => {
    expect(acting(text)).toBe(true);
  });

  // Help sought, safety, calm, tomorrow or good news said in the same breath: the persona's check-in answers these.
  it.each([
    "ok going to the hospital, bye",
    "im on my way to the ER with my dad",
    "i'm on my way to the nurse's office",
    "my dad is taking me to the hospital, gotta go",
    "ok i'm at the ER now, bye",
    "ok i did it. i'm at the hospital",
    "goodnight. i feel a little better",
    "ok im calming down. goodnight",
    "ok gn, talk tomorrow",
    "ok i put them back in the bottle. goodnight",
    "i did it. my mom is sitting with me now",
    "ok im leaving. going downstairs to my dad",
    "ok i'm ready. what do i say when they pick up",
    "ya estoy más tranquila, buenas noches",
    "buenas noches, mañana hablo con la psicóloga",
    "i did it!! i passed my driving test",
    "it's time for dinner, my mom is calling",
    "while i wait for my mom to pick me up",
    "i'm on my way to my grandma's",
  ])("%j says help, safety or tomorrow, so it is not", (text) => {
    expect(acting(text)).toBe(false);
  });

  // Not the writer's act, not at the end of the clause, negated, taken back, or everyday talk naming none of it.
  it.each([
    "who did it",
    "have you done it yet",
    "the last one was better",
    "i promise i'm not going to do it tonight",
    "i haven't done it",
    "no me voy, me quedo aquí",
    "i'm not leaving",
    "haha no not like that. ok gn",
    "lol no i meant i was mean to her. jk anyway gotta go",
    "what should we do this weekend",
    "i'm going to the game on friday",
    "me voy a dormir temprano hoy",
  ])("%j is not", (text) => {
    expect(acting(text)).toBe(false);
  });
});
