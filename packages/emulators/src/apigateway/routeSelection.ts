// Picks the route a message goes to from the API's route selection expression, as API Gateway does.
import { InvalidRouteSelectionExpressionError } from "./errors.js";

/**
 * Returns the route key a text message selects, or undefined when it selects none (then $default applies). Binary
 * messages never reach a route: the socket is closed with 1003 (routeMessage.ts).
 */
export type RouteSelector = (body: string) => string | undefined;

/**
 * Compiles `$request.body.a.b` or `${request.body.a.b}`, the forms a Lambda-proxy WebSocket API uses.
 * Without an expression there is nothing to select on and everything goes to $default.
 */
export function compileRouteSelection(expression: string | undefined): RouteSelector {
  if (expression === undefined) return () => undefined;
  const match = /^(?:\$request\.body\.([A-Za-z0-9_$.-]+)|\$\{request\.body\.([A-Za-z0-9_$.-]+)\})$/.exec(expression.trim());
  const path = (match?.[1] ?? match?.[2])?.split(".");
  if (path === undefined || path.some((segment) => segment === "")) {
    throw new InvalidRouteSelectionExpressionError(expression);
  }
  return (body) => {
    // A message that is not JSON cannot be evaluated; API Gateway sends it to $default.
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
    for (const segment of path) {
      if (typeof value !== "object" || value === null) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    if (typeof value === "string") return value;
    return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  };
}
