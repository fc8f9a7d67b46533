// Draws a persona's portrait offline: a deterministic SVG avatar seeded by who the persona is, so redrawing is harmless.
import { createAvatar } from "@dicebear/core";
import * as personas from "@dicebear/personas";
import type { Portrait } from "./portrait";

export type { Portrait } from "./portrait";

export interface PortraitPainter {
  readonly name: string;
  /** `signal` aborts the painting (the invocation's time is running out). */
  paint(persona: { personaId: string; name: string; traits: readonly string[] }, options?: { signal?: AbortSignal }): Promise<Portrait>;
}

/** The seed is the persona's id and traits: the same persona always gets the same face, another persona another. */
export const createOfflinePainter = (): PortraitPainter => ({
  name: "offline-svg",
  async paint(persona) {
    const svg = createAvatar(personas, { seed: `${persona.personaId}|${persona.traits.join(",")}`, size: 256, radius: 50 }).toString();
    const titled = svg.replace(/<svg([^>]*)>/, `<svg$1 role="img" aria-label="${escapeXml(`Portrait of ${persona.name}`)}">`);
    return { contentType: "image/svg+xml", body: titled };
  },
});

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
