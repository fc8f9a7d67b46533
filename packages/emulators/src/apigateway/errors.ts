// Errors of the emulator, each carrying what API Gateway would put on the wire (status, x-amzn-ErrorType, message).
import { JSON_SERVICE_EXCEPTIONS, type SignatureProblem } from "../sigv4";

/** A failed @connections call, rendered as API Gateway renders it so the AWS SDK and CLI deserialize it. */
export class ManagementApiError extends Error {
  public override readonly name = "ManagementApiError";
  public readonly code = "MANAGEMENT_API_ERROR";

  public constructor(
    public readonly statusCode: number,
    /** The `x-amzn-ErrorType` header: the SDK picks the exception class by this name. */
    public readonly errorType: string,
    /** The JSON body's `message`; API Gateway sends `null` for GoneException. */
    public readonly wireMessage: string | null,
  ) {
    super(`${errorType} (${statusCode})${wireMessage === null ? "" : `: ${wireMessage}`}`);
  }
}

export const goneError = (): ManagementApiError => new ManagementApiError(410, "GoneException", null);

export const payloadTooLargeError = (limit: number): ManagementApiError =>
  new ManagementApiError(413, "PayloadTooLargeException", `Message too long; the limit is ${limit} bytes`);

export const notFoundError = (method: string, path: string): ManagementApiError =>
  new ManagementApiError(404, "NotFoundException", `No route for ${method} ${path}`);

/** A request whose signature does not pass (sigv4.ts): API Gateway's IAM authorization answers 403 to each kind. */
export const signatureRefused = (problem: SignatureProblem, message: string): ManagementApiError =>
  new ManagementApiError(403, JSON_SERVICE_EXCEPTIONS[problem], problem === "missing" ? "Missing Authentication Token" : message);

export const isManagementApiError = (error: unknown): error is ManagementApiError =>
  error instanceof Error && (error as { code?: unknown }).code === "MANAGEMENT_API_ERROR";

/** The route selection expression is not one this emulator evaluates; raised at start so a typo cannot hide. */
export class InvalidRouteSelectionExpressionError extends Error {
  public override readonly name = "InvalidRouteSelectionExpressionError";
  public readonly code = "INVALID_ROUTE_SELECTION_EXPRESSION";

  public constructor(public readonly expression: string) {
    super(`Unsupported routeSelectionExpression "${expression}": use $request.body.<path> or \${request.body.<path>}`);
  }
}

/** The authorizer answered something API Gateway rejects (no policy, non-scalar context); AWS answers 500. */
export class AuthorizerConfigurationError extends Error {
  public override readonly name = "AuthorizerConfigurationError";
  public readonly code = "AUTHORIZER_CONFIGURATION";

  public constructor(reason: string, options?: { cause?: unknown }) {
    super(`Invalid authorizer result: ${reason}`, options);
  }
}

/** A route integration did not settle within API Gateway's integration timeout. */
export class IntegrationTimeoutError extends Error {
  public override readonly name = "IntegrationTimeoutError";
  public readonly code = "INTEGRATION_TIMEOUT";

  public constructor(
    public readonly routeKey: string,
    public readonly timeoutMs: number,
  ) {
    super(`Route ${routeKey} did not answer within ${timeoutMs} ms`);
  }
}
