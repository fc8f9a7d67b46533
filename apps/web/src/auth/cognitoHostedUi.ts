// Cloud sign-in through the Cognito hosted UI: authorization code with PKCE (a public client holds no secret), for an ID token.
import type { AuthConfig } from "../config";
import { SignInError } from "./devSignIn";
import { signedInFrom, type SignedIn } from "./token";

type CognitoConfig = Extract<AuthConfig, { kind: "cognito" }>;

const PENDING_KEY = "innerworld.pkce";
const DEFAULT_SCOPES = ["openid", "email", "profile"];

const base64Url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export const randomUrlSafe = (byteCount = 32): string => base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export const pkceChallenge = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));

export const redirectUriOf = (config: CognitoConfig, origin: string): string => config.redirectUri ?? `${origin}/auth/callback`;

export const authorizeUrl = (config: CognitoConfig, origin: string, state: string, challenge: string): string => {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUriOf(config, origin),
    scope: (config.scopes ?? DEFAULT_SCOPES).join(" "),
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${config.domain}/oauth2/authorize?${query.toString()}`;
};

/** Leaves for the hosted UI; the browser comes back to the redirect URI with `?code&state`. */
export const startHostedSignIn = async (config: CognitoConfig): Promise<void> => {
  const verifier = randomUrlSafe(48);
  const state = randomUrlSafe(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  window.location.assign(authorizeUrl(config, window.location.origin, state, await pkceChallenge(verifier)));
};

/** On the way back: trades the code for tokens, or returns undefined when this page load is not a sign-in callback. */
export const finishHostedSignIn = async (config: CognitoConfig, location: Location): Promise<SignedIn | undefined> => {
  const query = new URLSearchParams(location.search);
  const code = query.get("code");
  const error = query.get("error");
  if (!code && !error) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null") as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  window.history.replaceState(null, "", "/");
  if (error) throw new SignInError("signInCancelled", "SIGN_IN_CANCELLED");
  if (!pending || pending.state !== query.get("state")) throw new SignInError("signInStale", "SIGN_IN_REFUSED");
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.clientId,
      code: code ?? "",
      redirect_uri: redirectUriOf(config, location.origin),
      code_verifier: pending.verifier,
    }),
  }).catch(() => undefined);
  if (!response?.ok) throw new SignInError("signInUnfinished", response ? "SIGN_IN_REFUSED" : "SIGN_IN_UNREACHABLE");
  const tokens = (await response.json()) as { id_token?: unknown };
  // API Gateway's authorizers check `aud`, which only the ID token carries.
  if (typeof tokens.id_token !== "string") throw new SignInError("signInNoIdToken", "SIGN_IN_REFUSED");
  return signedInFrom(tokens.id_token);
};
