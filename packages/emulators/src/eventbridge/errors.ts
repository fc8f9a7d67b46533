// AWS-shaped EventBridge errors: one class carrying the wire error code and HTTP status, plus constructors for the codes we emit.
import { JSON_SERVICE_EXCEPTIONS, type SignatureProblem } from "../sigv4";

/** The error codes this emulator sends back, named as EventBridge names them on the wire. */
export type EventBridgeErrorCode =
  | "ValidationException"
  | "SerializationException"
  | "UnknownOperationException"
  | "ResourceNotFoundException"
  | "ResourceAlreadyExistsException"
  | "InvalidEventPatternException"
  | "LimitExceededException"
  | "IllegalStatusException"
  | "RequestEntityTooLargeException"
  | "InternalException"
  | "InvalidToken"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "UnrecognizedClientException"
  | "InvalidSignatureException";

/**
 * An error the server turns into `{"__type": code, "message": ...}` with header `x-amzn-ErrorType`.
 * It carries a constant `code` (not only a class) so callers across package boundaries can recognise it.
 */
export class EventBridgeApiError extends Error {
  override readonly name = "EventBridgeApiError";
  readonly code: EventBridgeErrorCode;
  readonly statusCode: number;

  constructor(code: EventBridgeErrorCode, message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.statusCode = options.statusCode ?? (code === "InternalException" ? 500 : 400);
  }
}

export const isEventBridgeApiError = (error: unknown): error is EventBridgeApiError =>
  error instanceof Error && (error as { name?: unknown }).name === "EventBridgeApiError" && typeof (error as { code?: unknown }).code === "string";

export const validationError = (message: string): EventBridgeApiError => new EventBridgeApiError("ValidationException", message);

export const serializationError = (message: string): EventBridgeApiError => new EventBridgeApiError("SerializationException", message);

export const resourceNotFound = (message: string): EventBridgeApiError => new EventBridgeApiError("ResourceNotFoundException", message);

export const resourceAlreadyExists = (message: string): EventBridgeApiError =>
  new EventBridgeApiError("ResourceAlreadyExistsException", message);

export const invalidEventPattern = (message: string, cause?: unknown): EventBridgeApiError =>
  new EventBridgeApiError("InvalidEventPatternException", message, { cause });

/**
 * A NextToken this emulator did not give out for the same request (operations/pagination.ts): EventBridge's List*
 * operations answer a token they cannot use with HTTP 400 `InvalidToken` (their API reference, on NextToken), an error
 * no operation models, so SDKs raise it by name.
 */
export const invalidToken = (): EventBridgeApiError => new EventBridgeApiError("InvalidToken", "The NextToken provided is invalid.");

export const limitExceeded = (message: string): EventBridgeApiError => new EventBridgeApiError("LimitExceededException", message);

export const illegalStatus = (message: string): EventBridgeApiError => new EventBridgeApiError("IllegalStatusException", message);

export const unknownOperation = (operation: string): EventBridgeApiError =>
  new EventBridgeApiError("UnknownOperationException", operation ? `Operation ${operation} is not supported by this EventBridge emulator.` : "Missing or malformed X-Amz-Target header.");

export const internalError = (cause: unknown): EventBridgeApiError =>
  new EventBridgeApiError("InternalException", "Service encountered unexpected problem. Please try again.", { cause });

/** A request whose signature does not pass (sigv4.ts), refused with 400 as EventBridge refuses it. */
export const signatureRefused = (problem: SignatureProblem, message: string): EventBridgeApiError =>
  new EventBridgeApiError(JSON_SERVICE_EXCEPTIONS[problem], message);

export const eventBusNotFound = (busName: string): EventBridgeApiError => resourceNotFound(`Event bus ${busName} does not exist.`);

export const ruleNotFound = (ruleName: string, busName: string): EventBridgeApiError =>
  resourceNotFound(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
