// Picks the crisis lines to show a teen for their locale, falling back to international ones rather than guessing a country.

import { CRISIS_RESOURCES, INTERNATIONAL, INTERNATIONAL_SPANISH, type CrisisResource } from "./crisisResources.data";
import { replyLanguage } from "./replies/safeReplies";

export interface CrisisResourceSet {
  /**
   * The locale whose resources these are: the requested one, or "international" when we have none for it
   * ("international-es" for a Spanish locale).
   */
  locale: string;
  resources: CrisisResource[];
}

/**
 * Accepts BCP 47 tags in any case or with underscores ("en_gb", "EN-us"). A wrong country's
 * number is worse than none in a crisis, so an unknown or missing locale gets the international list,
 * in Spanish for a Spanish one ("es", "es-419" from a Latin American browser, "es-AR").
 */
export function crisisResources(locale?: string): CrisisResourceSet {
  const key = locale === undefined ? undefined : canonicalLocale(locale);
  const resources = key === undefined ? undefined : CRISIS_RESOURCES[key];
  if (key !== undefined && resources !== undefined) return { locale: key, resources: resources.map((resource) => ({ ...resource })) };
  const fallback = replyLanguage(key ?? locale) === "es" ? INTERNATIONAL_SPANISH : INTERNATIONAL;
  return { locale: fallback, resources: (CRISIS_RESOURCES[fallback] ?? []).map((resource) => ({ ...resource })) };
}

// Tags people send that are not the standard one for a country we cover.
const ALIASES: Readonly<Record<string, string>> = { "en-UK": "en-GB" };

function canonicalLocale(locale: string): string | undefined {
  try {
    const canonical = Intl.getCanonicalLocales(locale.trim().replace(/_/g, "-"))[0];
    return canonical === undefined ? undefined : (ALIASES[canonical] ?? canonical);
  } catch {
    return undefined;
  }
}

/**
 * One gentle line for a reply to a message of concern: the locale's first helpline, in its language,
 * said as an open door rather than an alarm.
 */
export function softResourceLine(locale?: string): string {
  const where = firstHelpline(locale);
  // The language follows the teen's locale even where the helplines fall back to international ones (es-AR, say).
  if (replyLanguage(locale) === "es") return `Si en algún momento todo se siente demasiado, no tienes que pasarlo solo: puedes hablar con alguien a cualquier hora.${where}`;
  return `If things ever feel like too much, you don't have to carry it alone: someone is there to talk to any time.${where}`;
}

/**
 * The resource line under a reply to a teen worried about someone else: that a trusted adult should know, and that the
 * locale's first helpline also advises people helping a friend. In the teen's language, as softResourceLine is.
 */
export function worriedAboutSomeoneLine(locale?: string): string {
  const where = firstHelpline(locale);
  if (replyLanguage(locale) === "es") {
    return `Si crees que esa persona puede estar en peligro, no tienes que cargarlo solo: cuéntaselo hoy a un adulto de confianza, y puedes llamar para pedir consejo sobre cómo ayudarla.${where}`;
  }
  return `If you think they might be in danger, you don't have to handle it alone: tell a trusted adult today, and you can call for advice on how to help them.${where}`;
}

/** The locale's first helpline as the end of a resource line (" 988: call or text 988."), or nothing without one. */
function firstHelpline(locale?: string): string {
  const first = crisisResources(locale).resources[0];
  return first === undefined ? "" : ` ${first.name}: ${first.contact}.`;
}
