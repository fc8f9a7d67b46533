// The notifier's part of the persona saga: tells every open connection of the owner that their persona is ready.
import { serverFrame, type ConsumedEvent } from "@innerworld/events";
import type { ConnectionPusher } from "@innerworld/platform/delivery";
import type { PersonaStore } from "@innerworld/personas/store";

export interface PersonaReadyPorts {
  /** The user's open connections; none is fine: the persona is there the next time they look. */
  connectionsOf(userId: string): Promise<readonly string[]>;
  personas: PersonaStore;
  pusher: ConnectionPusher;
}

export const createPersonaReadyNotifier = (ports: PersonaReadyPorts) => {
  const tell = async (ownerId: string, personaId: string, surveyId: string, portrait: boolean) => {
    const persona = await ports.personas.get(personaId);
    // Erased before it was ready (the owner deleted it or themselves): there is no one to tell about it.
    if (!persona || persona.ownerId !== ownerId) return;
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
