// The gateway service: what the local cloud and tests import.
export { createGatewayRoutes } from "./routes";
export { type GatewayLimits } from "./chatGateway";
export { createSurveyRoutes, type SurveyRouteOptions } from "./surveyRoutes";
export { LocalSqsQueueAges } from "./operations/queueAges";
export { isAdmin } from "./operations/adminAccess";
