// The notifier's part of the persona saga: tells every open connection of the owner that their persona is ready.
import { serverFrame, type ConsumedEvent } from "@innerworld/events";
import type { ConnectionPusher } from "@innerworld/platform/delivery";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";

export interface PersonaReadyPorts {
  /** The user's open connections; none is fine: the persona is there the next time they look. */
  connectionsOf(userId: string): Promise<readonly string[]>;
  personas: PersonaStore;
  pusher: ConnectionPusher;
  clock: Clock;
}

export const createPersonaReadyNotifier = (ports: PersonaReadyPorts) => {
  const tell = async (ownerId: string, personaId: string, surveyId: string, portrait: boolean) => {
    const persona = await ports.personas.get(personaId);
    // Erased before it was ready (the owner deleted it or themselves): there is no one to tell about it.
    if (!persona || persona.ownerId !== ownerId) return;
    // Storage settles the persona ready from the same event, on its own queue: the teen who taps the persona the moment
    // they hear must not find it still drawing, so it is settled here too before they hear (the same write; either
    // may come first).
    if (persona.status !== "ready") await ports.personas.update(personaId, { status: "ready" }, new Date(ports.clock()));
    const frame = serverFrame("persona_ready", { personaId, surveyId, name: persona.name, portrait });
    for (const connectionId of await ports.connectionsOf(ownerId)) await ports.pusher.push(connectionId, frame).catch(() => "gone");
  };

  return {
    async personaPortraitReady({ envelope }: ConsumedEvent<"PersonaPortraitReady">) {
      await tell(envelope.metadata.userId, envelope.data.personaId, envelope.data.surveyId, true);
    },
    /** A portrait that could not be drawn still leaves a persona to chat with. */
    async portraitFailed({ envelope }: ConsumedEvent<"StepFailed">) {
      const { data, metadata } = envelope;
      if (data.step === "portrait" && data.personaId && data.surveyId) await tell(metadata.userId, data.personaId, data.surveyId, false);
    },
  };
};
