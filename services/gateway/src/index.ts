// The gateway service: what the local cloud and tests import.
export { createGatewayRoutes } from "./routes";
export { type GatewayLimits } from "./chatGateway";
export { PERSONA_ROUTES } from "./personaApi";
export { createSurveyRoutes } from "./surveyRoutes";
export { SURVEY_ROUTES, SURVEY_PUBLIC_ROUTES } from "./surveyApi";
