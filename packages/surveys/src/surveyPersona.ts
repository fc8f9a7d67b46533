// Which persona a survey makes: one survey makes one persona, and its id comes from the survey's.

/** The persona id a survey's saga writes under, so a redelivered event finds the persona it made and a failure can find it too. */
export const personaIdForSurvey = (surveyId: string): string => `survey-${surveyId}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 64);
