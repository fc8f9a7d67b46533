// The portrait service's logic: draws a synthesised persona's picture, stores it, and says the persona is ready; deletes it with the persona.
import { invocationDeadline, type ConsumedEvent, type Publisher } from "@innerworld/events";
import type { Clock } from "@innerworld/platform/clock";
import type { PersonaStore } from "@innerworld/personas/store";
import type { PortraitPainter } from "@innerworld/surveys/portrait";
import { portraitKeyOf, type PortraitStore } from "@innerworld/surveys/portrait-store";

export interface PortraitPorts {
  painter: PortraitPainter;
  portraits: PortraitStore;
  /** Read after the picture is stored: the persona may have been deleted while it was painted. */
  personas: Pick<PersonaStore, "get">;
  publisher: Publisher;
  clock: Clock;
}

/**
 * What the invocation keeps back from the image model to store the picture, check the persona and announce it, or,
 * when the model runs out of time, to report the failure (StepFailed, then the persona is ready without a picture).
 */
export const PAINTING_RESERVE_MS = 10_000;

export const createPortraitPainter = (ports: PortraitPorts) =>
  async function paint({ envelope, context, replayName }: ConsumedEvent<"PersonaSynthesized">): Promise<void> {
    const { data, metadata } = envelope;
    const deadline = invocationDeadline(context, PAINTING_RESERVE_MS);
    const portrait = await ports.painter.paint({ personaId: data.personaId, name: data.name, traits: data.traits }, { signal: deadline.signal }).finally(() => deadline.release());
    const portraitKey = portraitKeyOf(data.personaId);
    await ports.portraits.put(portraitKey, portrait);
    // A PersonaDeleted handled while the model painted found no picture to delete. Checked after the put: either the
    // deletion comes after this read (and its PersonaDeleted, published after it, deletes the picture) or this read
    // sees the persona gone.
    const persona = await ports.personas.get(data.personaId);
    if (!persona) {
      await ports.portraits.delete(portraitKey);
      return;
    }
    // A replay repaints (a bucket restored from the archive); a ready persona was announced when first painted. Its
    // announcement is a live event the notifier pushes to the owner's open app once its idempotency record has lapsed,
    // and nothing a replay causes may reach a user.
    if (replayName !== undefined && persona.status === "ready") return;
    await ports.publisher.publish({
      type: "PersonaPortraitReady",
      correlationId: metadata.correlationId,
      causationId: metadata.eventId,
      userId: metadata.userId,
      deduplicationKey: `portrait-ready:${data.personaId}`,
      data: { surveyId: data.surveyId, personaId: data.personaId, portraitKey, contentType: portrait.contentType, painter: ports.painter.name, readyAt: new Date(ports.clock()).toISOString() },
    });
  };

/** Deletes a deleted persona's picture; deleting one that is not there is harmless, so redelivery and replay are too. */
export const createPortraitEraser = (ports: Pick<PortraitPorts, "portraits">) =>
  async function forgetPortrait({ envelope }: ConsumedEvent<"PersonaDeleted">): Promise<void> {
    await ports.portraits.delete(portraitKeyOf(envelope.data.personaId));
  };
