// Fixed replies the system sends instead of a model's words: for crisis, for blocked input, for a reply that failed screening.

/** The languages the fixed replies are written in. A teen whose locale is neither gets English. */
export type ReplyLanguage = "en" | "es";

/** "es", "es-MX", "ES_us" → Spanish; anything else, or no locale, → English. */
export function replyLanguage(locale?: string): ReplyLanguage {
  return locale !== undefined && /^es(?:[-_]|$)/i.test(locale.trim()) ? "es" : "en";
}

const CRISIS_REPLIES: Readonly<Record<ReplyLanguage, string>> = {
  en:
    "I'm really glad you told me, and I'm taking what you said seriously. You don't have to go through this alone. " +
    "Please reach out right now to someone who can help: a crisis line below, or a trusted adult near you. " +
    "If you are in immediate danger, call your local emergency number.",
  es:
    "Me alegra mucho que me lo hayas contado, y me tomo en serio lo que dices. No tienes que pasar por esto sin nadie. " +
    "Por favor, habla ahora mismo con alguien que pueda ayudarte: una de las líneas de abajo, o un adulto de confianza cerca de ti. " +
    "Si estás en peligro inmediato, llama al número de emergencias de donde estés.",
};

// A crisis told a message or two ago, still the teen's state when the next message changes the subject or thanks
// (riskScreen.ts, latestCarriedOn): the notice says so, rather than thanking them again for telling, and says how the
// conversation goes on.
const CRISIS_CONTINUES_REPLIES: Readonly<Record<ReplyLanguage, string>> = {
  en:
    "I'm still thinking about what you told me, and right now your safety matters most to me. " +
    "Please reach out to someone who can help: a crisis line below, or a trusted adult near you. " +
    "If you are in immediate danger, call your local emergency number. When you're safe or someone is with you, tell me, and we can talk about anything.",
  es:
    "Sigo pensando en lo que me contaste, y ahora mismo lo que más me importa es que estés a salvo. " +
    "Por favor, habla con alguien que pueda ayudarte: una de las líneas de abajo, o un adulto de confianza cerca de ti. " +
    "Si estás en peligro inmediato, llama al número de emergencias de donde estés. Cuando estés a salvo o alguien esté contigo, dímelo y hablamos de lo que quieras.",
};

const BLOCKED_INPUT_REPLIES: Readonly<Record<ReplyLanguage, string>> = {
  en: "I can't talk about that. I'm here for you, though: if something is bothering you, we can talk about how you're feeling.",
  es: "De eso no puedo hablar. Pero aquí estoy: si algo te preocupa, podemos hablar de cómo te sientes.",
};

/**
 * What a teen in crisis reads above the helplines, in their locale's language; the model never writes this. `continued`:
 * the crisis was told earlier in the session and this message carried it on (a verdict decided by "earlier_crisis").
 */
export function crisisReply(locale?: string, continued = false): string {
  return (continued ? CRISIS_CONTINUES_REPLIES : CRISIS_REPLIES)[replyLanguage(locale)];
}

/** What a teen reads when their message was blocked (not a crisis), in their locale's language. */
export function blockedInputReply(locale?: string): string {
  return BLOCKED_INPUT_REPLIES[replyLanguage(locale)];
}

/**
 * The safety notice's text for a message the screen stopped, from its verdict's action and the layer that decided it:
 * the notifier shows it and storage keeps it, alike.
 */
export function safetyNoticeText(verdict: { action: string; decidedBy?: string }, locale?: string): string {
  return verdict.action === "crisis" ? crisisReply(locale, verdict.decidedBy === "earlier_crisis") : blockedInputReply(locale);
}

const REPLACED_OUTPUT_REPLIES: Readonly<Record<ReplyLanguage, string>> = {
  en: "Let's take that in a different direction. How are you feeling about everything right now?",
  es: "Mejor hablemos de otra cosa. ¿Cómo te sientes con todo ahora mismo?",
};

/** What a teen reads instead of a model reply that failed the reply screen, in their locale's language. */
export function replacedOutputReply(locale?: string): string {
  return REPLACED_OUTPUT_REPLIES[replyLanguage(locale)];
}

/**
 * Added to the persona's prompt when the teen's message is a concern (not a crisis): the model still answers, and
 * checks in. The reply then carries a soft resource line (softResourceLine) added after the model's words.
 */
export const CONCERN_CHECK_IN_INSTRUCTION =
  "Safety note for this reply: the teen's latest message may show they are struggling (hopelessness, self-harm, or " +
  "thoughts of not wanting to be here). Check in gently: reflect what they said, ask how they are really doing, and " +
  "let them know that help is there and that talking to a trusted adult or a helpline is a good step. Stay warm and " +
  "calm; do not lecture, diagnose or panic, and never describe ways of self-harm.";

/**
 * Added instead of CONCERN_CHECK_IN_INSTRUCTION to a message that reads as ordinary after a crisis earlier in the
 * session (decidedBy "earlier_crisis"): the model never saw that message and was not asked about it, so it is not
 * told to reflect struggle in this one ("ok thanks", "what's the weather tomorrow"), only to answer it and then ask how
 * the teen is doing now. The reply carries the soft resource line as any concern does.
 */
export const AFTER_CRISIS_CHECK_IN_INSTRUCTION =
  "Safety note for this reply: earlier in this conversation the teen said something that suggested they might be in " +
  "danger, and they were shown crisis helplines. Answer their latest message as you normally would, then gently ask " +
  "how they are doing right now and remind them that a trusted adult or a helpline is there for them. Do not repeat " +
  "or guess what they said before; stay warm and calm, do not lecture or panic, and never describe ways of self-harm.";

/**
 * Added instead of CONCERN_CHECK_IN_INSTRUCTION when the teen is worried about someone they know who may want to die or
 * is hurting themselves (category `someone_at_risk`): the teen is the one who can get that person help, and a secret
 * they were asked to keep is one to break. The reply carries worriedAboutSomeoneLine after the model's words.
 */
export const SOMEONE_AT_RISK_INSTRUCTION =
  "Safety note for this reply: the teen is worried about someone they know who may want to die or is hurting " +
  "themselves. Take it seriously and thank them for caring. Say that this is too big to keep secret, even if they " +
  "promised, and that the best step is to tell a trusted adult (a parent, a school counselor) today; if the person " +
  "might be in danger right now, call the local emergency number or a crisis line, which also helps people worried " +
  "about someone else. Ask how the teen is holding up. Stay warm and calm; never describe ways of self-harm.";
