// What a hostile probe found, over real sockets: each defect it reported, shown fixed against the local cloud.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { REFUSED_TOKEN_CASES, tokenForge, type TokenForge } from "@innerworld/testing/tokens";

describe("hostile probe", () => {
  let env: TestCloud;
  let forge: TokenForge;
  beforeAll(async () => {
    env = await startTestCloud();
    forge = await tokenForge(env.dataDir, env.cloud.endpoints);
  });
  afterAll(() => env.stop());

  const startSession = async (client: ChatClient) => (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
  const readApi = (path: string, token: string) => fetch(`${env.cloud.endpoints.readApiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("refuses text a queue cannot carry with INVALID_FRAME, and never acknowledges it (defect 1)", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "p-chars");
    const sessionId = await startSession(client);

    const refused = await client.request("message", { sessionId, content: "odd \uFFFE one" }, ["error", "message_received"]);
    const alsoRefused = await client.request("message", { sessionId, content: "fine", clientMessageId: "id\uFFFF" }, ["error", "message_received"]);
    const emoji = await client.request("message", { sessionId, content: "emoji are fine 😀" }, ["error", "message_received"]);

    expect([refused.type, refused.payload.code]).toEqual(["error", "INVALID_FRAME"]);
    expect([alsoRefused.type, alsoRefused.payload.code]).toEqual(["error", "INVALID_FRAME"]);
    expect(emoji.type).toBe("message_received");
    await client.waitFor("reply", (p) => p.messageId === emoji.payload.messageId);
    await client.close();
  });

  it("spends only the sender's tokens on messages into someone else's session (defect 4)", async () => {
    const alice = await ChatClient.connect(env.cloud.endpoints, "p-alice-4");
    const mallory = await ChatClient.connect(env.cloud.endpoints, "p-mallory-4");
    const sessionId = await startSession(alice);

    for (let i = 0; i < 12; i += 1) await mallory.request("message", { sessionId, content: `spam ${i}` }, ["error", "rate_limit_exceeded"]);
    const status = await alice.request("get_rate_limit_status", { sessionId }, "rate_limit_status");

    expect(status.payload.session).toMatchObject({ limit: 10, remaining: 10 });
    await Promise.all([alice.close(), mallory.close()]);
  });

  it("keeps client message ids of a user whose sub holds # apart from another user's (defect 5)", async () => {
    const first = await ChatClient.connect(env.cloud.endpoints, "p5");
    const second = await ChatClient.connect(env.cloud.endpoints, "p5#x");
    const firstSession = await startSession(first);
    const secondSession = await startSession(second);

    const original = await first.request("message", { sessionId: firstSession, content: "mine", clientMessageId: "x#m1" }, "message_received");
    const other = await second.request("message", { sessionId: secondSession, content: "also mine", clientMessageId: "m1" }, "message_received");

    expect(other.payload.duplicate).toBeUndefined();
    expect(other.payload.sessionId).toBe(secondSession);
    expect(other.payload.messageId).not.toBe(original.payload.messageId);
    await Promise.all([first.close(), second.close()]);
  });

  it("answers another user's session exactly like a missing one, rate-limit status included (defect 8)", async () => {
    const alice = await ChatClient.connect(env.cloud.endpoints, "p-alice-8");
    const mallory = await ChatClient.connect(env.cloud.endpoints, "p-mallory-8");
    const sessionId = await startSession(alice);

    const answers = [
      await mallory.request("get_rate_limit_status", { sessionId }, ["error", "rate_limit_status"]),
      await mallory.request("message", { sessionId, content: "let me in" }, ["error", "message_received"]),
      await mallory.request("end_session", { sessionId }, ["error", "session_ended"]),
      await mallory.request("resume", { sessionId, afterSeq: 0 }, ["error", "session_resumed"]),
      await mallory.request("get_rate_limit_status", { sessionId: "no-such-session" }, ["error", "rate_limit_status"]),
    ];

    expect(answers.map((a) => [a.type, a.payload.code])).toEqual(Array.from({ length: 5 }, () => ["error", "SESSION_NOT_FOUND"]));
    await Promise.all([alice.close(), mallory.close()]);
  });

  it.each(REFUSED_TOKEN_CASES.map((c) => [c.name, c] as const))("refuses a token with %s on the WebSocket (401) and the read API (401) (defects 9, 13)", async (_name, tokenCase) => {
    const token = forge.forge("p-auth", tokenCase);

    await expect(ChatClient.connectWithToken(env.cloud.endpoints, token)).rejects.toThrow(/401/);
    expect((await readApi("/sessions", token)).status).toBe(401);
  });

  it("lets a sound forged-by-the-issuer token in on both surfaces, so the refusals above are about the claims", async () => {
    const token = forge.forge("p-auth-sound");

    const client = await ChatClient.connectWithToken(env.cloud.endpoints, token);
    expect((await readApi("/sessions", token)).status).toBe(200);
    await client.close();
  });

  it("answers a malformed percent-encoding with 400 and an id over DynamoDB's key size with 404, never 500 (defect 11)", async () => {
    const token = forge.forge("p-read");

    const malformed = await readApi("/sessions/%E0%A4%A", token);
    const huge = await readApi(`/sessions/${"x".repeat(3000)}`, token);
    const hugeMessages = await readApi(`/sessions/${"y".repeat(3000)}/messages`, token);

    expect(malformed.status).toBe(400);
    expect(huge.status).toBe(404);
    expect(hugeMessages.status).toBe(404);
  });

  it("refuses an erased teen's earlier token on the HTTP API as it refuses an invalid one, and lets in a token issued after", async () => {
    const before = forge.forge("p-erased");
    const send = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${env.cloud.endpoints.readApiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await send("POST", "/personas", before, { name: "Pip" })).status).toBe(201);
    expect((await send("DELETE", "/me", before)).status).toBe(204);
    const invalid = await (await readApi("/sessions", forge.forge("p-erased", { name: "token_use access", claims: { token_use: "access" } }))).text();

    const afterErasure = [
      await send("POST", "/personas", before, { name: "Pip again" }),
      await send("GET", "/me/export", before),
      await send("GET", "/sessions", before),
      await send("GET", "/me/memory", before),
      await send("POST", "/surveys", before, { subjectName: "Pip" }),
    ];
    const later = forge.forge("p-erased", { name: "issued after the erasure", claims: (now) => ({ iat: now + 2 }) });
    const exported = await send("GET", "/me/export", later);

    expect(afterErasure.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(await afterErasure[0]?.text()).toBe(invalid);
    expect(exported.status).toBe(200);
    expect(((await exported.json()) as { personas: unknown[] }).personas).toEqual([]);
  });
});
