// "A day of traffic": several teens, several sessions each, through the real gateway; every session ended so its transcript flows.
import type { LocalEndpoints } from "@innerworld/local";
import { ChatClient } from "@innerworld/testing/chat-client";

export interface PlannedSession {
  personaId: string;
  lines: string[];
}

/** What four teens said over a day, in their words. Names, places, plans and feelings give the extractor something to find. */
export const A_DAY_OF_TRAFFIC: Record<string, PlannedSession[]> = {
  "teen-maya": [
    { personaId: "companion", lines: ["hey so my friend Priya and I are doing a science fair project on bees", "we're meeting at the library after school tomorrow"] },
    { personaId: "compass", lines: ["I really want to get into the robotics club this year", "my mom says I need to keep my grades up first"] },
    { personaId: "comfort", lines: ["ugh I'm so stressed about the history test on Thursday"] },
  ],
  "teen-leo": [
    { personaId: "courage", lines: ["I started learning guitar last month, my uncle gave me his old one", "I want to play at the school talent show"] },
    { personaId: "companion", lines: ["me and Sam went skateboarding at the park today", "I fell like five times lol but it was fun"] },
  ],
  "teen-zoe": [
    { personaId: "creative", lines: ["I'm writing a comic about a cat who lives on the moon", "my little brother Max keeps asking to read it"] },
    { personaId: "comfort", lines: ["I had a fight with my best friend Lily today", "she said I never listen to her and now I feel awful"] },
    { personaId: "companion", lines: ["Lily and I talked it out at lunch, we're okay now"] },
  ],
  "teen-omar": [
    { personaId: "compass", lines: ["I'm trying to save up for a new bike", "I walk dogs for my neighbors on weekends to earn money"] },
    { personaId: "courage", lines: ["I have a swim meet on Saturday and I'm nervous about the 100m freestyle"] },
  ],
};

export interface TrafficResult {
  /** One connected client per teen, still open: they keep listening after the day is over. */
  clients: Map<string, ChatClient>;
  sessions: { userId: string; sessionId: string; messageIds: string[] }[];
}

/** Runs one teen's sessions one after another on one connection: start, say each line and wait for the reply, end. */
const liveADay = async (client: ChatClient, userId: string, plan: readonly PlannedSession[]): Promise<TrafficResult["sessions"]> => {
  const sessions: TrafficResult["sessions"] = [];
  for (const session of plan) {
    const started = await client.request("start_session", { personaId: session.personaId }, "session_started");
    const sessionId = started.payload.sessionId as string;
    const messageIds: string[] = [];
    for (const content of session.lines) {
      const ack = await client.request("message", { sessionId, content }, "message_received");
      const messageId = ack.payload.messageId as string;
      messageIds.push(messageId);
      await client.waitFor("reply", (p) => p.messageId === messageId, 20_000);
    }
    await client.request("end_session", { sessionId }, "session_ended", (p) => p.sessionId === sessionId);
    sessions.push({ userId, sessionId, messageIds });
  }
  return sessions;
};

/** The teens talk at the same time, as they would; each keeps its connection open afterwards. */
export const driveADayOfTraffic = async (endpoints: LocalEndpoints, plan: Record<string, PlannedSession[]> = A_DAY_OF_TRAFFIC): Promise<TrafficResult> => {
  const clients = new Map<string, ChatClient>();
  for (const userId of Object.keys(plan)) clients.set(userId, await ChatClient.connect(endpoints, userId));
  const perUser = await Promise.all(Object.entries(plan).map(([userId, sessions]) => liveADay(clients.get(userId)!, userId, sessions)));
  return { clients, sessions: perUser.flat() };
};
