// Every reply carries its cost: generation prices its tokens from the operator's price table, and the read API shows
// each assistant message's usage and cost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

/** A price for the offline model (free by default), so the figure the read API shows is tokens × a price we chose. */
const PRICES = { offline: { inputUsdPerMillionTokens: 3, outputUsdPerMillionTokens: 12 } };

interface HistoryMessage {
  role: string;
  messageId: string;
  model?: string;
  usage?: { inputTokens: number; outputTokens: number };
  cost?: { usd: number; inputUsdPerMillionTokens: number; outputUsdPerMillionTokens: number };
}

describe("cost per reply", () => {
  let env: TestCloud;
  const previous = process.env.INNERWORLD_MODEL_PRICES;
  beforeAll(async () => {
    // Services read their settings from the environment, as in Lambda; generation reads the table when it starts.
    process.env.INNERWORLD_MODEL_PRICES = JSON.stringify(PRICES);
    env = await startTestCloud();
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.INNERWORLD_MODEL_PRICES;
    else process.env.INNERWORLD_MODEL_PRICES = previous;
    await env?.stop();
  });

  it("returns usage and cost with each assistant message, priced from the operator's table", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "cost-reader");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "I finally finished my history essay tonight" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    await client.close();

    const readApi = await readApiAs(env.cloud.endpoints, "cost-reader");
    const messages = await until(async () => {
      const page = await readApi.sessionMessages<HistoryMessage>(sessionId);
      return page.some((m) => m.role === "assistant") ? page : undefined;
    }, "the reply stored");

    const reply = messages.find((m) => m.role === "assistant");
    const question = messages.find((m) => m.role === "user");
    expect(reply?.model).toBe("offline");
    expect(reply?.usage?.inputTokens).toBeGreaterThan(0);
    expect(reply?.usage?.outputTokens).toBeGreaterThan(0);
    const usage = reply?.usage ?? { inputTokens: 0, outputTokens: 0 };
    expect(reply?.cost).toEqual({ usd: expect.any(Number), ...PRICES.offline });
    expect(reply?.cost?.usd).toBeCloseTo((usage.inputTokens * 3 + usage.outputTokens * 12) / 1e6, 9);
    expect(question?.cost).toBeUndefined();
    expect(question?.usage).toBeUndefined();
  });
});
