// Surveys: questions, requests, responses and the respondent key.
export * from "./questions";
export * from "./surveySchema";
export * from "./respondent";
export * from "./surveyPersona";
export * from "./whereabouts/locatingQuestions";
export * from "./whereabouts/locatingDetails";
export * from "./ownerExport";
