// The $connect authorizer against tokens signed with the issuer's own key: only sound ID tokens let anyone in.
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenAuthorizer } from "./auth";
import { assertTokenPolicy, claimsProblem, headerProblem, isTokenRefusedError, jwtHeaderOf } from "./tokenPolicy";

const ISSUER = "https://issuer.test";
const AUDIENCE = "innerworld-test";
const NOW_MS = Date.parse("2026-06-01T12:00:00Z");
const NOW = NOW_MS / 1000;
// Far enough ahead that the verifier's own expiry check (which reads the system clock) never trips.
const FAR_FUTURE = Date.parse("2100-01-01T00:00:00Z") / 1000;

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const signToken = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
  const input = `${b64({ alg: "RS256", kid: "k1", typ: "JWT", ...header })}.${b64(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
};
const sound = { iss: ISSUER, aud: AUDIENCE, sub: "alex", token_use: "id", iat: NOW, exp: FAR_FUTURE };
const without = (key: keyof typeof sound) => Object.fromEntries(Object.entries(sound).filter(([k]) => k !== key));

const authorize = createTokenAuthorizer({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${ISSUER}/jwks.json`, jwks: { keys: [jwk] } }, () => NOW_MS);
const connect = (token: string) => authorize({ methodArn: "arn:aws:execute-api:us-east-1:0:api/local/$connect", queryStringParameters: { token } });

describe("createTokenAuthorizer", () => {
  it("lets a sound ID token in as its sub, with when it was issued (for $connect's erasure check)", async () => {
    const result = await connect(signToken(sound));

    expect(result.principalId).toBe("alex");
    expect(result.context).toEqual({ userId: "alex", issuedAt: String(sound.iat) });
  });

  it.each([
    ["no exp", without("exp"), {}],
    ["token_use access", { ...sound, token_use: "access" }, {}],
    ["no token_use", without("token_use"), {}],
    ["iat a day ahead", { ...sound, iat: NOW + 86_400 }, {}],
    ["no iat", without("iat"), {}],
    ["no sub", without("sub"), {}],
    ["an empty sub", { ...sound, sub: "" }, {}],
    ["an unknown crit header", sound, { crit: ["x-innerworld"], "x-innerworld": true }],
    ["an embedded jwk", sound, { jwk }],
    ["a jku", sound, { jku: "https://attacker.test/jwks.json" }],
    ["a wrong issuer", { ...sound, iss: "https://attacker.test" }, {}],
    ["a wrong audience", { ...sound, aud: "someone-else" }, {}],
  ])("refuses a token with %s as Unauthorized (401, never a 500)", async (_case, claims, header) => {
    await expect(connect(signToken(claims, header))).rejects.toThrow(/^Unauthorized$/);
  });

  it("refuses alg none and a forged signature", async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64(sound)}.`;
    const [head, body] = signToken(sound).split(".");
    const forged = `${head}.${body}.${Buffer.from("forged").toString("base64url")}`;

    await expect(connect(unsigned)).rejects.toThrow(/^Unauthorized$/);
    await expect(connect(forged)).rejects.toThrow(/^Unauthorized$/);
  });
});

describe("token policy", () => {
  it("allows a minute of clock skew on iat, no more", () => {
    expect(claimsProblem({ ...sound, iat: NOW + 60 }, NOW_MS)).toBeUndefined();
    expect(claimsProblem({ ...sound, iat: NOW + 61 }, NOW_MS)).toBe("iat is in the future");
  });

  // An HTTP API's JWT authorizer passes every claim on as a string; the same token read there must pass the same way.
  it("reads exp and iat given as strings of digits, as an HTTP API's authorizer passes them, and nothing else as a time", () => {
    const stringified = Object.fromEntries(Object.entries(sound).map(([name, value]) => [name, String(value)]));
    expect(claimsProblem(stringified, NOW_MS)).toBeUndefined();
    expect(claimsProblem({ ...stringified, exp: String(NOW) }, NOW_MS)).toBe("the token has expired");
    expect(claimsProblem({ ...stringified, iat: String(NOW + 61) }, NOW_MS)).toBe("iat is in the future");
    for (const exp of ["", "soon", "1e12", "-5", " 99999999999"]) expect(claimsProblem({ ...stringified, exp }, NOW_MS)).toBe("exp is required");
    expect(claimsProblem({ ...sound, iat: Number.NaN }, NOW_MS)).toBe("iat is required");
  });

  it("reads a header only when it is JSON", () => {
    expect(headerProblem(jwtHeaderOf("not-base64-json.x.y"))).toBe("the header is not JSON");
    expect(headerProblem(jwtHeaderOf(signToken(sound)))).toBeUndefined();
  });
});

describe("assertTokenPolicy", () => {
  it("throws a TokenRefusedError, recognised by its guard, with the reason", () => {
    const refused: unknown = (() => {
      try {
        assertTokenPolicy("not-a-jwt", { sub: "u1" }, 0);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(isTokenRefusedError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: "TOKEN_REFUSED", reason: "the header is not JSON" });
    expect(isTokenRefusedError(new Error("Unauthorized"))).toBe(false);
  });
});
