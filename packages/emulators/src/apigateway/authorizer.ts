// Runs the $connect REQUEST authorizer and turns its answer into API Gateway's verdict: 401, 403, 500 or let in.
import type { APIGatewayAuthorizerResult, Context } from "aws-lambda";
import { AuthorizerConfigurationError } from "./errors.js";
import { invokeIntegration, type LambdaTarget } from "./lambdaInvoke.js";
import type { WebSocketAuthorizer, WebSocketAuthorizerContext, WebSocketAuthorizerEvent } from "./types.js";

export type AuthorizerVerdict =
  | { outcome: "allow"; context: WebSocketAuthorizerContext }
  /** The authorizer threw "Unauthorized": AWS answers 401. */
  | { outcome: "unauthorized" }
  /** No Allow for this route, or an explicit Deny: AWS answers 403. */
  | { outcome: "deny" }
  /** Any other failure or a malformed result: AWS answers 500. */
  | { outcome: "error"; error: unknown };

export async function authorizeConnect(
  authorizer: WebSocketAuthorizer,
  event: WebSocketAuthorizerEvent,
  target: LambdaTarget & { timeoutMs: number },
): Promise<AuthorizerVerdict> {
  const startedAt = Date.now();
  // The REST-only half of the declared event type is not there, as on AWS; see WebSocketAuthorizer.
  const run = authorizer as (event: WebSocketAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;
  let result: APIGatewayAuthorizerResult;
  try {
    result = await invokeIntegration(run, event, { ...target, routeKey: "$connect authorizer" }).result;
  } catch (error) {
    return isUnauthorized(error) ? { outcome: "unauthorized" } : { outcome: "error", error };
  }
  try {
    if (!isPolicyAllowing(result, event.methodArn)) return { outcome: "deny" };
    return { outcome: "allow", context: authorizerContext(result, Date.now() - startedAt) };
  } catch (error) {
    return { outcome: "error", error };
  }
}

/** Lambda authorizers signal 401 by failing with exactly "Unauthorized" (thrown Error or string). */
function isUnauthorized(error: unknown): boolean {
  return error === "Unauthorized" || (error instanceof Error && error.message === "Unauthorized");
}

interface LooseStatement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
}

/** IAM evaluation reduced to what authorizer policies use: an explicit Deny wins, else an Allow is needed. */
function isPolicyAllowing(result: APIGatewayAuthorizerResult, resource: string): boolean {
  const document: unknown = (result as Partial<APIGatewayAuthorizerResult> | undefined)?.policyDocument;
  if (typeof document !== "object" || document === null) {
    throw new AuthorizerConfigurationError("policyDocument is missing");
  }
  const raw: unknown = (document as { Statement?: unknown }).Statement;
  // IAM accepts a single statement object as well as a list.
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as LooseStatement[];
  const applying = statements.filter(
    (statement) =>
      matchesElement(statement.Action, statement.NotAction, "execute-api:Invoke", false) &&
      matchesElement(statement.Resource, statement.NotResource, resource, true),
  );
  if (applying.some((statement) => statement.Effect === "Deny")) return false;
  return applying.some((statement) => statement.Effect === "Allow");
}

function matchesElement(positive: unknown, negative: unknown, value: string, caseSensitive: boolean): boolean {
  if (positive !== undefined) return toList(positive).some((pattern) => globMatches(pattern, value, caseSensitive));
  if (negative !== undefined) return !toList(negative).some((pattern) => globMatches(pattern, value, caseSensitive));
  return false;
}

const toList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");

/** IAM wildcards: `*` any run of characters, `?` one character. Actions compare case-insensitively, ARNs do not. */
function globMatches(pattern: string, value: string, caseSensitive: boolean): boolean {
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, caseSensitive ? "" : "i").test(value);
}

/**
 * The context API Gateway hands to every route of the connection: values stringified ("123", "true"),
 * nulls kept, undefined dropped; objects and arrays make AWS fail the connect with a 500, so they do here too.
 */
function authorizerContext(result: APIGatewayAuthorizerResult, integrationLatency: number): WebSocketAuthorizerContext {
  if (typeof result.principalId !== "string") throw new AuthorizerConfigurationError("principalId must be a string");
  const context: WebSocketAuthorizerContext = { principalId: result.principalId, integrationLatency };
  for (const [key, value] of Object.entries(result.context ?? {})) {
    if (value === undefined) continue;
    if (value === null || typeof value === "string") context[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") context[key] = String(value);
    else throw new AuthorizerConfigurationError(`context.${key} must be a string, number or boolean`);
  }
  // The authorizer's own context cannot overwrite who API Gateway says the caller is.
  context.principalId = result.principalId;
  context.integrationLatency = integrationLatency;
  return context;
}
