// The dev token issuer standing in for Cognito: signs ID tokens with a local key and serves its JWKS.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from "jose";
import { listen } from "../net";

export const DEV_AUDIENCE = "innerworld-local";
/**
 * The issuer named in every token. It holds no port: a restart on other ports (`--ephemeral-ports`) must still
 * accept the tokens minted before it, as the key kept in the data dir promises. The keys are served from the
 * issuer's real URL (`jwksUri`), which the verifiers are given separately.
 */
export const DEV_ISSUER = "https://dev-issuer.innerworld.localhost";
const ALGORITHM = "RS256";
const MAX_BODY_BYTES = 16 * 1024;

export interface DevIssuerOptions {
  port: number;
  /** Where the signing key is kept, so tokens minted before a restart still verify after it. */
  dataDir?: string;
  audience?: string;
  /** The `iss` claim (default DEV_ISSUER). */
  issuer?: string;
}

export interface DevIssuer {
  issuer: string;
  jwksUri: string;
  tokenUrl: string;
  audience: string;
  jwks: { keys: JWK[] };
  mintToken(claims: TokenRequest): Promise<{ token: string; expiresAt: string }>;
  /** The claims of a token this issuer minted for its audience, still valid; undefined for any other. */
  verifyToken(token: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export interface TokenRequest {
  sub: string;
  email?: string;
  audience?: string;
  /** Cognito user pool groups, minted as the `cognito:groups` claim (`["admins"]` makes an admin). */
  groups?: string[];
  /** Seconds; negative mints an already-expired token, which tests of the authorizer need. */
  expiresInSeconds?: number;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

const loadOrCreateKey = async (dataDir?: string): Promise<StoredKey> => {
  const path = dataDir ? join(dataDir, "dev-issuer-key.json") : undefined;
  if (path) {
    const stored = await readFile(path, "utf8").then((text) => JSON.parse(text) as StoredKey).catch(() => undefined);
    if (stored) return stored;
  }
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const key: StoredKey = { kid: randomUUID(), privateJwk: await exportJWK(privateKey) };
  if (path && dataDir) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(path, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
};

const parseTokenRequest = (body: string): TokenRequest => {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== "object" || parsed === null) throw new TypeError("body must be a JSON object");
  const { sub, email, audience, expiresInSeconds, groups } = parsed as Record<string, unknown>;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > 128) throw new TypeError("sub must be a non-empty string of at most 128 characters");
  if (email !== undefined && typeof email !== "string") throw new TypeError("email must be a string");
  if (audience !== undefined && typeof audience !== "string") throw new TypeError("audience must be a string");
  if (expiresInSeconds !== undefined && !Number.isInteger(expiresInSeconds)) throw new TypeError("expiresInSeconds must be an integer");
  if (groups !== undefined && (!Array.isArray(groups) || groups.length > 20 || !groups.every((g) => typeof g === "string" && g.length > 0 && g.length <= 128))) {
    throw new TypeError("groups must be a list of at most 20 group names");
  }
  return {
    sub,
    ...(email ? { email } : {}),
    ...(audience ? { audience } : {}),
    ...(expiresInSeconds !== undefined ? { expiresInSeconds: expiresInSeconds as number } : {}),
    ...(Array.isArray(groups) && groups.length > 0 ? { groups: groups as string[] } : {}),
  };
};

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new RangeError("body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

export const startDevIssuer = async (options: DevIssuerOptions): Promise<DevIssuer> => {
  const key = await loadOrCreateKey(options.dataDir);
  const privateKey = await importJWK(key.privateJwk, ALGORITHM);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = key.privateJwk;
  const jwks = { keys: [{ ...publicJwk, kid: key.kid, alg: ALGORITHM, use: "sig" }] };
  const audience = options.audience ?? DEV_AUDIENCE;
  const issuer = options.issuer ?? DEV_ISSUER;
  let url = "";

  const mintToken = async (request: TokenRequest) => {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + (request.expiresInSeconds ?? 3600);
    const token = await new SignJWT({
      token_use: "id",
      "cognito:username": request.sub,
      ...(request.email ? { email: request.email, email_verified: true } : {}),
      ...(request.groups?.length ? { "cognito:groups": request.groups } : {}),
    })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: "JWT" })
      .setIssuer(issuer)
      .setSubject(request.sub)
      .setAudience(request.audience ?? audience)
      .setIssuedAt(Math.min(now, expiresAt - 1))
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/.well-known/jwks.json") return sendJson(response, 200, jwks);
    if (request.method === "GET" && path === "/.well-known/openid-configuration") {
      return sendJson(response, 200, { issuer, jwks_uri: `${url}/.well-known/jwks.json`, id_token_signing_alg_values_supported: [ALGORITHM] });
    }
    if (request.method === "POST" && path === "/token") {
      readBody(request)
        .then(parseTokenRequest)
        .then(mintToken)
        .then((minted) => sendJson(response, 200, minted))
        .catch((error: unknown) => sendJson(response, 400, { error: "invalid_request", message: (error as Error).message }));
      return;
    }
    sendJson(response, 404, { error: "not_found", message: `${request.method} ${path} is not served here` });
  });
  url = await listen(server, options.port);
  return {
    issuer,
    jwksUri: `${url}/.well-known/jwks.json`,
    tokenUrl: `${url}/token`,
    audience,
    jwks,
    mintToken,
    verifyToken: async (token) => {
      try {
        return (await jwtVerify(token, await importJWK(publicJwk, ALGORITHM), { issuer, audience, algorithms: [ALGORITHM] })).payload;
      } catch {
        return undefined;
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
