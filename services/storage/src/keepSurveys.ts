// Storage's part of the persona saga: counts kept survey responses, starts synthesis once, and settles statuses.
import type { ConsumedEvent, Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";
import { SYNTHESIS_THRESHOLD, personaIdForSurvey } from "@innerworld/surveys";
import type { SurveyStore } from "@innerworld/surveys/store";

export interface SurveyKeeperPorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  publisher: Publisher;
  clock: Clock;
}

export const createSurveyKeeper = (ports: SurveyKeeperPorts) => {
  const now = () => new Date(ports.clock());

  /** A persona is usable once it is written: a portrait that could not be drawn leaves it ready, without a picture. */
  const settleReady = async (surveyId: string, personaId: string) => {
    await ports.personas.update(personaId, { status: "ready" }, now());
    if (await ports.surveys.get(surveyId)) await ports.surveys.setStatus(surveyId, "ready", { personaId });
  };

  return {
    async surveyResponseAccepted({ envelope, replayName }: ConsumedEvent<"SurveyResponseAccepted">) {
      const { data, metadata } = envelope;
      // Keyed by this event: however many responses arrive at once, one of them starts the saga.
      const { count, crossed } = await ports.surveys.claimForSynthesis(data.surveyId, SYNTHESIS_THRESHOLD, metadata.eventId);
      // A replay of the archive keeps the count but starts nothing: the saga ran when the answers came in, and the
      // replay carries its own copy of the SurveyCompleted it published then.
      if (!crossed || replayName !== undefined) return;
      await ports.publisher.publish({
        type: "SurveyCompleted",
        correlationId: metadata.correlationId,
        causationId: metadata.eventId,
        userId: metadata.userId,
        deduplicationKey: `survey-completed:${data.surveyId}`,
        data: { surveyId: data.surveyId, responseCount: count, completedAt: now().toISOString() },
      });
    },

    async personaSynthesized({ envelope }: ConsumedEvent<"PersonaSynthesized">) {
      const survey = await ports.surveys.get(envelope.data.surveyId);
      // Statuses only move forward: a late or replayed event never takes a ready survey back to drawing.
      if (survey && (survey.status === "collecting" || survey.status === "synthesizing")) {
        await ports.surveys.setStatus(survey.surveyId, "drawing", { personaId: envelope.data.personaId });
      }
    },

    async personaPortraitReady({ envelope }: ConsumedEvent<"PersonaPortraitReady">) {
      await settleReady(envelope.data.surveyId, envelope.data.personaId);
    },

    async stepFailed({ envelope }: ConsumedEvent<"StepFailed">) {
      const { data } = envelope;
      if (data.step === "portrait" && data.surveyId && data.personaId) return settleReady(data.surveyId, data.personaId);
      if (data.step !== "persona-synthesis" || !data.surveyId) return;
      const survey = await ports.surveys.get(data.surveyId);
      if (!survey) return;
      await ports.surveys.setStatus(data.surveyId, "failed", { failureReason: `${data.errorCode}: ${data.errorMessage}`.slice(0, 500) });
      // Synthesis may have written the persona before it gave up (its announcement kept failing): one left drawing
      // could never be chatted with, so it goes with the failed survey. One the owner has chatted with is ready, not
      // drawing, and stays.
      const personaId = personaIdForSurvey(data.surveyId);
      const persona = await ports.personas.get(personaId);
      if (persona?.status === "drawing" && persona.ownerId === survey.ownerId) await ports.personas.delete(personaId);
    },
  };
};
