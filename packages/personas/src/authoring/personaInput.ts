// What a person may send to create or replace a persona, with the limits the HTTP API promises, as field-and-reason errors.
import { z } from "zod";
import type { EditablePersonaFields } from "../store/personaRecord";
import { DEFAULT_MODEL_SETTINGS } from "../store/personaRecord";
import { foldText } from "@innerworld/screening/fold";
import { builtInRecords } from "../store/builtIns";

export const PERSONA_LIMITS = {
  nameChars: 60,
  textChars: 2000,
  topics: 10,
  topicChars: 60,
  avatarUrlChars: 2048,
  minTemperature: 0,
  maxTemperature: 1.5,
  minMaxTokens: 16,
  maxMaxTokens: 1000,
  personasPerUser: 20,
} as const;

export interface FieldError {
  /** Dotted path of the field, e.g. `model.temperature` or `topics.3`. */
  field: string;
  reason: string;
}

/** Characters as a person counts them: an emoji is one, not the two UTF-16 units JavaScript's length counts. */
const characters = (value: string) => [...value].length;
const atMost = (limit: number) => [(value: string) => characters(value) <= limit, `at most ${limit} characters`] as const;

const text = z.string().refine(...atMost(PERSONA_LIMITS.textChars));

/** A name someone can read: a letter or a digit in it, and nothing that is not text (control characters). */
const readable = (value: string) => /[\p{L}\p{N}]/u.test(value) && !/\p{Cc}/u.test(value);

/** Characters that reorder the text around them: a name shown in every reply and list must read as it is stored. */
const REORDERING = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * A name as a reader sees it: look-alike letters (Cyrillic "о", fullwidth "Ｃ") read as Latin, invisible characters,
 * case, accents, spaces and punctuation gone, so "Cоmfort", "Com\u200bfort" and "com-fort" are all Comfort.
 */
const nameAsRead = (name: string) => foldText(name).replace(/[^\p{L}\p{N}]+/gu, "");

/** The built-ins' names, which a person's own persona may not take, however it is spelt. */
const BUILT_IN_NAMES: ReadonlySet<string> = new Set(builtInRecords().map((record) => nameAsRead(record.name)));

/**
 * Why a name cannot be a persona's own, beyond the persona screen's rules: it is a built-in's ("@Comfort" in a group
 * could no longer tell them apart). Undefined when it can. The name a survey gives its persona is held to it too.
 */
export const personaNameProblem = (name: string): string | undefined => {
  const trimmed = name.trim();
  if (!readable(trimmed)) return "must have a letter or a digit, and no control characters";
  if (characters(trimmed) > PERSONA_LIMITS.nameChars) return `at most ${PERSONA_LIMITS.nameChars} characters`;
  if (REORDERING.test(trimmed)) return "must not contain characters that reorder the text around them";
  if (BUILT_IN_NAMES.has(nameAsRead(trimmed))) return "is a built-in persona's name";
  return undefined;
};

/** A picture's URL that carries no user name or password, which would be shown to everyone who sees the persona. */
const withoutCredentials = (value: string) => {
  try {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  } catch {
    return true;
  }
};

const inputSchema = (allowedModels: readonly string[]) =>
  z
    .object({
      name: z
        .string({ required_error: "required" })
        .trim()
        .min(1, "must not be empty")
        .refine(...atMost(PERSONA_LIMITS.nameChars))
        .refine(readable, "must have a letter or a digit, and no control characters"),
      description: text.default(""),
      personality: text.default(""),
      speakingStyle: text.default(""),
      topics: z
        .array(z.string().trim().min(1, "must not be empty").refine(...atMost(PERSONA_LIMITS.topicChars)))
        .max(PERSONA_LIMITS.topics, `at most ${PERSONA_LIMITS.topics} topics`)
        .default([]),
      /** An https URL of a picture; absent or null: a generated avatar. */
      avatar: z
        .string()
        .max(PERSONA_LIMITS.avatarUrlChars, `at most ${PERSONA_LIMITS.avatarUrlChars} characters`)
        .url("must be a URL")
        .refine((url) => url.startsWith("https://"), "must be an https URL")
        .refine(withoutCredentials, "must not carry a user name or password")
        .nullish(),
      model: z
        .object({
          model: z
            .string()
            .refine((name) => allowedModels.includes(name), {
              message: allowedModels.length > 0 ? `must be one of: ${allowedModels.join(", ")}` : "no model may be chosen on this deployment",
            })
            .optional(),
          temperature: z
            .number({ invalid_type_error: "must be a number" })
            .min(PERSONA_LIMITS.minTemperature, `must be from ${PERSONA_LIMITS.minTemperature} to ${PERSONA_LIMITS.maxTemperature}`)
            .max(PERSONA_LIMITS.maxTemperature, `must be from ${PERSONA_LIMITS.minTemperature} to ${PERSONA_LIMITS.maxTemperature}`)
            .default(DEFAULT_MODEL_SETTINGS.temperature),
          maxTokens: z
            .number({ invalid_type_error: "must be a number" })
            .int("must be a whole number")
            .min(PERSONA_LIMITS.minMaxTokens, `must be from ${PERSONA_LIMITS.minMaxTokens} to ${PERSONA_LIMITS.maxMaxTokens}`)
            .max(PERSONA_LIMITS.maxMaxTokens, `must be from ${PERSONA_LIMITS.minMaxTokens} to ${PERSONA_LIMITS.maxMaxTokens}`)
            .default(DEFAULT_MODEL_SETTINGS.maxTokens),
        })
        .strict()
        .default({}),
    })
    .strict();

export type PersonaInputResult = { ok: true; fields: Omit<EditablePersonaFields, "avatar"> & { avatarUrl?: string } } | { ok: false; errors: FieldError[] };

/**
 * Parses a create or replace body (the same shape: a replace sets every editable field). Unknown fields are refused
 * rather than ignored, so a typo ("temprature") is an error the client sees, not a setting silently lost.
 */
export function parsePersonaInput(body: unknown, allowedModels: readonly string[]): PersonaInputResult {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return { ok: false, errors: [{ field: "(body)", reason: "must be a JSON object" }] };
  const result = inputSchema(allowedModels).safeParse(body);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((issue) => ({
        field: issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys].join(".") : issue.path.join(".") || "(body)",
        reason: issue.code === "unrecognized_keys" ? "is not a persona field" : issue.code === "invalid_type" && issue.received === "undefined" ? "required" : issue.message,
      })),
    };
  }
  const { avatar, model, ...rest } = result.data;
  return {
    ok: true,
    fields: {
      ...rest,
      model: { temperature: model.temperature, maxTokens: model.maxTokens, ...(model.model ? { model: model.model } : {}) },
      ...(avatar ? { avatarUrl: avatar } : {}),
    },
  };
}
