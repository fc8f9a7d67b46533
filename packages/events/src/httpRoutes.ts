// Route keys of the HTTP API the gateway serves beyond the read API: infra, the local cloud and the handler share them.

/** Served without the JWT authorizer: liveness and readiness probes. */
export const PUBLIC_ROUTES = ["GET /health", "GET /health/ready"];
/** Admins only (`cognito:groups` has `admins`); every action is recorded as AdminActionTaken. */
export const ADMIN_ROUTES = ["GET /admin/status", "GET /admin/dlq/{service}", "POST /admin/dlq/{service}/redrive", "POST /admin/sessions/{sessionId}/feedback"];
export const FEEDBACK_ROUTES = ["GET /sessions/{sessionId}/feedback", "POST /sessions/{sessionId}/feedback/{requestId}/respond"];
export const OPERATIONS_ROUTES = [...PUBLIC_ROUTES, ...ADMIN_ROUTES, ...FEEDBACK_ROUTES];
