// The local HTTP API hands a JWT authorizer's claims to the function as API Gateway's payload 2.0 does: every value a
// string, so code that reads them is tried on the form it meets on AWS.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startHttpApiEmulator, type HttpApiEmulator } from "../../src/http-api/httpApiEmulator";
import { startDevIssuer, type DevIssuer } from "../../src/issuer/devIssuer";

describe("the local HTTP API's JWT authorizer", () => {
  const running: { close(): Promise<void> }[] = [];
  let dataDir = "";
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("passes the claims on as strings: numbers as digits, a list of groups in brackets", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "http-api-claims-"));
    const issuer: DevIssuer = await startDevIssuer({ port: 0, dataDir });
    running.push(issuer);
    const api: HttpApiEmulator = await startHttpApiEmulator({
      port: 0,
      jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, jwks: issuer.jwks },
      routes: { "GET /claims": async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer.jwt.claims) }) },
    });
    running.push(api);
    const { token } = await issuer.mintToken({ sub: "alex", groups: ["admins", "viewers"] });

    const answer = await fetch(`${api.url}/claims`, { headers: { authorization: `Bearer ${token}` } });
    const claims = (await answer.json()) as Record<string, unknown>;

    expect(answer.status).toBe(200);
    expect(claims).toMatchObject({ sub: "alex", token_use: "id", "cognito:groups": "[admins viewers]", exp: expect.stringMatching(/^\d+$/), iat: expect.stringMatching(/^\d+$/) });
    expect(Object.values(claims).every((value) => typeof value === "string")).toBe(true);
  });
});
