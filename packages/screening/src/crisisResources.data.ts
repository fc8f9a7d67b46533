// Crisis lines per locale: data only, so adding a country is a data change reviewed by someone who knows its services.

export interface CrisisResource {
  name: string;
  contact: string;
  description: string;
}

/** The key used when a locale has no entry of its own: services that reach every country. */
export const INTERNATIONAL = "international";
/** The same services, in Spanish, for a Spanish locale of a country with no entry ("es", "es-419", "es-AR"). */
export const INTERNATIONAL_SPANISH = "international-es";

export const CRISIS_RESOURCES: Readonly<Record<string, readonly CrisisResource[]>> = {
  "en-US": [
    {
      name: "988 Suicide & Crisis Lifeline",
      contact: "Call or text 988",
      description: "Free, confidential support 24/7 for anyone in emotional distress or thinking about suicide. Chat at 988lifeline.org.",
    },
    {
      name: "Crisis Text Line",
      contact: "Text HOME to 741741",
      description: "Free 24/7 text support with a trained crisis counselor.",
    },
    {
      name: "Emergency services",
      contact: "Call 911",
      description: "If you or someone else is in immediate danger.",
    },
  ],
  "en-GB": [
    {
      name: "Samaritans",
      contact: "Call 116 123",
      description: "Free, 24/7, for anyone struggling to cope; you don't have to be suicidal to call.",
    },
    {
      name: "Shout",
      contact: "Text SHOUT to 85258",
      description: "Free, confidential 24/7 text support.",
    },
    {
      name: "Childline",
      contact: "Call 0800 1111",
      description: "Free and confidential for anyone under 19 in the UK.",
    },
    {
      name: "Emergency services",
      contact: "Call 999",
      description: "If you or someone else is in immediate danger.",
    },
  ],
  "es-US": [
    {
      name: "988 Línea de Prevención del Suicidio y Crisis",
      contact: "Llama al 988 y marca 2 para español, o envía AYUDA por texto al 988",
      description: "Gratis, confidencial y en español las 24 horas para quien esté pasando por un momento difícil o piense en el suicidio.",
    },
    {
      name: "Emergencias",
      contact: "Llama al 911",
      description: "Si tú u otra persona están en peligro inmediato.",
    },
  ],
  "es-MX": [
    {
      name: "Línea de la Vida",
      contact: "Llama al 800 911 2000",
      description: "Gratis y confidencial, las 24 horas, todos los días: alguien te escucha y te orienta.",
    },
    {
      name: "Emergencias",
      contact: "Llama al 911",
      description: "Si tú u otra persona están en peligro inmediato.",
    },
  ],
  "es-ES": [
    {
      name: "Línea 024 de atención a la conducta suicida",
      contact: "Llama al 024",
      description: "Gratis, confidencial y las 24 horas, para quien piense en el suicidio o se preocupe por alguien.",
    },
    {
      name: "Fundación ANAR",
      contact: "Llama al 900 20 20 10",
      description: "Teléfono gratuito y confidencial para niños, niñas y adolescentes, las 24 horas.",
    },
    {
      name: "Emergencias",
      contact: "Llama al 112",
      description: "Si tú u otra persona están en peligro inmediato.",
    },
  ],
  [INTERNATIONAL]: [
    {
      name: "Find A Helpline",
      contact: "findahelpline.com",
      description: "Free, confidential crisis lines in your country, by phone, text or chat.",
    },
    {
      name: "Emergency services",
      contact: "Your local emergency number",
      description: "If you or someone else is in immediate danger.",
    },
  ],
  [INTERNATIONAL_SPANISH]: [
    {
      name: "Find A Helpline",
      contact: "findahelpline.com",
      description: "Líneas de ayuda gratuitas y confidenciales de tu país, por teléfono, texto o chat; el sitio también está en español.",
    },
    {
      name: "Emergencias",
      contact: "Tu número local de emergencias",
      description: "Si tú u otra persona están en peligro inmediato.",
    },
  ],
};
