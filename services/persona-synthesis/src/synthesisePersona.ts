// Persona-synthesis's logic: when a survey completes, writes a persona from friends' answers and saves it for the owner.
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import { isPersonaExistsError, newPersonaRecord, type PersonaStore } from "@innerworld/personas/store";
import type { SurveyStore } from "@innerworld/surveys/store";
import type { PersonaSynthesiser } from "@innerworld/surveys/synthesis";

export interface PersonaSynthesisPorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  publisher: Publisher;
  synthesiser: PersonaSynthesiser;
  clock: Clock;
}

/** One survey makes one persona: its id comes from the survey, so a redelivered event finds the persona it made. */
export const personaIdForSurvey = (surveyId: string) => `survey-${surveyId}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 64);

export const createPersonaSynthesis = (ports: PersonaSynthesisPorts) =>
  async function synthesise({ envelope }: ConsumedEvent<"SurveyCompleted">): Promise<void> {
    const { data, metadata } = envelope;
    const survey = await ports.surveys.get(data.surveyId);
    // The owner erased the survey in the meantime: there is nothing left to write a persona from.
    if (!survey) return;
    const personaId = personaIdForSurvey(survey.surveyId);
    const responses = await ports.surveys.listResponses(survey.surveyId);
    const draft = await ports.synthesiser.synthesise({ subjectName: survey.subjectName, questions: survey.questions, responses });
    const now = new Date(ports.clock());
    try {
      await ports.personas.create(
        newPersonaRecord({
          personaId,
          ownerId: survey.ownerId,
          now,
          status: "drawing",
          fields: { name: draft.name, description: draft.description, personality: draft.personality, speakingStyle: draft.speakingStyle, topics: draft.topics },
        }),
      );
    } catch (error) {
      // Written by an earlier delivery of this event: keep it, and tell the saga again under the same event id.
      if (!isPersonaExistsError(error)) throw error;
    }
    await ports.surveys.setStatus(survey.surveyId, "drawing", { personaId });
    await ports.publisher.publish({
      type: "PersonaSynthesized",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: survey.ownerId,
      deduplicationKey: `persona-synthesized:${survey.surveyId}`,
      data: {
        surveyId: survey.surveyId,
        personaId,
        name: draft.name,
        traits: draft.traits,
        synthesiser: ports.synthesiser.name,
        responseCount: responses.length,
        synthesizedAt: now.toISOString(),
      },
    });
  };
