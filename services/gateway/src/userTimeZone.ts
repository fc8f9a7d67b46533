// Where a user lives, for the days memory's summaries name: one rule for the read API and the export.

/** The zone of the user's latest session (the sessions table keeps it as long as the session), else the one their context block was last built in, else UTC. */
export const userTimeZone = (latestSession: { timeZone?: string } | undefined, context: { timeZone?: string } | undefined): string =>
  latestSession?.timeZone ?? context?.timeZone ?? "UTC";
