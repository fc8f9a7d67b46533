// Which persona a survey makes: one survey makes one persona, and its id comes from the survey's.

/** The persona id a survey's saga writes under, so a redelivered event finds the persona it made and a failure can find it too. */
export const personaIdForSurvey = (surveyId: string): string => `survey-${surveyId}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 64);

/** The survey whose saga wrote a persona, from the persona's id; undefined for a persona made any other way. */
export const surveyIdOfPersona = (personaId: string): string | undefined =>
  /^survey-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(personaId)?.[1];
