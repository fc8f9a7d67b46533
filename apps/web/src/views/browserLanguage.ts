// The language the browser reads in, which every screen speaks (Spanish for any Spanish locale, English otherwise).
import { languageOfLocale, sayIn, type Say, type ScreenLanguage } from "../language/messages";

/** Spanish for any Spanish locale of the browser ("es", "es-MX", "es-US", "es-419", "es-ES"), English otherwise. */
export const browserLanguage = (): ScreenLanguage => languageOfLocale(navigator.language);

/** The catalog in the browser's language, for the screens that follow it (all but a survey's, which follows the survey's). */
export const browserSay = (): Say => sayIn(browserLanguage());
