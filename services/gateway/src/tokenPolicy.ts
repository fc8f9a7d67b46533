// What a verified token must also say before it lets anyone in: the checks a signature and an issuer cannot make.
export interface TokenPolicyOptions {
  /** Seconds a token's `iat` may run ahead of our clock (clock skew between issuer and us). */
  clockSkewSeconds?: number;
}

const DEFAULT_CLOCK_SKEW_SECONDS = 60;
const MAX_SUB_CHARS = 128;

/** Header parameters that would let a token name its own key or demand rules we do not apply. */
const REFUSED_HEADER_PARAMETERS = ["jwk", "jku", "x5u", "x5c", "crit"] as const;

export class TokenRefusedError extends Error {
  override readonly name = "TokenRefusedError";
  readonly code = "TOKEN_REFUSED";
  constructor(readonly reason: string) {
    super(`Token refused: ${reason}`);
  }
}

export const isTokenRefusedError = (error: unknown): error is TokenRefusedError =>
  error instanceof Error && (error as { code?: unknown }).code === "TOKEN_REFUSED";

/** The decoded JOSE header of a compact JWT, or undefined when it is not one. */
export const jwtHeaderOf = (token: string): Record<string, unknown> | undefined => {
  const [segment] = token.split(".");
  if (!segment) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && !Array.isArray(header) ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The reason a header is refused, or undefined: an unknown `crit` must be refused (RFC 7515 §4.1.11). */
export const headerProblem = (header: Record<string, unknown> | undefined): string | undefined => {
  if (!header) return "the header is not JSON";
  const named = REFUSED_HEADER_PARAMETERS.find((name) => Object.hasOwn(header, name));
  return named ? `header parameter "${named}" is not accepted` : undefined;
};

/**
 * A time claim in seconds. A token carries numbers; an HTTP API's JWT authorizer hands every claim to the function as a
 * string ("exp": "1612061676"), so digits in a string are read as the same number.
 */
const secondsOf = (value: unknown): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return typeof value === "string" && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
};

/**
 * The reason verified claims are refused, or undefined. A session must end (exp), must be issued for signing
 * in (an ID token, as Cognito's `token_use` says), must not come from the future, and must name a user.
 */
export const claimsProblem = (claims: Record<string, unknown>, nowMs: number, options: TokenPolicyOptions = {}): string | undefined => {
  const now = Math.floor(nowMs / 1000);
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const { sub, token_use: tokenUse } = claims;
  const exp = secondsOf(claims.exp);
  const iat = secondsOf(claims.iat);
  if (typeof sub !== "string" || sub.length === 0 || sub.length > MAX_SUB_CHARS) return "sub must name the user";
  if (exp === undefined) return "exp is required";
  if (exp <= now) return "the token has expired";
  if (iat === undefined) return "iat is required";
  if (iat > now + skew) return "iat is in the future";
  if (tokenUse !== "id") return "only ID tokens (token_use id) sign in";
  return undefined;
};

/** Throws TokenRefusedError unless both the header and the claims pass. */
export const assertTokenPolicy = (token: string, claims: Record<string, unknown>, nowMs: number, options: TokenPolicyOptions = {}): void => {
  const problem = headerProblem(jwtHeaderOf(token)) ?? claimsProblem(claims, nowMs, options);
  if (problem) throw new TokenRefusedError(problem);
};
