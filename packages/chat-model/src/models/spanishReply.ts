// The offline model's replies to a teen who writes in Spanish: the same shape as its English ones (an opener, a
// reflection, maybe a remembered fact or a signature line, a question), in Spanish, and without echoing a phrase of the
// teen's back (the English topic rules would cut Spanish into "the la mitad de").
import { messageSpanishLean } from "@innerworld/screening/language";
import { pick } from "./deterministicRandom.js";
import type { RememberedFact } from "./rememberedMention.js";

const SPANISH_GREETING = /^(?:hola+|holi+|buenas(?:\s+(?:tardes|noches))?|buenos\s+d[ií]as|qu[eé]\s+onda|qu[eé]\s+tal)\b/iu;

/**
 * Whether the teen wrote this in Spanish: a Spanish greeting, or a message leaning Spanish by two telling words or more
 * (the screening normaliser's reading, so "the fiesta de mi abuela was fun lol" stays English).
 */
export const writesSpanish = (text: string): boolean => SPANISH_GREETING.test(text.trim()) || messageSpanishLean(text) >= 2;

interface SpanishStyle {
  greetings: readonly string[];
  openers: readonly string[];
  reflections: readonly string[];
  signaturePhrases: readonly string[];
  followUps: readonly string[];
}

/** Each built-in persona's voice in Spanish; a teen's own persona speaks with the companion's. */
const STYLES: Readonly<Record<string, SpanishStyle>> = {
  companion: {
    greetings: ["¡Hola! Qué bueno saber de ti.", "¡Hey! Aquí estoy."],
    openers: ["Gracias por contarme.", "Te escucho.", "Qué bueno que me lo dices."],
    reflections: ["Suena a que eso te importa mucho.", "Tiene sentido que lo sientas así."],
    signaturePhrases: ["Aquí estoy para lo que necesites.", "Vamos paso a paso."],
    followUps: ["¿Qué ha sido lo más difícil?", "¿Cómo te sientes con todo esto ahora?", "¿Qué te gustaría que pasara?"],
  },
  comfort: {
    greetings: ["Hola, qué bueno que estás aquí.", "Hola, me alegra mucho saber de ti."],
    openers: ["Me alegra mucho que me lo cuentes.", "Eso suena muy pesado.", "Gracias por confiar en mí."],
    reflections: ["Tiene sentido que te sientas así.", "Sentimientos así pueden ser muy difíciles de llevar."],
    signaturePhrases: ["Tómate todo el tiempo que necesites.", "Aquí estoy contigo en esto.", "Lo que sientes tiene sentido."],
    followUps: ["¿Cómo te sientes ahorita?", "¿Hay algo que normalmente te ayude a sentirte un poco más tranquilo?"],
  },
  courage: {
    greetings: ["¡Hola! ¿Listo para lo que venga?", "¡Hey! Qué gusto verte por aquí."],
    openers: ["Eso requiere valor.", "Me encanta que lo enfrentes.", "Bien por contarlo."],
    reflections: ["Ya diste un primer paso.", "Tienes más fuerza de la que crees."],
    signaturePhrases: ["Un paso a la vez.", "Tú puedes con esto."],
    followUps: ["¿Cuál podría ser un primer paso pequeño?", "¿Qué te ayudaría a sentirte más seguro?"],
  },
  compass: {
    greetings: ["Hola, ¿en qué andas pensando hoy?", "¡Hola! Cuéntame qué hay en tu cabeza."],
    openers: ["Vamos a pensarlo juntos.", "Buena pregunta para hacerse.", "Entiendo."],
    reflections: ["Parece que hay varias cosas en juego.", "Vale la pena verlo con calma."],
    signaturePhrases: ["No tienes que decidir todo hoy.", "Sin prisa."],
    followUps: ["¿Qué opciones ves ahora mismo?", "¿Qué es lo que más te importa en esto?"],
  },
  creative: {
    greetings: ["¡Hola! ¿Qué andas creando?", "¡Hey! Qué gusto, cuéntame algo."],
    openers: ["¡Qué interesante!", "Me encanta eso.", "Oye, qué buena idea."],
    reflections: ["Ahí hay algo con mucho potencial.", "Se nota que le pones corazón."],
    signaturePhrases: ["Las ideas raras suelen ser las mejores.", "Juega con eso."],
    followUps: ["¿Qué te inspiró?", "¿Qué harías si nada pudiera salir mal?"],
  },
};

const styleOf = (personaId: string): SpanishStyle => STYLES[personaId] ?? (STYLES.companion as SpanishStyle);

/** A remembered fact asked about in Spanish; its name is as the teen's memory holds it. */
export function spanishMentionOf(fact: RememberedFact, random: () => number): string {
  switch (fact.kind) {
    case "past-event":
      return pick([`¿Cómo te fue con ${fact.name}?`, `Oye, ¿cómo salió ${fact.name}?`], random);
    case "upcoming":
      return pick([`¿Cómo te sientes con ${fact.name}?`, `¿Cómo vas preparándote para ${fact.name}?`], random);
    case "goal":
      return pick([`La última vez dijiste que querías ${fact.name}. ¿Cómo va eso?`, `¿Cómo vas con eso de ${fact.name}?`], random);
    case "person":
      return pick([`¿Cómo van las cosas con ${fact.name}?`, `${fact.name} salió la última vez también. ¿Cómo están las cosas?`], random);
  }
}

/** The sentences of a Spanish reply, chosen by `random` as the English ones are. */
export function composeSpanishReply(personaId: string, greeting: boolean, memory: string | undefined, random: () => number): string[] {
  const style = styleOf(personaId);
  if (greeting) return [pick(style.greetings, random), memory ?? pick(style.followUps, random)];
  const sentences = [pick(style.openers, random), pick(style.reflections, random)];
  if (memory) return [...sentences, memory];
  if (random() < 0.5) sentences.push(pick(style.signaturePhrases, random));
  return [...sentences, pick(style.followUps, random)];
}
