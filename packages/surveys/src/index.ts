// Surveys: questions, requests, responses and the respondent key.
export * from "./questions";
export * from "./surveySchema";
export * from "./respondent";
export * from "./surveyPersona";
