// The stored persona: one shape for the built-ins and for personas people make, in the personas table.
import { PersonaStyleSchema } from "@innerworld/chat-model/personas";
import { z } from "zod";

/** Built-ins are owned by no user; they live in the same table under this owner, so one query lists them. */
export const BUILT_IN_OWNER = "builtin";

/**
 * Where a persona is in its life. A persona made over the HTTP API is `ready` at once; one made from a survey goes
 * `collecting → synthesizing → drawing → ready | failed` (a failed portrait still leaves a usable persona).
 */
export const PERSONA_STATUSES = ["collecting", "synthesizing", "drawing", "ready", "failed"] as const;
export type PersonaStatus = (typeof PERSONA_STATUSES)[number];
/** Statuses in which a persona can hold a conversation. */
export const CHATTABLE_STATUSES: readonly PersonaStatus[] = ["ready", "failed"];

const PersonaAvatarSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("url"), url: z.string().url() }),
  /** Drawn by the client (or the portrait service) from the seed: deterministic, nothing to host. */
  z.object({ kind: z.literal("generated"), seed: z.string().min(1) }),
]);

const StoredModelSettingsSchema = z.object({
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(16).max(2048),
});

export const PersonaRecordSchema = z.object({
  personaId: z.string().min(1),
  ownerId: z.string().min(1),
  builtIn: z.boolean(),
  name: z.string().min(1),
  description: z.string(),
  personality: z.string(),
  speakingStyle: z.string(),
  topics: z.array(z.string()),
  avatar: PersonaAvatarSchema,
  model: StoredModelSettingsSchema,
  status: z.enum(PERSONA_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Operator-written prompt parts, built-ins only: trusted instructions rather than a user's description. */
  prompt: z
    .object({ voice: z.string().min(1), boundaries: z.array(z.string()), style: PersonaStyleSchema })
    .optional(),
});
export type PersonaRecord = z.infer<typeof PersonaRecordSchema>;

/** The fields a persona's owner (or a saga acting for them) may change. */
export type EditablePersonaFields = Pick<PersonaRecord, "name" | "description" | "personality" | "speakingStyle" | "topics" | "avatar" | "model">;

export const DEFAULT_MODEL_SETTINGS = { temperature: 0.7, maxTokens: 220 } as const;

/**
 * A new record owned by a user. `status` defaults to `ready`; a saga that fills the persona in over time (a survey)
 * starts it at `collecting` with whatever it has, and updates it as it goes.
 */
export function newPersonaRecord(input: {
  personaId: string;
  ownerId: string;
  now: Date;
  fields: Partial<EditablePersonaFields> & { name: string };
  status?: PersonaStatus;
}): PersonaRecord {
  const at = input.now.toISOString();
  const { fields } = input;
  return {
    personaId: input.personaId,
    ownerId: input.ownerId,
    builtIn: false,
    name: fields.name,
    description: fields.description ?? "",
    personality: fields.personality ?? "",
    speakingStyle: fields.speakingStyle ?? "",
    topics: fields.topics ?? [],
    avatar: fields.avatar ?? { kind: "generated", seed: input.personaId },
    model: fields.model ?? { ...DEFAULT_MODEL_SETTINGS },
    status: input.status ?? "ready",
    createdAt: at,
    updatedAt: at,
  };
}

/** What clients see (the HTTP API, events): the record without the operator's prompt internals. */
export function personaView(record: PersonaRecord) {
  return {
    id: record.personaId,
    name: record.name,
    description: record.description,
    personality: record.personality,
    speakingStyle: record.speakingStyle,
    topics: record.topics,
    avatar: record.avatar,
    model: record.model,
    builtIn: record.builtIn,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
