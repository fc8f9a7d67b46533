// The messages the LLM extractor sends: instructions with the reference date, then the teen's own messages and nothing else.
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { EDGE_LABELS } from "../graph/model.js";
import { RECORD_USER_GRAPH } from "./extractionSchema.js";
import { dayIn } from "./dayIn.js";
import type { TranscriptMessage } from "./types.js";

/** When a message was sent, as the teen's own clock read it: "Wednesday 2026-11-18 23:30"; the reference date without a usable time. */
function sentWhere(createdAt: string, referenceDate: Date, timeZone: string): string {
  const sent = new Date(createdAt);
  const at = Number.isNaN(sent.getTime()) ? referenceDate : sent;
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long" }).format(at);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${weekday} ${dayIn(at, timeZone)} ${time}`;
}

export function buildExtractionPrompt(messages: readonly TranscriptMessage[], referenceDate: Date, timeZone: string): BaseMessage[] {
  const today = dayIn(referenceDate, timeZone);
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long" }).format(referenceDate);
  const system = [
    `You keep a teenager's personal knowledge graph for a companion app. Call ${RECORD_USER_GRAPH} with what the teen told about their life.`,
    "You are given only the teen's own messages. Extract only what the teen said about themself and their world; never invent, never add advice.",
    `Today is ${weekday} ${today}. Each message carries the weekday, day and time the teen sent it, where they live. Resolve every relative date ("tomorrow", "on Friday", "next week", "in two days") against the day its own message was sent (a "tomorrow" sent late on Wednesday is Thursday, whenever the session ended) and write it as an ISO date (YYYY-MM-DD) in the relation's time.`,
    "Entity types: Person, Place, Thing, Topic, Event, Activity, Goal, Feeling, Value, Habit.",
    `Relation types: ${EDGE_LABELS.join(", ")}. Use "user" for the teen.`,
    "Conventions: user -mentions-> a Person, Place, Topic or Thing; user -relates_to-> a friend; user -involves-> an Activity or Habit; user -supports-> a Goal or Value; a Goal -about-> what it is about; user -felt_during-> a Feeling; a Feeling -about-> its cause; user -temporal-> an Event with its date in time.",
    'Name family members by role in lower case ("mom" for mom, mum, mother; "dad", "sister", "grandma") with the attribute relation (parent, sibling, grandparent). Name school subjects without "class" ("math").',
    'When the teen says something stopped ("I quit soccer", "Jordan and I aren\'t friends anymore", "I\'m not on the team anymore"), give the relation the fact had, with ended: true.',
    "Small talk with nothing about the teen's life gives empty lists.",
  ].join("\n");
  const transcript = messages.map((message) => `[${sentWhere(message.createdAt, referenceDate, timeZone)}] ${message.content.trim()}`).join("\n");
  return [new SystemMessage(system), new HumanMessage(`The teen's messages, oldest first:\n${transcript}`)];
}
