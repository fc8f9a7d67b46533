// Storage's part of the persona saga: counts kept survey responses, starts synthesis once, and settles statuses.
import { topologyOf, type ConsumedEvent, type EventMetadata, type Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";
import { SYNTHESIS_THRESHOLD, personaIdForSurvey, surveyIdOfPersona } from "@innerworld/surveys";
import { isSurveyNotFoundError, type SurveyStore } from "@innerworld/surveys/store";

export interface SurveyKeeperPorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  publisher: Publisher;
  clock: Clock;
}

const storageQueue = topologyOf("storage").queue;
/** How many times storage is handed an event before it gives up on it (its StepFailed, or the dead-letter queue). */
const STORAGE_ATTEMPTS = storageQueue?.maxReceiveCount ?? 1;
/**
 * How old a claim whose SurveyCompleted was never announced must be before a later answer takes it over: twice the
 * time storage's own attempts at the claiming event can take, so a claim still being retried is never doubled (ten
 * friends answering at once find it fresh and start nothing), and one whose claimant died or dead-lettered is not left
 * waiting for a redrive.
 */
export const CLAIM_TAKEOVER_AFTER_MS = 2 * STORAGE_ATTEMPTS * (storageQueue?.visibilityTimeoutSeconds ?? 60) * 1000;

/** What a SurveyCompleted is traced to: the answer's event that claimed it, or, from the sweep, only the survey. */
type SagaCause = Pick<EventMetadata, "correlationId" | "userId"> & { eventId?: string };

/** Surveys the sweep could not start this time; each waits, claimed or not, for the next sweep. */
export class SurveySweepError extends Error {
  override readonly name = "SurveySweepError";
  readonly code = "SURVEY_SWEEP_INCOMPLETE";
  constructor(readonly surveyIds: readonly string[], options: { cause: unknown }) {
    super(`The survey sweep could not start ${surveyIds.length} survey(s): ${surveyIds.join(", ")}`, options);
  }
}

