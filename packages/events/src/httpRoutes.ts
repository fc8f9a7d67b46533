// Route keys of the HTTP APIs the gateway serves: infra declares them, the local cloud routes them and the handlers answer them, all from this one table.

/** Served without the JWT authorizer: liveness and readiness probes. */
export const PUBLIC_ROUTES = ["GET /health", "GET /health/ready"];
/** Admins only (`cognito:groups` has `admins`); every action is recorded as AdminActionTaken. */
export const ADMIN_ROUTES = ["GET /admin/status", "GET /admin/dlq/{service}", "POST /admin/dlq/{service}/redrive", "POST /admin/sessions/{sessionId}/feedback"];
export const FEEDBACK_ROUTES = ["GET /sessions/{sessionId}/feedback", "POST /sessions/{sessionId}/feedback/{requestId}/respond"];
export const OPERATIONS_ROUTES = [...PUBLIC_ROUTES, ...ADMIN_ROUTES, ...FEEDBACK_ROUTES];
/** A user's own personas (the five built-in ones are listed, never changed). */
export const PERSONA_ROUTES = ["GET /personas", "POST /personas", "GET /personas/{personaId}", "PUT /personas/{personaId}", "DELETE /personas/{personaId}"];
/** Everything the read API's handler (`readApi`) answers: sessions, memory, the user's data and personas, then health, admin and feedback. */
export const READ_API_ROUTES = [
  "GET /sessions",
  "GET /sessions/{sessionId}",
  "POST /sessions/{sessionId}/end",
  "GET /sessions/{sessionId}/messages",
  "GET /me/memory",
  "DELETE /me/memory/{factId}",
  "GET /me/export",
  "DELETE /me",
  ...PERSONA_ROUTES,
  ...OPERATIONS_ROUTES,
];
/** The survey API's own handler: anyone may read a survey's questions and answer it; creating one and a portrait need a token. */
export const SURVEY_PUBLIC_ROUTES = ["GET /surveys/{surveyId}", "POST /surveys/{surveyId}/responses"];
export const SURVEY_ROUTES = ["POST /surveys", ...SURVEY_PUBLIC_ROUTES, "DELETE /surveys/{surveyId}", "GET /personas/{personaId}/portrait"];
