// How much of the session the screen reads with a message: a module of its own so that both the context layer
// (riskScreen.ts) and the rules after a crisis (actingNow.ts, which riskScreen imports) read the same window.

/** How many earlier user messages of the session are read with this one. */
export const CONTEXT_MESSAGES = 3;
