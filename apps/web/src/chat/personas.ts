// The built-in personas, for a deployment whose HTTP API has no `GET /personas` yet (ids as the gateway knows them).
import type { PersonaSummary } from "../api/httpApi";

export const BUILT_IN_PERSONAS: readonly PersonaSummary[] = [
  { id: "companion", displayName: "Companion", tagline: "A friendly, supportive companion for whatever is on your mind.", custom: false },
  { id: "courage", displayName: "Courage", tagline: "Your encouraging coach for trying hard things.", custom: false },
  { id: "comfort", displayName: "Comfort", tagline: "A gentle, warm listener when things feel heavy.", custom: false },
  { id: "creative", displayName: "Creative", tagline: "A playful, imaginative partner for ideas, stories and art.", custom: false },
  { id: "compass", displayName: "Compass", tagline: "A thoughtful guide for decisions and what matters to you.", custom: false },
];

export const DEFAULT_PERSONA_ID = "companion";

export const personaName = (personas: readonly PersonaSummary[], id: string): string =>
  personas.find((p) => p.id === id)?.displayName ?? id.charAt(0).toUpperCase() + id.slice(1);
