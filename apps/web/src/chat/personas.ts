// The built-in personas, for a deployment whose HTTP API has no `GET /personas` yet (ids as the gateway knows them).
import type { PersonaSummary } from "../api/httpApi";
import type { MessageKey, Say } from "../language/messages";

export const BUILT_IN_PERSONAS: readonly PersonaSummary[] = [
  { id: "companion", displayName: "Companion", tagline: "A friendly, supportive companion for whatever is on your mind.", custom: false },
  { id: "courage", displayName: "Courage", tagline: "Your encouraging coach for trying hard things.", custom: false },
  { id: "comfort", displayName: "Comfort", tagline: "A gentle, warm listener when things feel heavy.", custom: false },
  { id: "creative", displayName: "Creative", tagline: "A playful, imaginative partner for ideas, stories and art.", custom: false },
  { id: "compass", displayName: "Compass", tagline: "A thoughtful guide for decisions and what matters to you.", custom: false },
];

export const DEFAULT_PERSONA_ID = "companion";

/**
 * The statuses the gateway starts a chat with (its CHATTABLE_STATUSES): `ready`, and `failed`, which only a portrait
 * reaches and which leaves a usable persona without a picture. Any other is refused with PERSONA_NOT_READY.
 */
const CHATTABLE_STATUSES: readonly string[] = ["ready", "failed"];

/** Why a persona cannot be chatted with yet, in a teen's words, by its status; undefined when a start would be taken. */
const NOT_READY_WORDS: Partial<Record<string, MessageKey>> = {
  collecting: "notReadyCollecting",
  synthesizing: "notReadySynthesizing",
  drawing: "notReadyDrawing",
};

/** Undefined when `persona` can start a chat (built-ins carry no status); otherwise why not, for the picker to say. */
export const notChattableBecause = (say: Say, persona: PersonaSummary): string | undefined =>
  persona.status === undefined || CHATTABLE_STATUSES.includes(persona.status) ? undefined : say(NOT_READY_WORDS[persona.status] ?? "notReady");

/**
 * The personas the picker offers: the API's list with the built-ins it does not name after it, or the built-ins alone
 * when the API lists none.
 */
export const pickerPersonas = (listed: readonly PersonaSummary[]): PersonaSummary[] => [...listed, ...BUILT_IN_PERSONAS.filter((b) => !listed.some((p) => p.id === b.id))];

export const personaName = (personas: readonly PersonaSummary[], id: string): string =>
  personas.find((p) => p.id === id)?.displayName ?? id.charAt(0).toUpperCase() + id.slice(1);

/** A group's names as a sentence says them: "Courage", "Courage and Comfort", "Courage, Comfort and Compass". */
export const namesTogether = (say: Say, names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? "") : say("namesTogether", { first: names.slice(0, -1).join(", "), last: names.at(-1) ?? "" });

/** Who a session is with, in its order: the names the server gave it, else the picker's names for its persona ids. */
export const sessionPersonaNames = (
  personas: readonly PersonaSummary[],
  session: { personaId: string; personaIds?: readonly string[]; personas?: readonly { personaId: string; name: string }[] },
): Map<string, string> =>
  new Map((session.personaIds ?? [session.personaId]).map((id) => [id, session.personas?.find((p) => p.personaId === id)?.name ?? personaName(personas, id)]));
