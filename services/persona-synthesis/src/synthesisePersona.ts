// Persona-synthesis's logic: when a survey completes, writes a persona from friends' answers and saves it for the owner.
import { invocationDeadline, type ConsumedEvent, type EventMetadata, type Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { TombstoneStore } from "@innerworld/platform/tombstones";
import { PERSONA_LIMITS, type PersonaScreeningReason } from "@innerworld/personas/authoring";
import { screenPersona } from "@innerworld/personas/screening";
import { isPersonaExistsError, isPersonaLimitError, newPersonaRecord, type PersonaStore } from "@innerworld/personas/store";
import { isSurveyNotFoundError, type SurveyStore } from "@innerworld/surveys/store";
import { personaIdForSurvey, withoutLocatingDetails, type SynthesisRecord } from "@innerworld/surveys";
import type { StoredResponse } from "@innerworld/surveys/store";
import type { PersonaSynthesiser } from "@innerworld/surveys/synthesis";

export interface PersonaSynthesisPorts {
  surveys: SurveyStore;
  personas: PersonaStore;
  publisher: Publisher;
  synthesiser: PersonaSynthesiser;
  /** Read again after the persona is written: an erasure may have run while the model was writing it. */
  tombstones: Pick<TombstoneStore, "erasedSince">;
  clock: Clock;
}

/**
 * What the invocation keeps back from the model for the writes, the announcement and, when the model runs out of
 * time, the failure's own report (a StepFailed and a dead letter) before Lambda stops the function.
 */
export const SYNTHESIS_RESERVE_MS = 10_000;


/** A survey that can never become a persona: trying again would meet the same cause, so the saga's StepFailed marks it failed at once. */
abstract class SurveyFailedForGoodError extends Error {
  abstract readonly code: string;
  readonly retryable = false;
  constructor(
    readonly surveyId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The persona drafted from friends' answers breaks the rules every persona is held to (a claim to be human, an attempt
 * to override the boundaries, ...). Asking the model again would read the same answers.
 */
export class UnsafeSurveyPersonaError extends SurveyFailedForGoodError {
  override readonly name = "UnsafeSurveyPersonaError";
  readonly code = "UNSAFE_PERSONA";
  constructor(
    surveyId: string,
    readonly reasons: readonly PersonaScreeningReason[],
  ) {
    // Rules and fields only: the message travels in StepFailed and onto the survey, never friends' words.
    super(surveyId, `The persona drafted from the answers is not allowed: ${reasons.map((r) => `${r.field} (${r.rule})`).join(", ")}`);
  }
}

/**
 * The owner has as many personas as one may have: the survey fails for good, saying why. Found before the model is
 * asked, or, when the owner made personas by hand while it wrote, when the persona is saved.
 */
export class SurveyPersonaLimitError extends SurveyFailedForGoodError {
  override readonly name = "SurveyPersonaLimitError";
  readonly code = "PERSONA_LIMIT_REACHED";
  constructor(
    surveyId: string,
    readonly limit: number,
  ) {
    super(surveyId, `The survey's owner already has ${limit} personas, as many as one may have: delete one to make room`);
  }
}

/**
 * Friends' answers with every part that locates or reaches the survey's subject taken out, and a response with nothing
 * else in it left out. The gateway does the same before it stores an answer; done again here, a response stored before
 * that rule (they are kept 30 days), or by any other writer, never reaches the model or the persona with a school, a
 * handle or a time and place in it.
 */
const withoutWhereabouts = (responses: readonly StoredResponse[]) =>
  responses
    .map((response) => ({
      answers: response.answers.flatMap(({ questionId, answer }) => {
        const text = withoutLocatingDetails(answer);
        return text === undefined ? [] : [{ questionId, answer: text }];
      }),
    }))
    .filter((response) => response.answers.length > 0);

export const createPersonaSynthesis = (ports: PersonaSynthesisPorts) => {
  /** PersonaSynthesized, one event per survey whoever tells it: its id comes from the survey. */
  const announce = async (surveyId: string, ownerId: string, personaId: string, synthesis: SynthesisRecord, cause: EventMetadata): Promise<void> => {
    await ports.publisher.publish({
      type: "PersonaSynthesized",
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      userId: ownerId,
      deduplicationKey: `persona-synthesized:${surveyId}`,
      data: { surveyId, personaId, ...synthesis },
    });
  };

  return async function synthesise({ envelope, context }: ConsumedEvent<"SurveyCompleted">): Promise<void> {
    const { data, metadata } = envelope;
    const survey = await ports.surveys.get(data.surveyId);
    // The owner erased the survey in the meantime: there is nothing left to write a persona from.
    if (!survey) return;
    // Statuses only move forward. A survey past drawing has its persona (or its failure): a replay or a late redelivery
    // changes nothing, and a persona its owner deleted since stays deleted.
    if (survey.status !== "synthesizing" && survey.status !== "drawing") return;
    const personaId = personaIdForSurvey(survey.surveyId);
    // Drawing: an earlier delivery wrote the persona and then failed to announce it. Gone since: its owner deleted it.
    if (survey.status === "drawing" && !(await ports.personas.get(personaId))) return;
    // Its announcement is kept with the survey: told again as it was first told, under the same event id, with no
    // model asked again (a survey moved to drawing before announcements were kept is written again, as before).
    if (survey.status === "drawing" && survey.synthesis) return announce(survey.surveyId, survey.ownerId, personaId, survey.synthesis, metadata);
    // A persona from friends counts toward the owner's own limit, as one made by hand does (POST /personas refuses the
    // 21st): checked before the model is asked, since the answer could not be kept.
    const owned = (await ports.personas.listByOwner(survey.ownerId)).filter((persona) => persona.personaId !== personaId);
    if (owned.length >= PERSONA_LIMITS.personasPerUser) throw new SurveyPersonaLimitError(survey.surveyId, PERSONA_LIMITS.personasPerUser);
    const responses = withoutWhereabouts(await ports.surveys.listResponses(survey.surveyId));
    const deadline = invocationDeadline(context, SYNTHESIS_RESERVE_MS);
    const draft = await ports.synthesiser
      .synthesise({ subjectName: survey.subjectName, questions: survey.questions, responses, ...(survey.language ? { language: survey.language } : {}) }, { signal: deadline.signal })
      .finally(() => deadline.release());
    // Anyone with the link may answer, as often as they like under new respondent ids: the draft is held to the rules
    // POST /personas holds a person to, before anything is saved.
    const refusals = screenPersona(draft);
    if (refusals.length > 0) throw new UnsafeSurveyPersonaError(survey.surveyId, refusals);
    const now = new Date(ports.clock());
    try {
      // The limit again, held by the store this time: the owner may have made personas by hand while the model wrote
      // (the count above is seconds old), and two surveys may finish together.
      await ports.personas.create(
        newPersonaRecord({
          personaId,
          ownerId: survey.ownerId,
          now,
          status: "drawing",
          fields: { name: draft.name, description: draft.description, personality: draft.personality, speakingStyle: draft.speakingStyle, topics: draft.topics },
        }),
        { perOwner: PERSONA_LIMITS.personasPerUser },
      );
    } catch (error) {
      // A full ledger may still hold this very persona, written by an earlier delivery (the DynamoDB store asks the
      // ledger before the table): then it is kept, as below. Otherwise the limit was reached while the model wrote.
      if (isPersonaLimitError(error) && !(await ports.personas.get(personaId))) throw new SurveyPersonaLimitError(survey.surveyId, PERSONA_LIMITS.personasPerUser);
      // Written by an earlier delivery of this event: keep it, and tell the saga again under the same event id.
      if (!isPersonaExistsError(error) && !isPersonaLimitError(error)) throw error;
    }
    // The model takes seconds; DELETE /me may have run meanwhile and missed the persona written just now. Checked after
    // the write, so either the erasure saw the persona or this check sees the erasure's tombstone (written first).
    if (await ports.tombstones.erasedSince(survey.ownerId, metadata.occurredAt)) {
      await ports.personas.delete(personaId);
      return;
    }
    const synthesis: SynthesisRecord = { name: draft.name, traits: draft.traits, synthesiser: ports.synthesiser.name, responseCount: responses.length, synthesizedAt: now.toISOString() };
    if (survey.status === "synthesizing") {
      try {
        // The survey ended while the model wrote (its owner deleted the persona already listed as drawing, and the
        // survey failed with it): nothing is announced, and a persona still drawing, which could never be chatted
        // with, goes with it.
        if (!(await ports.surveys.setStatus(survey.surveyId, "drawing", { personaId, synthesis }))) {
          if ((await ports.personas.get(personaId))?.status === "drawing") await ports.personas.delete(personaId);
          return;
        }
      } catch (error) {
        if (!isSurveyNotFoundError(error)) throw error;
        // Erased while the model wrote: the persona goes with the survey it came from.
        await ports.personas.delete(personaId);
        return;
      }
    }
    await announce(survey.surveyId, survey.ownerId, personaId, synthesis, metadata);
  };
};
