// Routines told in Spanish, read by the whole offline extractor (rules, both taggers, the steps after them).
import { describe, expect, it } from "vitest";
import { createOfflineExtractor } from "./offlineExtractor.js";
import { REFERENCE_DATE, userSays } from "./transcriptFactory.js";

const extractor = createOfflineExtractor();
const habitsIn = async (text: string) => {
  const extraction = await extractor.extract(userSays(text), { referenceDate: REFERENCE_DATE });
  return extraction.entities.filter((entity) => entity.type === "Habit").map((entity) => ({ name: entity.name, frequency: entity.attributes.frequency }));
};

describe("habits told in Spanish", () => {
  it.each([
    ["toco el piano en la iglesia los domingos", "tocar el piano en la iglesia los domingos", "los domingos"],
    ["los martes ayudo a mi abuelo en la finca", "ayudar a mi abuelo en la finca los martes", "los martes"],
    ["todos los días después de clases cuido a mi hermanita hasta que llega mi mamá", "cuidar a mi hermanita todos los días después de clases", "todos los días después de clases"],
    ["estoy trabajando en una panadería los fines de semana", "trabajar en una panadería los fines de semana", "los fines de semana"],
    ["mi prima y yo jugamos voleibol en la playa cada sábado", "jugar voleibol en la playa cada sábado", "cada sábado"],
    ["los jueves la acompaño al mercado", "acompañar al mercado los jueves", "los jueves"],
    ["cada vez que me estreso me pongo a dibujar", "dibujar cada vez que me estreso", "cada vez que me estreso"],
    ["entreno tres veces por semana con el equipo", "entrenar tres veces por semana", "tres veces por semana"],
    // The sentence after the verb is not what is done.
    ["mi tía vende tamales y los sábados la ayudo. quiero abrir mi propio negocio", "ayudar los sábados", "los sábados"],
  ])("%s → %s", async (text, name, frequency) => {
    // Act
    const habits = await habitsIn(text);

    // Assess
    expect(habits).toContainEqual({ name, frequency });
  });

  it.each([
    // Somebody else's routine: the dad's, told with his verb.
    "mi papá sigue fumando todos los días",
    "mi hermano juega fortnite todas las noches",
    // "trabajo" after "mi" is the job, not "I work".
    "mi trabajo los sábados es súper aburrido",
    // A schedule with no verb of the teen's.
    "los domingos son para descansar",
  ])("finds no habit of the teen's in %s", async (text) => {
    // Act
    const habits = await habitsIn(text);

    // Assess
    expect(habits).toEqual([]);
  });
});
