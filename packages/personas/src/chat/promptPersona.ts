// Turns a stored persona into what the prompt builder and the offline model take: operator text as is, user text as a description.
import { getPersona, DEFAULT_PERSONA_ID, type Persona } from "@innerworld/chat-model/personas";
import type { PersonaRecord } from "../store/personaRecord";

/** The offline model needs phrases to build replies from; a persona someone made borrows the default companion's. */
const BORROWED_STYLE = getPersona(DEFAULT_PERSONA_ID).style;

/** The persona's profile as one description: the prompt builder fences it, so none of it acts as an instruction. */
export function describePersona(record: PersonaRecord): string {
  return [
    record.description && `About: ${record.description}`,
    record.personality && `Personality: ${record.personality}`,
    record.speakingStyle && `Speaking style: ${record.speakingStyle}`,
    record.topics.length > 0 && `Likes to talk about: ${record.topics.join(", ")}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join("\n");
}

export function toPromptPersona(record: PersonaRecord): Persona {
  const model = { temperature: record.model.temperature, maxTokens: record.model.maxTokens, ...(record.model.model ? { model: record.model.model } : {}) };
  if (record.prompt) {
    return {
      id: record.personaId,
      displayName: record.name,
      tagline: record.description,
      authoredBy: "operator",
      voice: record.prompt.voice,
      boundaries: record.prompt.boundaries,
      style: record.prompt.style,
      model,
    };
  }
  return {
    id: record.personaId,
    displayName: record.name,
    tagline: record.description,
    authoredBy: "user",
    voice: describePersona(record) || `${record.name} is a friendly AI companion.`,
    boundaries: [],
    style: BORROWED_STYLE,
    model,
  };
}
