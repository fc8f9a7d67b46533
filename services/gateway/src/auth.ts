// The $connect REQUEST authorizer: verifies a Cognito (or dev issuer) JWT with aws-jwt-verify, once per connection.
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { assertTokenPolicy } from "./tokenPolicy";

export type AuthConfig =
  | { kind?: "issuer"; issuer: string; audience: string; jwksUri: string; /** Primes the key cache, so verification needs no fetch. */ jwks?: unknown }
  | { kind: "cognito"; userPoolId: string; clientId: string };

interface AuthorizerEvent {
  methodArn: string;
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
}

/** Clients that cannot set headers on a WebSocket send the token as a subprotocol: `Sec-WebSocket-Protocol: innerworld, <jwt>`. */
export const TOKEN_SUBPROTOCOL = "innerworld";

const headerOf = (headers: AuthorizerEvent["headers"], name: string): string | undefined => {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
};

export const tokenFrom = (event: AuthorizerEvent): string | undefined => {
  const fromQuery = event.queryStringParameters?.token;
  if (fromQuery) return fromQuery;
  const offered = headerOf(event.headers, "sec-websocket-protocol")?.split(",").map((p) => p.trim()) ?? [];
  return offered.find((p) => p !== TOKEN_SUBPROTOCOL && p.split(".").length === 3);
};

type Verify = (token: string) => Promise<Record<string, unknown>>;

const verifierFor = (config: AuthConfig): Verify => {
  if (config.kind === "cognito") {
    const verifier = CognitoJwtVerifier.create({ userPoolId: config.userPoolId, tokenUse: "id", clientId: config.clientId });
    return (token) => verifier.verify(token) as unknown as Promise<Record<string, unknown>>;
  }
  const verifier = JwtVerifier.create({ issuer: config.issuer, audience: config.audience, jwksUri: config.jwksUri });
  if (config.jwks) verifier.cacheJwks(config.jwks as Parameters<typeof verifier.cacheJwks>[0]);
  return (token) => verifier.verify(token) as unknown as Promise<Record<string, unknown>>;
};

export const createTokenAuthorizer = (config: AuthConfig, clock: () => number = Date.now) => {
  const verify = verifierFor(config);
  return async (event: AuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const token = tokenFrom(event);
    // API Gateway turns this exact message into 401; anything else it treats as a server error.
    if (!token) throw new Error("Unauthorized");
    let claims: { sub: string; iat?: number };
    try {
      const verified = await verify(token);
      // The signature is good; the claims must also make sense (exp, iat, token_use, sub, no crit).
      assertTokenPolicy(token, verified, clock());
      claims = verified as { sub: string; iat?: number };
    } catch {
      throw new Error("Unauthorized");
    }
    return {
      principalId: claims.sub,
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: event.methodArn }],
      },
      // When the token was issued, so $connect can refuse one issued before the account was erased.
      context: { userId: claims.sub, ...(typeof claims.iat === "number" ? { issuedAt: String(claims.iat) } : {}) },
    };
  };
};

/**
 * The claims of a token that passes every check the authorizer makes, undefined for any other: for surfaces that take a
 * token outside API Gateway's authorizers (the local event tap) or optionally (a survey's owner sees more than a friend).
 */
export const createClaimsVerifier = (config: AuthConfig, clock: () => number = Date.now) => {
  const verify = verifierFor(config);
  return async (token: string): Promise<Record<string, unknown> | undefined> => {
    try {
      const verified = await verify(token);
      assertTokenPolicy(token, verified, clock());
      return verified;
    } catch {
      return undefined;
    }
  };
};

/** Cognito in the cloud; any issuer with a JWKS (the local dev issuer) elsewhere. */
export const authConfigFromEnv = (env: NodeJS.ProcessEnv): AuthConfig => {
  if (env.INNERWORLD_USER_POOL_ID && env.INNERWORLD_USER_POOL_CLIENT_ID) {
    return { kind: "cognito", userPoolId: env.INNERWORLD_USER_POOL_ID, clientId: env.INNERWORLD_USER_POOL_CLIENT_ID };
  }
  const { INNERWORLD_JWT_ISSUER: issuer, INNERWORLD_JWT_AUDIENCE: audience, INNERWORLD_JWKS_URI: jwksUri } = env;
  if (!issuer || !audience || !jwksUri) throw new Error("gateway needs INNERWORLD_USER_POOL_ID/_CLIENT_ID or INNERWORLD_JWT_ISSUER/_AUDIENCE/INNERWORLD_JWKS_URI");
  return { issuer, audience, jwksUri };
};
