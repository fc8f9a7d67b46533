// A Spanish goal a tagger cut short on an article or a preposition is carried through what it is about, and no further.
import { describe, expect, it } from "vitest";
import { completeSpanishGoals } from "./completeSpanishGoals.js";
import { MessageFindings } from "./MessageFindings.js";
import { readMessage } from "./readMessage.js";
import { REFERENCE_DATE } from "./transcriptFactory.js";

/** The message read as the extractor reads it, with a goal from where `goalWords` start to their end, completed. */
const completed = (text: string, goalWords: string) => {
  const found = new MessageFindings(readMessage(text, { referenceDate: REFERENCE_DATE, timeZone: "UTC", sentAt: REFERENCE_DATE.toISOString() }));
  const start = found.message.text.indexOf(goalWords);
  const goal = found.add({ type: "Goal", name: goalWords, start, end: start + goalWords.length, userEdges: [{ type: "supports" }] });
  completeSpanishGoals(found);
  return goal.name;
};

describe("completeSpanishGoals", () => {
  it.each([
    // To the end of the clause, or to a comma.
    ["mi meta es sacar buenas notas para entrar a la prepa que quiero", "entrar a", "entrar a la prepa que quiero"],
    ["mi sueño es jugar en la liga de béisbol de la república, so i train every morning", "jugar en la", "jugar en la liga de béisbol de la república"],
    // Once the thing is named, its place is its setting, and a comparison is who inspired it.
    ["mi sueño es tener mi propio salón de belleza en la colonia, como mi madrina", "tener mi propio", "tener mi propio salón de belleza"],
    ["quiero abrir una panadería como la de mi abuela", "abrir una", "abrir una panadería"],
    // Not past a word that opens another clause.
    ["quiero comprar un carro pero no tengo dinero", "comprar un", "comprar un carro"],
    ["quiero ser la primera de mi familia que termina la uni en la ciudad", "ser la", "ser la primera de mi familia que termina la uni"],
    // Not into English, a time, or who it is done with; cut back from a word it cannot end on before a date.
    ["mi sueño es jugar en la liga with my best friend someday", "jugar en la", "jugar en la liga"],
    ["quiero entrar a la universidad de los andes el próximo año", "entrar a la universidad de los", "entrar a la universidad de los andes"],
    ["quiero aprender a tocar la guitarra con mi tío", "aprender a tocar la guitarra con", "aprender a tocar la guitarra"],
    ["quiero ir a la fiesta del sábado con mis amigas", "ir a la fiesta del", "ir a la fiesta"],
  ])("%j: %j becomes %j", (text, goalWords, expected) => {
    expect(completed(text, goalWords)).toBe(expected);
  });

  it.each([
    // Nothing after it in its clause, or only more words it cannot end on.
    ["quiero entrar a. no sé", "entrar a"],
    ["quiero ir a la", "ir a la"],
    // A goal that does not end dangling is left as the tagger found it.
    ["quiero sacar buenas notas en la escuela", "sacar buenas notas"],
    // An English message is the English completion's to read.
    ["i want to get a job at the mall", "get a job at"],
    // Past the longest completion, not cut at an arbitrary word.
    ["quiero ser la primera persona de toda mi familia grande que termina la universidad pública estatal", "ser la"],
  ])("%j: %j stays as it is", (text, goalWords) => {
    expect(completed(text, goalWords)).toBe(goalWords);
  });
});
