// The gateway service: what the local cloud and tests import.
export { createGatewayRoutes, chatGatewayFor } from "./routes";
export { ChatGateway, DEFAULT_LIMITS, type GatewayLimits } from "./chatGateway";
export { createTokenAuthorizer, tokenFrom, TOKEN_SUBPROTOCOL, type AuthConfig } from "./auth";
export { parseClientFrame } from "./frames";
