// The zod schema the LLM extractor asks a model to fill: strict-structured-output safe (every field required, optional ones nullable).
import { z } from "zod";
import { EDGE_LABELS } from "../graph/model.js";

/** The tool / response-format name the model sees; the prompt refers to it. */
export const RECORD_USER_GRAPH = "record_user_graph";

const ENTITY_TYPES_TEXT = "Person, Place, Thing, Topic, Event, Activity, Goal, Feeling, Value, Habit";

/**
 * Shaped for OpenAI strict mode, which @langchain/openai turns on for `jsonSchema`: every property is
 * required, so a field that may be absent is `.nullable()` (an `.optional()` field is refused before
 * the request is sent), and attributes are key/value pairs because strict mode refuses open maps
 * (`z.record`). Types are plain strings, not enums: an answer with one odd type ("Emotion") is coerced
 * or that entity dropped in normaliseExtraction, instead of failing the whole answer.
 */
export const RecordUserGraphSchema = z
  .object({
    entities: z
      .array(
        z.object({
          type: z.string().describe(`One of: ${ENTITY_TYPES_TEXT}.`),
          name: z.string().describe('The name as the teen uses it, e.g. "Jordan", "mom", "varsity soccer team", "math test".'),
          aliases: z.array(z.string()).nullable().describe("Other names the teen used for the same entity, or null."),
          attributes: z
            .array(z.object({ key: z.string(), value: z.string() }))
            .nullable()
            .describe('Facts about the entity, e.g. {"key":"relation","value":"friend"} or {"key":"date","value":"2026-11-20"}, or null.'),
        }),
      )
      .describe("Everything the teen talked about: people, places, things, topics, events, activities, goals, feelings, values, habits."),
    relations: z
      .array(
        z.object({
          type: z.string().describe(`One of: ${EDGE_LABELS.join(", ")}.`),
          from: z.string().describe('An entity name, or "user" for the teen.'),
          to: z.string().describe('An entity name, or "user" for the teen.'),
          time: z.string().nullable().describe("ISO date (YYYY-MM-DD) the fact holds from or the event happens on, or null."),
          ended: z.boolean().nullable().describe("true when the teen says this is no longer true (quit, not friends anymore); else null."),
        }),
      )
      .describe("How the entities relate to the teen and to each other."),
  })
  .describe("Records what the teen said about their life in their personal knowledge graph.");

export type RecordUserGraph = z.infer<typeof RecordUserGraphSchema>;
