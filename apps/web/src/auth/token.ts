// The signed-in teen's token, kept in this tab's sessionStorage so a reload stays signed in and closing the tab forgets it.

export interface SignedIn {
  token: string;
  /** The token's `sub`: the user id every service sees. */
  userId: string;
  /** A name to greet with: the dev sign-in name, or the Cognito email. */
  displayName: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const KEY = "innerworld.signedIn";

const base64UrlDecode = (part: string): string => {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
};

/** Reads a JWT's claims without verifying it: the servers verify; the client only needs the name and the expiry. */
export const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split(".")[1];
  if (!payload) throw new TypeError("not a JWT");
  const claims: unknown = JSON.parse(base64UrlDecode(payload));
  if (typeof claims !== "object" || claims === null) throw new TypeError("JWT claims are not an object");
  return claims as Record<string, unknown>;
};

export const signedInFrom = (token: string): SignedIn => {
  const claims = claimsOf(token);
  const userId = typeof claims.sub === "string" ? claims.sub : "";
  const exp = typeof claims.exp === "number" ? claims.exp * 1000 : Date.now() + 3600_000;
  const name = [claims.email, claims["cognito:username"], userId].find((v): v is string => typeof v === "string" && v.length > 0) ?? "you";
  return { token, userId, displayName: name, expiresAt: exp };
};

/** Thirty seconds of slack, so a token does not run out between this check and the request. */
export const isExpired = (signedIn: SignedIn, now = Date.now()): boolean => signedIn.expiresAt - 30_000 <= now;

export const saveSignedIn = (signedIn: SignedIn): void => sessionStorage.setItem(KEY, JSON.stringify(signedIn));

export const loadSignedIn = (): SignedIn | undefined => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as SignedIn | null;
    if (!stored || typeof stored.token !== "string" || isExpired(stored)) return undefined;
    return stored;
  } catch {
    return undefined;
  }
};

export const forgetSignedIn = (): void => sessionStorage.removeItem(KEY);
