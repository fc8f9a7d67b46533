// The language the browser reads in, for the few screens that speak Spanish as well as English.
export type ScreenLanguage = "en" | "es";

/** Spanish for any Spanish locale of the browser ("es", "es-MX", "es-419"), English otherwise. */
export const browserLanguage = (): ScreenLanguage => (/^es\b/i.test(navigator.language) ? "es" : "en");
