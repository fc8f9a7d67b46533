// Tokens an attacker with the issuer's key (or without it) could present: signed with the dev issuer's key from the data dir.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalEndpoints } from "@innerworld/local";

interface StoredKey {
  kid: string;
  privateJwk: Record<string, unknown>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export interface ForgedTokenCase {
  name: string;
  /** Claims over the sound ones (`undefined` removes a claim), or a function of now in epoch seconds giving them. */
  claims?: Record<string, unknown> | ((nowSeconds: number) => Record<string, unknown>);
  header?: Record<string, unknown>;
  /** How the token is signed: by the issuer's key (default), by another key, or not at all. */
  signature?: "issuer" | "other-key" | "none" | "garbage";
}

export interface TokenForge {
  /** A token for `sub` with sound claims, signed by the issuer's key, then bent as the case says. */
  forge(sub: string, tokenCase?: ForgedTokenCase): string;
}

export const tokenForge = async (dataDir: string, endpoints: Pick<LocalEndpoints, "issuer" | "audience">, nowMs: () => number = Date.now): Promise<TokenForge> => {
  const stored = JSON.parse(await readFile(join(dataDir, "dev-issuer-key.json"), "utf8")) as StoredKey;
  const issuerKey = createPrivateKey({ key: stored.privateJwk as never, format: "jwk" });
  let otherKey: KeyObject | undefined;
  return {
    forge(sub, tokenCase = { name: "sound" }) {
      const now = Math.floor(nowMs() / 1000);
      const claims: Record<string, unknown> = { iss: endpoints.issuer, aud: endpoints.audience, sub, token_use: "id", iat: now, exp: now + 3600, ...(typeof tokenCase.claims === "function" ? tokenCase.claims(now) : tokenCase.claims) };
      for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
      const header = { alg: tokenCase.signature === "none" ? "none" : "RS256", kid: stored.kid, typ: "JWT", ...tokenCase.header };
      const input = `${b64(header)}.${b64(claims)}`;
      switch (tokenCase.signature) {
        case "none":
          return `${input}.`;
        case "garbage":
          return `${input}.${Buffer.from("not a signature").toString("base64url")}`;
        case "other-key":
          otherKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
          return `${input}.${sign("sha256", Buffer.from(input), otherKey).toString("base64url")}`;
        default:
          return `${input}.${sign("sha256", Buffer.from(input), issuerKey).toString("base64url")}`;
      }
    },
  };
};

/** Tokens that must be refused on every surface (WebSocket $connect and the read API), by what is wrong with them. */
export const REFUSED_TOKEN_CASES: readonly ForgedTokenCase[] = [
  { name: "no exp", claims: { exp: undefined } },
  { name: "expired", claims: (now) => ({ exp: now - 600 }) },
  { name: "token_use access", claims: { token_use: "access" } },
  { name: "token_use missing", claims: { token_use: undefined } },
  { name: "iat a day ahead", claims: (now) => ({ iat: now + 86_400 }) },
  { name: "unknown crit header", header: { crit: ["x-innerworld"], "x-innerworld": 1 } },
  { name: "alg none", signature: "none" },
  { name: "forged signature", signature: "garbage" },
  { name: "signed by another key", signature: "other-key" },
  { name: "wrong iss", claims: { iss: "https://attacker.example" } },
  { name: "wrong aud", claims: { aud: "someone-else" } },
  { name: "unknown kid", header: { kid: "no-such-key" } },
  { name: "embedded jwk", header: { jwk: { kty: "RSA", n: "AQAB", e: "AQAB" } } },
  { name: "jku", header: { jku: "http://127.0.0.1:1/jwks.json" } },
  { name: "no sub", claims: { sub: undefined } },
  { name: "empty sub", claims: { sub: "" } },
  { name: "alg HS256", header: { alg: "HS256" } },
  { name: "no iat", claims: { iat: undefined } },
  { name: "nbf ahead", claims: (now) => ({ nbf: now + 86_400 }) },
  { name: "aud list without ours", claims: { aud: ["a", "b"] } },
];
