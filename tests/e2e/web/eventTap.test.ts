// The local event tap over HTTP: a token is needed, a teen sees only their own turns, an admin everyone's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { REFUSED_TOKEN_CASES, tokenForge } from "@innerworld/testing/tokens";

/** The `turn` events the tap streams to this token until both turns are seen or the time runs out. */
const tapTurns = async (tapUrl: string, token: string, wanted: readonly string[], ms = 15_000): Promise<{ correlationId: string; userId?: string }[]> => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const seen = new Map<string, { correlationId: string; userId?: string }>();
  try {
    const response = await fetch(`${tapUrl}?token=${encodeURIComponent(token)}`, { signal: abort.signal });
    if (!response.body) return [];
    const decoder = new TextDecoder();
    let buffered = "";
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!block.startsWith("event: turn") || data === undefined) continue;
        const turn = JSON.parse(data) as { correlationId: string; userId?: string };
        seen.set(turn.correlationId, turn);
      }
      if (wanted.every((id) => seen.has(id))) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return [...seen.values()];
};

describe("the local event tap", () => {
  let env: TestCloud;
  let tapUrl: string;
  const turns: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestCloud({ web: true });
    tapUrl = env.cloud.endpoints.eventTapUrl ?? "";
    for (const teen of ["tap-maya", "tap-sam"]) {
      const client = await ChatClient.connect(env.cloud.endpoints, teen);
      const started = await client.request("start_session", { personaId: "companion" }, "session_started");
      const ack = await client.request("message", { sessionId: started.payload.sessionId, content: "what should i do this weekend" }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
      turns[teen] = String(ack.payload.messageId);
      await client.close();
    }
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
  });

  it("answers 401 without a token, or with one it did not mint", async () => {
    expect((await fetch(tapUrl)).status).toBe(401);
    expect((await fetch(`${tapUrl}?token=not.a.token`)).status).toBe(401);
  });

  it("answers 401 to every token a socket would refuse, though the issuer signed it", async () => {
    const forge = await tokenForge(env.dataDir, env.cloud.endpoints);
    const tapStatus = async (token: string) => {
      const response = await fetch(`${tapUrl}?token=${encodeURIComponent(token)}`);
      await response.body?.cancel();
      return response.status;
    };

    const statuses = await Promise.all(REFUSED_TOKEN_CASES.map(async (tokenCase) => [tokenCase.name, await tapStatus(forge.forge("tap-maya", tokenCase))]));

    expect(statuses).toEqual(REFUSED_TOKEN_CASES.map((tokenCase) => [tokenCase.name, 401]));
  });

  it("answers 401 to a token of an erased teen issued before the erasure, and lets in one issued after", async () => {
    const forge = await tokenForge(env.dataDir, env.cloud.endpoints);
    const before = forge.forge("tap-gone");
    const erased = await fetch(`${env.cloud.endpoints.readApiUrl}/me`, { method: "DELETE", headers: { authorization: `Bearer ${before}` } });
    // Issued two seconds on (within the allowed clock skew): a token the same person got after the erasure.
    const after = forge.forge("tap-gone", { name: "issued after", claims: (now) => ({ iat: now + 2 }) });

    const refused = await fetch(`${tapUrl}?token=${encodeURIComponent(before)}`);
    const allowed = await fetch(`${tapUrl}?token=${encodeURIComponent(after)}`);
    await Promise.all([refused.body?.cancel(), allowed.body?.cancel()]);

    expect(erased.status).toBe(204);
    expect(refused.status).toBe(401);
    expect(allowed.status).toBe(200);
  });

  it("streams a teen their own turns and no one else's", async () => {
    const seen = await tapTurns(tapUrl, await mintToken(env.cloud.endpoints, { sub: "tap-maya" }), [turns["tap-maya"] ?? ""], 8_000);

    expect(seen.map((turn) => turn.correlationId)).toContain(turns["tap-maya"]);
    expect(seen.every((turn) => turn.userId === "tap-maya")).toBe(true);
  });

  it("streams an admin every teen's turns", async () => {
    const seen = await tapTurns(tapUrl, await mintToken(env.cloud.endpoints, { sub: "tap-ops", groups: ["admins"] }), Object.values(turns));

    expect(seen.map((turn) => turn.correlationId)).toEqual(expect.arrayContaining(Object.values(turns)));
  });
});
