// PKCE as RFC 7636 defines it, and the hosted-UI URL Cognito expects.
import { describe, expect, it } from "vitest";
import { authorizeUrl, pkceChallenge } from "./cognitoHostedUi";

describe("Cognito hosted UI", () => {
  it("derives the S256 challenge of RFC 7636's example verifier", async () => {
    expect(await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("asks for a code with PKCE, back to the app's callback", () => {
    const url = new URL(authorizeUrl({ kind: "cognito", domain: "https://iw-prod.auth.eu-west-1.amazoncognito.com", clientId: "abc123" }, "https://chat.example.org", "st4te", "ch4llenge"));
    expect(url.origin + url.pathname).toBe("https://iw-prod.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "abc123",
      redirect_uri: "https://chat.example.org/auth/callback",
      scope: "openid email profile",
      state: "st4te",
      code_challenge: "ch4llenge",
      code_challenge_method: "S256",
    });
  });
});
