// The HTTP API's operational routes: health (no token), the admin API (admins only, every action audited), feedback.
import { randomUUID } from "node:crypto";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { isFeedbackError, type FeedbackErrorCode } from "@innerworld/conversation/feedback";
import type { SessionStore } from "@innerworld/conversation/sessions";
import { ADMIN_ROUTES, MAX_FEEDBACK_COMMENT_CHARS, OPERATIONS_ROUTES, PUBLIC_ROUTES, type EventData } from "@innerworld/events";
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { FeedbackDesk } from "../feedback";
import { isPossibleSessionId } from "../keys";
import { isAdmin } from "./adminAccess";
import { DeadLetterAdmin, type RedriveMode } from "./deadLetters";
import { checkLiveness, checkReadiness } from "./health";
import { CloudWatchQueueAges, LocalSqsQueueAges, type QueueAges } from "./queueAges";
import { isUnknownServiceError, QueueDirectory } from "./queueDirectory";

type Result = APIGatewayProxyStructuredResultV2;
type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

const json = (statusCode: number, body: unknown): Result => ({ statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const problem = (statusCode: number, code: string, message: string) => json(statusCode, { error: { code, message } });

/** Each admin route's action in the audit trail. */
const ADMIN_ACTIONS: Record<string, EventData<"AdminActionTaken">["action"]> = {
  "GET /admin/status": "view_status",
  "GET /admin/dlq/{service}": "list_dead_letters",
  "POST /admin/dlq/{service}/redrive": "redrive_dead_letters",
  "POST /admin/sessions/{sessionId}/feedback": "request_feedback",
};

/** An admin route's answer, with what its audit record counts or adds (a refusal's detail is read from the answer). */
interface AdminAnswer {
  result: Result;
  count?: number;
  detail?: string;
}

/** A refusal's `code: message`, as its audit record's detail. */
const problemOf = (result: Result): string => {
  try {
    const { error } = JSON.parse(result.body ?? "{}") as { error?: { code?: string; message?: string } };
    return error?.code ? `${error.code}: ${error.message ?? ""}` : `HTTP ${result.statusCode ?? ""}`;
  } catch {
    return `HTTP ${result.statusCode ?? ""}`;
  }
};

const FEEDBACK_STATUS: Record<FeedbackErrorCode, number> = { FEEDBACK_NOT_FOUND: 404, INVALID_CHOICE: 422, FEEDBACK_ALREADY_ANSWERED: 409, FEEDBACK_EXPIRED: 410 };

/** A JSON object body, or undefined for anything else (API Gateway may hand the body over base64-encoded). */
const bodyOf = (event: Event): Record<string, unknown> | undefined => {
  if (!event.body) return {};
  try {
    const parsed: unknown = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const redriveModeOf = (runtime: ServiceRuntime): RedriveMode => {
  const chosen = process.env.INNERWORLD_DLQ_REDRIVE;
  if (chosen === "message-move-task" || chosen === "receive-send-delete") return chosen;
  // A local SQS endpoint means fauxqs, which has no StartMessageMoveTask.
  return runtime.config.endpoints.sqs ? "receive-send-delete" : "message-move-task";
};

/** The local SQS answers for its own queues' ages; in the cloud, SQS reports them only to CloudWatch. */
const queueAgesOf = (runtime: ServiceRuntime): QueueAges => {
  const local = runtime.config.endpoints.sqs;
  if (local) return new LocalSqsQueueAges(local);
  return new CloudWatchQueueAges(new CloudWatchClient({ region: runtime.config.region, ...(runtime.config.credentials ? { credentials: runtime.config.credentials } : {}) }));
};

export interface OperationsDeps {
  sessions: SessionStore;
  feedback: () => FeedbackDesk;
}

export const createOperationsApi = (runtime: ServiceRuntime, deps: OperationsDeps) => {
  const queues = new QueueDirectory(runtime.sqs, runtime.config.serviceQueues ?? {});
  const deadLetters = new DeadLetterAdmin(runtime.sqs, queues, redriveModeOf(runtime), queueAgesOf(runtime), runtime.clock);

  const audit = async (event: Event, adminId: string, data: Omit<EventData<"AdminActionTaken">, "adminId" | "takenAt">) => {
    await runtime.publisher.publish({
      type: "AdminActionTaken",
      correlationId: event.requestContext.requestId || randomUUID(),
      userId: adminId,
      ...(data.sessionId ? { sessionId: data.sessionId } : {}),
      data: { ...data, adminId, takenAt: new Date(runtime.clock()).toISOString() },
    });
  };

  const health = async (routeKey: string): Promise<Result> => {
    if (routeKey === "GET /health") return json(200, checkLiveness());
    const readiness = await checkReadiness({
      dynamodb: runtime.dynamodbClient,
      eventBridge: runtime.eventBridge,
      sqs: runtime.sqs,
      tables: runtime.tables,
      busName: runtime.config.busName,
      queues,
    });
    return json(readiness.status === "ready" ? 200 : 503, { ...readiness, version: checkLiveness().version });
  };

  const adminRoute = async (event: Event, service: string, sessionId: string): Promise<AdminAnswer> => {
    switch (event.routeKey) {
      case "GET /admin/status": {
        const [services, sessions] = await Promise.all([deadLetters.status(), deps.sessions.countLive()]);
        return { result: json(200, { ...checkLiveness(), services, sessions, checkedAt: new Date(runtime.clock()).toISOString() }) };
      }
      case "GET /admin/dlq/{service}": {
        const limit = Number(event.queryStringParameters?.limit ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { result: problem(400, "INVALID_QUERY", "limit must be a whole number from 1 to 100") };
        const listed = await deadLetters.list(service, limit);
        return { result: json(200, { service, deadLetters: listed }), count: listed.length };
      }
      case "POST /admin/dlq/{service}/redrive": {
        const result = await deadLetters.redrive(service);
        return { result: json(202, result), count: result.moved, ...(result.taskHandle ? { detail: result.taskHandle } : {}) };
      }
      case "POST /admin/sessions/{sessionId}/feedback": {
        // An id no session can have is a missing session, before DynamoDB refuses the key as too long (a 500).
        if (!isPossibleSessionId(sessionId)) return { result: problem(404, "SESSION_NOT_FOUND", "No such session") };
        const body = bodyOf(event);
        if (!body) return { result: problem(400, "INVALID_BODY", "The body must be a JSON object: {question?, options?}") };
        const unknown = Object.keys(body).filter((field) => field !== "question" && field !== "options");
        // A misspelt field ("qestion") would otherwise open a request with the default question, silently.
        if (unknown.length > 0) return { result: problem(400, "INVALID_BODY", `Unknown fields: ${unknown.join(", ")}; the body is {question?, options?}`) };
        const { question, options } = body;
        if (question !== undefined && (typeof question !== "string" || question.trim().length === 0 || question.length > 500)) {
          return { result: problem(422, "INVALID_QUESTION", "question must be 1 to 500 characters") };
        }
        if (options !== undefined && (!Array.isArray(options) || options.length < 2 || options.length > 10 || !options.every((o) => typeof o === "string" && o.length > 0 && o.length <= 64))) {
          return { result: problem(422, "INVALID_OPTIONS", "options must be 2 to 10 strings of 1 to 64 characters") };
        }
        const session = await deps.sessions.get(sessionId);
        if (!session) return { result: problem(404, "SESSION_NOT_FOUND", "No such session") };
        const { request } = await deps.feedback().request({
          requestId: randomUUID(),
          sessionId,
          userId: session.userId,
          reason: "admin",
          ...(typeof question === "string" ? { question: question.trim() } : {}),
          ...(Array.isArray(options) ? { options: options as string[] } : {}),
          correlationId: event.requestContext.requestId || sessionId,
        });
        return { result: json(201, { requestId: request.requestId, sessionId, question: request.question, options: request.options, expiresAt: request.closesAt }), detail: request.requestId };
      }
      default:
        return { result: problem(404, "NOT_FOUND", `No route ${event.routeKey}`) };
    }
  };

  /**
   * Runs an admin's call and audits how it went, whatever it was: done, or failed (a refused query or body, an unknown
   * service or session, a store or queue that failed), with the reason in `detail`.
   */
  const admin = async (event: Event, adminId: string): Promise<Result> => {
    const action = Object.hasOwn(ADMIN_ACTIONS, event.routeKey) ? ADMIN_ACTIONS[event.routeKey] : undefined;
    if (!action) return problem(404, "NOT_FOUND", `No route ${event.routeKey}`);
    const service = event.pathParameters?.service ?? "";
    const sessionId = event.pathParameters?.sessionId ?? "";
    const about = {
      action,
      // A name no queue has is recorded as sent, within reason: the path is the caller's.
      ...(event.routeKey.includes("{service}") && service ? { service: service.slice(0, 200) } : {}),
      ...(isPossibleSessionId(sessionId) && event.routeKey.includes("{sessionId}") ? { sessionId } : {}),
    };
    let answer: AdminAnswer;
    try {
      answer = await adminRoute(event, service, sessionId);
    } catch (error) {
      const failure = isUnknownServiceError(error) ? `${error.code}: ${error.message}` : (error as Error).message;
      // The admin is told of the call's own failure; an audit that fails on top of it is logged, not answered.
      await audit(event, adminId, { ...about, outcome: "failed", detail: failure.slice(0, 1000) }).catch((auditError: unknown) =>
        runtime.logger.error("admin audit failed", { action, adminId, error: auditError as Error }),
      );
      throw error;
    }
    const { result, count, detail } = answer;
    const done = result.statusCode !== undefined && result.statusCode < 400;
    await audit(event, adminId, {
      ...about,
      outcome: done ? "done" : "failed",
      ...(count !== undefined ? { count } : {}),
      ...(done ? (detail ? { detail } : {}) : { detail: problemOf(result).slice(0, 1000) }),
    });
    return result;
  };

  const feedback = async (event: Event, userId: string): Promise<Result> => {
    const sessionId = event.pathParameters?.sessionId ?? "";
    // An id no session can have is a missing session, before DynamoDB refuses the key as too long (a 500).
    if (!isPossibleSessionId(sessionId)) return problem(404, "SESSION_NOT_FOUND", "No such session");
    const session = await deps.sessions.get(sessionId);
    // Another user's session answers like a missing one, so ids cannot be probed.
    if (!session || session.userId !== userId) return problem(404, "SESSION_NOT_FOUND", "No such session");
    if (event.routeKey === "GET /sessions/{sessionId}/feedback") return json(200, { sessionId, requests: await deps.feedback().listForSession(sessionId) });

    const body = bodyOf(event);
    const choice = body?.choice;
    const comment = body?.comment;
    if (!body || typeof choice !== "string" || choice.length === 0 || choice.length > 64 || (comment !== undefined && typeof comment !== "string")) {
      return problem(400, "INVALID_BODY", "The body must be {\"choice\": one of the request's options, \"comment\"?: text}");
    }
    if (typeof comment === "string" && comment.length > MAX_FEEDBACK_COMMENT_CHARS) {
      return problem(413, "COMMENT_TOO_LONG", `A comment may have at most ${MAX_FEEDBACK_COMMENT_CHARS} characters`);
    }
    const requestId = event.pathParameters?.requestId ?? "";
    const request = await deps.feedback().listForSession(sessionId).then((all) => all.find((r) => r.requestId === requestId));
    if (!request) return problem(404, "FEEDBACK_NOT_FOUND", "No such feedback request in this session");
    try {
      const outcome = await deps.feedback().answer({
        userId,
        requestId,
        choice,
        comment: typeof comment === "string" ? comment : undefined,
        channel: "http",
        correlationId: event.requestContext.requestId || requestId,
      });
      return json(200, {
        requestId,
        sessionId,
        status: "answered",
        choice,
        ...(outcome.safetyNotice ? { safetyNotice: outcome.safetyNotice } : {}),
      });
    } catch (error) {
      if (isFeedbackError(error)) return problem(FEEDBACK_STATUS[error.code], error.code, error.message);
      throw error;
    }
  };

  /**
   * Answers the routes this module owns; undefined for any other route, which the read API then serves.
   * `authorized`: the read API found the token's claims acceptable (beyond API Gateway's own signature check).
   */
  return (event: Event, authorized: boolean): Promise<Result> | undefined => {
    if (!OPERATIONS_ROUTES.includes(event.routeKey)) return undefined;
    if (PUBLIC_ROUTES.includes(event.routeKey)) return health(event.routeKey);
    const claims = event.requestContext.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
    const userId = claims?.sub;
    if (!authorized || typeof userId !== "string" || !userId) return Promise.resolve(problem(401, "UNAUTHORIZED", "A valid token is required"));
    const run = async (): Promise<Result> => {
      try {
        if (ADMIN_ROUTES.includes(event.routeKey)) {
          if (!isAdmin(claims)) {
            // Not an admin action, so not an AdminActionTaken (whose adminId is an admin): a security line in the log.
            runtime.logger.warn("admin api refused to a non-admin", { security: "admin_refused", userId, routeKey: event.routeKey, requestId: event.requestContext.requestId });
            return problem(403, "FORBIDDEN", "Only admins may use the admin API");
          }
          return await admin(event, userId);
        }
        return await feedback(event, userId);
      } catch (error) {
        if (isUnknownServiceError(error)) return problem(404, error.code, error.message);
        throw error;
      }
    };
    return run();
  };
};
