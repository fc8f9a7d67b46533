// The dev issuer keeps its promise: tokens minted before a restart still verify after it, even on other ports.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { JwtVerifier } from "aws-jwt-verify";
import { afterEach, describe, expect, it } from "vitest";
import { startDevIssuer, type DevIssuer } from "../../src/issuer/devIssuer";

const running: DevIssuer[] = [];
let dataDir = "";

afterEach(async () => {
  await Promise.all(running.splice(0).map((issuer) => issuer.close()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const verifierFor = (issuer: DevIssuer) => {
  const verifier = JwtVerifier.create({ issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri });
  verifier.cacheJwks(issuer.jwks as Parameters<typeof verifier.cacheJwks>[0]);
  return verifier;
};

describe("dev issuer", () => {
  it("accepts a token minted before a restart on another port (as with --ephemeral-ports)", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "dev-issuer-"));
    const before = await startDevIssuer({ port: 0, dataDir });
    const { token } = await before.mintToken({ sub: "alex" });
    // A port the OS picks may be the one just freed: a placeholder holds the old port while the restart picks its own.
    const oldPort = Number(new URL(before.jwksUri).port);
    await before.close();
    const placeholder = createServer();
    const held = await new Promise<boolean>((resolve) => {
      placeholder.once("error", () => resolve(false));
      placeholder.listen(oldPort, "127.0.0.1", () => resolve(true));
    });

    const after = await startDevIssuer({ port: 0, dataDir });
    running.push(after);
    if (held) await new Promise((resolve) => placeholder.close(resolve));

    expect(after.jwksUri).not.toBe(before.jwksUri);
    await expect(verifierFor(after).verify(token)).resolves.toMatchObject({ sub: "alex" });
  });

  it("serves its keys and discovery document from where it listens", async () => {
    const issuer = await startDevIssuer({ port: 0 });
    running.push(issuer);

    const discovery = (await (await fetch(issuer.jwksUri.replace("jwks.json", "openid-configuration"))).json()) as Record<string, unknown>;
    const keys = (await (await fetch(issuer.jwksUri)).json()) as { keys: unknown[] };

    expect(discovery).toMatchObject({ issuer: issuer.issuer, jwks_uri: issuer.jwksUri });
    expect(keys.keys).toHaveLength(1);
  });
});
