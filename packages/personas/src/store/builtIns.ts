// The five built-in personas as stored records, seeded into the personas table at start so every lookup takes one path.
import { isDeepStrictEqual } from "node:util";
import { listPersonas, type Persona } from "@innerworld/chat-model/personas";
import { BUILT_IN_OWNER, type PersonaRecord } from "./personaRecord";
import type { PersonaStore } from "./personaStore";

/** Topics each built-in is the natural one to answer in a group when nobody is addressed (see chooseResponders). */
const BUILT_IN_TOPICS: Readonly<Record<string, readonly string[]>> = {
  companion: ["day", "friends", "school", "family", "weekend"],
  courage: ["tryouts", "goals", "sports", "nervous", "scared", "challenge", "practice", "team"],
  comfort: ["sad", "lonely", "worried", "stressed", "upset", "crying", "tired", "hurt"],
  creative: ["art", "drawing", "music", "song", "story", "writing", "game", "idea", "project"],
  compass: ["decide", "decision", "choice", "choose", "should", "values", "future", "college"],
};

/** A fixed date: seeding twice writes the same record, so a restart changes nothing. */
const SEEDED_AT = "2026-01-01T00:00:00.000Z";

export function builtInRecord(persona: Persona): PersonaRecord {
  return {
    personaId: persona.id,
    ownerId: BUILT_IN_OWNER,
    builtIn: true,
    name: persona.displayName,
    description: persona.tagline,
    personality: persona.voice,
    speakingStyle: "",
    topics: [...(BUILT_IN_TOPICS[persona.id] ?? [])],
    avatar: { kind: "generated", seed: persona.id },
    model: { temperature: persona.model.temperature, maxTokens: persona.model.maxTokens },
    status: "ready",
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    prompt: { voice: persona.voice, boundaries: [...persona.boundaries], style: structuredClone(persona.style) },
  };
}

export const builtInRecords = (): PersonaRecord[] => listPersonas().map(builtInRecord);

/** A record as the store gives it back: JSON's shape, undefined fields left out (the store does not keep them). */
const asStored = (record: PersonaRecord): unknown => JSON.parse(JSON.stringify(record)) as unknown;

/**
 * Makes the stored built-ins what this code defines, run at every start (and by tests): one read of the built-ins,
 * then a write only of those missing or different, so a container start where nothing changed writes nothing.
 * Returns the ids it wrote.
 */
export async function seedBuiltInPersonas(store: PersonaStore): Promise<string[]> {
  // The owner index is eventually consistent: a stale answer costs one needless write, never a missing persona.
  const stored = new Map((await store.listByOwner(BUILT_IN_OWNER)).map((record) => [record.personaId, record]));
  const written: string[] = [];
  for (const record of builtInRecords()) {
    const current = stored.get(record.personaId);
    if (current && isDeepStrictEqual(asStored(current), asStored(record))) continue;
    await store.put(record);
    written.push(record.personaId);
  }
  return written;
}
