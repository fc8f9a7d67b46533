// Persona-synthesis's part of an erasure: the erased user's surveys, friends' answers and personas, deleted again.
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import type { PersonaStore } from "@innerworld/personas/store";
import type { SurveyStore } from "@innerworld/surveys/store";

export interface OwnerSurveyErasurePorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  publisher: Publisher;
}

/**
 * DELETE /me deletes these before it publishes UserDeleted, but a synthesis in flight may write a persona after the
 * gateway listed them (the owner index is eventually consistent), and a friend's answer may land under a survey being
 * deleted. Each persona deleted here is announced as the gateway announces its own, so its portrait goes too.
 * Deleting again deletes nothing more, so redelivery and replay are harmless.
 */
export const createOwnerSurveyEraser = (ports: OwnerSurveyErasurePorts) =>
  async function eraseOwnerSurveys({ envelope }: ConsumedEvent<"UserDeleted">): Promise<void> {
    const { userId, deletedAt } = envelope.data;
    for (const survey of await ports.surveys.listByOwner(userId)) await ports.surveys.delete(survey.surveyId);
    for (const persona of await ports.personas.listByOwner(userId)) {
      await ports.personas.delete(persona.personaId);
      await ports.publisher.publish({
        type: "PersonaDeleted",
        correlationId: userId,
        causationId: envelope.metadata.eventId,
        userId,
        deduplicationKey: `${persona.personaId}:erased:${deletedAt}`,
        data: { personaId: persona.personaId, name: persona.name, endedSessionIds: [], deletedAt },
      });
    }
    await ports.personas.forgetOwner(userId);
  };