export const createSurveyKeeper = (ports: SurveyKeeperPorts) => {
  const now = () => new Date(ports.clock());

  /** Ends a survey's saga as failed, when it may still fail; SurveyNotFoundError (its owner deleted it) is no failure. */
  const fail = async (surveyId: string, reason: string): Promise<boolean> => {
    try {
      return await ports.surveys.setStatus(surveyId, "failed", { failureReason: reason.slice(0, 500) });
    } catch (error) {
      if (isSurveyNotFoundError(error)) return false;
      throw error;
    }
  };

  /** A persona is usable once it is written: a portrait that could not be drawn leaves it ready, without a picture. */
  const settleReady = async (surveyId: string, personaId: string) => {
    // Deleted while it was drawn: its survey was failed with the deletion, and nothing is made ready.
    if (!(await ports.personas.update(personaId, { status: "ready" }, now()))) return;
    try {
      // A survey that already ended (failed) stays as it ended; one its owner deleted leaves the persona theirs.
      await ports.surveys.setStatus(surveyId, "ready", { personaId });
    } catch (error) {
      if (!isSurveyNotFoundError(error)) throw error;
    }
  };

  /**
   * Claims the survey for `claimant` when its answers reach the threshold, or takes over a stale claim never announced,
   * and then announces SurveyCompleted. Its event id comes from the survey, so whoever announces it, it is one event.
   */
  const startSagaIfDue = async (surveyId: string, claimant: string, cause: SagaCause): Promise<boolean> => {
    const { count, crossed } = await ports.surveys.claimForSynthesis(surveyId, SYNTHESIS_THRESHOLD, claimant, { takeOverAfterMs: CLAIM_TAKEOVER_AFTER_MS });
    if (!crossed) return false;
    await ports.publisher.publish({
      type: "SurveyCompleted",
      correlationId: cause.correlationId,
      ...(cause.eventId ? { causationId: cause.eventId } : {}),
      userId: cause.userId,
      deduplicationKey: `survey-completed:${surveyId}`,
      data: { surveyId, responseCount: count, completedAt: now().toISOString() },
    });
    // On the bus: no redelivery or later answer announces it again.
    await ports.surveys.markAnnounced(surveyId);
    return true;
  };

  /**
   * Storage gave up on an answer's event: it may have claimed the survey and never announced it (publishing kept
   * failing), or never claimed it (the claim's write kept failing). Either way the saga is started now, as that event
   * would have started it; a survey someone else claimed meanwhile is theirs to announce. When even this cannot
   * announce it, on storage's last attempt, the survey fails rather than wait for ever as synthesizing.
   */
  const announceAfterOwnFailure = async ({ envelope, receiveCount }: ConsumedEvent<"StepFailed">, surveyId: string) => {
    try {
      await startSagaIfDue(surveyId, envelope.data.failedEventId, envelope.metadata);
    } catch (error) {
      if (receiveCount < STORAGE_ATTEMPTS) throw error;
      await fail(surveyId, `SURVEY_NOT_STARTED: the persona could not be started (${envelope.data.errorCode})`);
    }
  };

  return {
    /**
     * Starts the saga of every survey nobody else will: one whose answers reached the threshold while storage gave up
     * on their events before it claimed, or one claimed and never announced (its claimant died with no StepFailed),
     * once its answers or its claim have been left as long as a claim is before a later answer takes it over. Each is
     * claimed as an answer's event would claim it, so the saga still starts once: a survey an answer's event is
     * claiming is fresh and left alone, and two sweeps at once are two claimants of which one wins. Returns how many
     * it announced; a survey it could not announce waits for the next sweep (SurveySweepError once all were tried).
     */
    async sweep(): Promise<number> {
      const claimant = `survey-sweep:${now().toISOString()}`;
      let started = 0;
      const failed: { surveyId: string; error: unknown }[] = [];
      for (const { surveyId, ownerId } of await ports.surveys.listAwaitingSagaStart(SYNTHESIS_THRESHOLD, CLAIM_TAKEOVER_AFTER_MS)) {
        try {
          if (await startSagaIfDue(surveyId, claimant, { correlationId: surveyId, userId: ownerId })) started += 1;
        } catch (error) {
          if (!isSurveyNotFoundError(error)) failed.push({ surveyId, error });
        }
      }
      if (failed.length > 0) throw new SurveySweepError(failed.map((f) => f.surveyId), { cause: failed[0]?.error });
      return started;
    },

    async surveyResponseAccepted({ envelope, replayName }: ConsumedEvent<"SurveyResponseAccepted">) {
      const { data, metadata } = envelope;
      // A replay of the archive keeps the count but claims nothing: the saga ran when the answers came in, and the
      // replay carries its own copy of the SurveyCompleted it published then. A claim it made would be announced by
      // nobody.
      if (replayName !== undefined) {
        await ports.surveys.countResponses(data.surveyId);
        return;
      }
      // Keyed by this event: however many responses arrive at once, one of them starts the saga.
      await startSagaIfDue(data.surveyId, metadata.eventId, metadata);
    },

    async personaSynthesized({ envelope }: ConsumedEvent<"PersonaSynthesized">) {
      try {
        // Statuses only move forward (a conditional write): a late or replayed event never takes a ready survey back.
        await ports.surveys.setStatus(envelope.data.surveyId, "drawing", { personaId: envelope.data.personaId });
      } catch (error) {
        if (!isSurveyNotFoundError(error)) throw error;
      }
    },

    async personaPortraitReady({ envelope }: ConsumedEvent<"PersonaPortraitReady">) {
      await settleReady(envelope.data.surveyId, envelope.data.personaId);
    },

    /**
     * A survey's persona deleted before it was ready (its owner deleted it while its portrait was painted): the saga
     * cannot end in a persona, so the survey fails, saying why, and takes no more answers. A ready survey stays ready.
     */
    async personaDeleted({ envelope }: ConsumedEvent<"PersonaDeleted">) {
      const surveyId = surveyIdOfPersona(envelope.data.personaId);
      if (!surveyId) return;
      const survey = await ports.surveys.get(surveyId);
      if (survey?.status !== "synthesizing" && survey?.status !== "drawing") return;
      await fail(surveyId, "PERSONA_DELETED: the persona was deleted before it was ready");
    },

    async stepFailed(event: ConsumedEvent<"StepFailed">) {
      const { data } = event.envelope;
      if (data.step === "portrait" && data.surveyId && data.personaId) return settleReady(data.surveyId, data.personaId);
      // From a replay of the archive, storage starts no saga: the replay carries whatever was announced then.
      if (data.step === "storage" && data.failedEventType === "SurveyResponseAccepted" && data.surveyId) return event.replayName === undefined ? announceAfterOwnFailure(event, data.surveyId) : undefined;
      if (data.step !== "persona-synthesis" || !data.surveyId) return;
      const survey = await ports.surveys.get(data.surveyId);
      if (!survey) return;
      // A survey that ended already (ready: a late failure of a redelivery) stays as it ended.
      if (!(await fail(data.surveyId, `${data.errorCode}: ${data.errorMessage}`))) return;
      // Synthesis may have written the persona before it gave up (its announcement kept failing): one left drawing
      // could never be chatted with, so it goes with the failed survey. One the owner has chatted with is ready, not
      // drawing, and stays.
      const personaId = personaIdForSurvey(data.surveyId);
      const persona = await ports.personas.get(personaId);
      if (persona?.status === "drawing" && persona.ownerId === survey.ownerId) await ports.personas.delete(personaId);
    },
  };
};
