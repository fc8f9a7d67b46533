// The gateway over a real WebSocket: authorisation on connect, frame validation, sessions, rate limits, ownership, the read API.
import { randomUUID } from "node:crypto";
import { PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { holdableClock } from "@innerworld/testing/clock";
import { readApiAs } from "@innerworld/testing/read-api";

describe("gateway protocol", () => {
  let env: TestCloud;
  // Real time, except while a rate-limit test holds it: then buckets cannot refill however slow the machine is.
  const clock = holdableClock();
  beforeAll(async () => {
    env = await startTestCloud({ clock });
  });
  afterAll(() => env.stop());

  const startSession = async (client: ChatClient, personaId = "companion") =>
    (await client.request("start_session", { personaId }, "session_started")).payload.sessionId as string;

  describe("connect", () => {
    it("closes an erased account's sockets, and refuses the token the app still holds when it reconnects", async () => {
      // The services' clock runs with the wall clock here, as tokens' issue times do.
      const e = env.cloud.endpoints;
      const held = await readApiAs(e, "u-erased-while-open");
      const client = await ChatClient.connectWithToken(e, held.token);
      const closed = new Promise<number>((resolve) => client.socket.once("close", resolve));

      expect((await held.request("DELETE", "/me")).status).toBe(204);

      expect(await closed).toBe(1000);
      await expect(ChatClient.connectWithToken(e, held.token)).rejects.toThrow(/401/);
    });

    it("refuses a connection with no token, an expired token or a token for another audience", async () => {
      const e = env.cloud.endpoints;
      await expect(ChatClient.connectWithToken(e, undefined)).rejects.toThrow(/401/);
      await expect(ChatClient.connectWithToken(e, await mintToken(e, { sub: "u-expired", expiresInSeconds: -60 }))).rejects.toThrow(/401/);
      await expect(ChatClient.connectWithToken(e, await mintToken(e, { sub: "u-aud", audience: "someone-else" }))).rejects.toThrow(/401/);
      await expect(ChatClient.connectWithToken(e, "not.a.jwt")).rejects.toThrow(/401/);
    });

    it("accepts the token as a subprotocol for clients that cannot set a query string", async () => {
      const { default: WebSocket } = await import("ws");
      const token = await mintToken(env.cloud.endpoints, { sub: "u-subprotocol" });
      const socket = new WebSocket(env.cloud.endpoints.websocketUrl, ["innerworld", token]);
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      expect(socket.protocol).toBe("innerworld");
      socket.close();
    });
  });

  describe("frames", () => {
    it("answers bad frames with stable error codes and keeps the connection open", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-frames");
      const sessionId = await startSession(client);
      const errorAfter = async (send: () => void) => {
        const before = client.ofType("error").length;
        send();
        await client.waitFor("error", () => client.ofType("error").length > before);
        return client.ofType("error")[before]!.payload;
      };
      expect((await errorAfter(() => client.sendRaw("{nope"))).code).toBe("MALFORMED_JSON");
      expect((await errorAfter(() => client.send("dance", {}))).code).toBe("UNKNOWN_FRAME_TYPE");
      expect((await errorAfter(() => client.send("message", { sessionId }))).code).toBe("INVALID_FRAME");
      expect((await errorAfter(() => client.send("message", { sessionId, content: "   " }))).code).toBe("EMPTY_CONTENT");
      expect((await errorAfter(() => client.send("message", { sessionId, content: "x".repeat(4001) }))).code).toBe("CONTENT_TOO_LONG");
      expect((await errorAfter(() => client.send("start_session", { personaId: "nobody" }))).code).toBe("UNKNOWN_PERSONA");
      expect((await errorAfter(() => client.send("message", { sessionId: "no-such-session", content: "hi" }))).code).toBe("SESSION_NOT_FOUND");
      const pong = await client.request("ping", undefined, "pong");
      expect(typeof pong.payload.serverTime).toBe("string");
      await client.close();
    });

    it("closes a connection that sends more than 128 KB in one message with 1009", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-big");
      client.sendRaw("x".repeat(128 * 1024 + 1));
      await new Promise((resolve) => client.socket.once("close", resolve));
      expect(client.closeCode).toBe(1009);
    });
  });

  describe("sessions", () => {
    it("allows three active sessions per user and refuses the fourth until one ends", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-sessions");
      const ids = [await startSession(client), await startSession(client), await startSession(client)];
      const refused = await client.request("start_session", { personaId: "courage" }, "error");
      expect(refused.payload.code).toBe("SESSION_LIMIT_REACHED");
      const ended = await client.request("end_session", { sessionId: ids[0] }, "session_ended");
      expect(ended.payload).toMatchObject({ sessionId: ids[0], reason: "client_end" });
      const after = await client.request("message", { sessionId: ids[0], content: "still there?" }, "error");
      expect(after.payload.code).toBe("SESSION_NOT_ACTIVE");
      expect(await startSession(client)).toBeTruthy();
      await client.close();
    });

    it("keeps one user out of another's session: no message, no end, no resume", async () => {
      const alice = await ChatClient.connect(env.cloud.endpoints, "u-alice");
      const mallory = await ChatClient.connect(env.cloud.endpoints, "u-mallory");
      const sessionId = await startSession(alice);
      const attempts = [
        await mallory.request("message", { sessionId, content: "let me in" }, "error"),
        await mallory.request("end_session", { sessionId }, "error"),
        await mallory.request("resume", { sessionId, afterSeq: 0 }, "error"),
      ];
      expect(attempts.map((a) => a.payload.code)).toEqual(["SESSION_NOT_FOUND", "SESSION_NOT_FOUND", "SESSION_NOT_FOUND"]);
      const stillMine = await alice.request("message", { sessionId, content: "hello" }, "message_received");
      expect(stillMine.payload.seq).toBe(1);
      await Promise.all([alice.close(), mallory.close()]);
    });
  });

  describe("resends", () => {
    it("runs a turn whose gateway recorded the clientMessageId and then failed before publishing, when the client resends it", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-resend");
      const sessionId = await startSession(client);
      const { tablePrefix } = env.cloud.endpoints;
      // What a gateway leaves when its message write or publish throws (the client heard INTERNAL_ERROR, retryable) or it
      // dies there: the session's seq taken and the clientMessageId recorded, no message stored, no MessageReceived.
      const taken = await env.dynamodb.send(
        new UpdateItemCommand({
          TableName: `${tablePrefix}-sessions`,
          Key: { sessionId: { S: sessionId } },
          UpdateExpression: "SET lastSeq = lastSeq + :one",
          ExpressionAttributeValues: { ":one": { N: "1" } },
          ReturnValues: "ALL_NEW",
        }),
      );
      const seq = taken.Attributes?.lastSeq?.N ?? "";
      const messageId = randomUUID();
      await env.dynamodb.send(
        new PutItemCommand({
          TableName: `${tablePrefix}-idempotency`,
          Item: {
            id: { S: `client-message#u-resend#${sessionId}#ios-retry-1` },
            userId: { S: "u-resend" },
            messageId: { S: messageId },
            sessionId: { S: sessionId },
            seq: { N: seq },
            expiration: { N: String(Math.floor(Date.now() / 1000) + 3600) },
          },
        }),
      );

      const ack = await client.request("message", { sessionId, content: "did my message get lost?", clientMessageId: "ios-retry-1" }, "message_received");

      expect(ack.payload).toMatchObject({ messageId, seq: Number(seq), duplicate: true });
      const reply = await client.waitFor("reply", (p) => p.messageId === messageId);
      expect(reply.payload).toMatchObject({ sessionId, seq: Number(seq) });
      expect(String(reply.payload.text).length).toBeGreaterThan(0);
      await client.close();
    });
  });

  describe("rate limits", () => {
    beforeEach(() => clock.hold());
    afterEach(() => clock.release());

    it("limits a session to 10 messages a minute and says when to retry", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-rate-session");
      const sessionId = await startSession(client);
      for (let i = 1; i <= 10; i += 1) await client.request("message", { sessionId, content: `message ${i}` }, "message_received");
      const limited = await client.request("message", { sessionId, content: "one too many" }, "rate_limit_exceeded");
      expect(limited.payload).toMatchObject({ scope: "session", limit: 10 });
      expect(limited.payload.retryAfter).toBeGreaterThanOrEqual(1);
      const status = await client.request("get_rate_limit_status", { sessionId }, "rate_limit_status");
      expect(status.payload).toMatchObject({ session: { limit: 10, remaining: 0 }, user: { limit: 30, remaining: 20 }, channel: { limit: 20, remaining: 10 } });
      await client.close();
    });

    it("limits a connection to 20 messages a minute across its sessions", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-rate-channel");
      const [a, b, c] = [await startSession(client), await startSession(client), await startSession(client)];
      for (let i = 0; i < 10; i += 1) await client.request("message", { sessionId: a, content: `a${i}` }, "message_received");
      for (let i = 0; i < 10; i += 1) await client.request("message", { sessionId: b, content: `b${i}` }, "message_received");
      const limited = await client.request("message", { sessionId: c, content: "c0" }, "rate_limit_exceeded");
      expect(limited.payload).toMatchObject({ scope: "channel", limit: 20 });
      await client.close();
    });

    it("limits a user to 30 messages a minute across connections", async () => {
      const connections = [await ChatClient.connect(env.cloud.endpoints, "u-rate-user"), await ChatClient.connect(env.cloud.endpoints, "u-rate-user")];
      // Five messages a session and alternating connections keep the session and channel buckets far from empty,
      // so the first limit hit is the user's; the clock is held, so exactly 30 pass.
      let accepted = 0;
      let limited: Record<string, unknown> | undefined;
      let sessionId = "";
      for (let i = 0; i < 40 && !limited; i += 1) {
        const client = connections[i % 2]!;
        if (i % 5 === 0) {
          if (sessionId) await client.request("end_session", { sessionId }, "session_ended");
          sessionId = await startSession(client);
        }
        const answer = await client.request("message", { sessionId, content: `m${i}` }, ["message_received", "rate_limit_exceeded"]);
        if (answer.type === "rate_limit_exceeded") limited = answer.payload;
        else accepted += 1;
      }
      expect(limited).toMatchObject({ scope: "user", limit: 30 });
      expect(accepted).toBe(30);
      await Promise.all(connections.map((c) => c.close()));
    });
  });

  describe("read API", () => {
    const call = async (userId: string, method: string, path: string) => {
      const response = await (await readApiAs(env.cloud.endpoints, userId)).request(method, path);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    it("lists, reads and ends the user's own sessions and shows their messages", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-reader");
      const sessionId = await startSession(client, "compass");
      const ack = await client.request("message", { sessionId, content: "Should I take AP chemistry next year?" }, "message_received");
      await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);

      const list = await call("u-reader", "GET", "/sessions");
      expect(list.status).toBe(200);
      expect((list.body.sessions as { sessionId: string }[]).map((s) => s.sessionId)).toContain(sessionId);
      expect((await call("u-reader", "GET", `/sessions/${sessionId}`)).body).toMatchObject({ sessionId, personaId: "compass", status: "active", turns: 1 });
      const history = await call("u-reader", "GET", `/sessions/${sessionId}/messages`);
      // Storage keeps the reply in its own time, after the client has it: a busy machine may take seconds (expect.poll's
      // default gives up after one).
      await expect.poll(async () => ((await call("u-reader", "GET", `/sessions/${sessionId}/messages`)).body.messages as unknown[]).length, { timeout: 20_000 }).toBe(2);
      expect(history.status).toBe(200);
      const [question] = (await call("u-reader", "GET", `/sessions/${sessionId}/messages`)).body.messages as { role: string; content: string }[];
      expect(question).toMatchObject({ role: "user", content: "Should I take AP chemistry next year?" });
      const ended = await call("u-reader", "POST", `/sessions/${sessionId}/end`);
      expect(ended.body).toMatchObject({ status: "ended", endReason: "client_end" });
      await client.close();
    });

    it("pages a session's history by whole turns: a client following nextAfterSeq gets every question and reply once, in order", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-pager");
      const sessionId = await startSession(client);
      for (const content of ["first thing", "second thing", "third thing"]) {
        const ack = await client.request("message", { sessionId, content }, "message_received");
        await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
      }
      await expect.poll(async () => ((await call("u-pager", "GET", `/sessions/${sessionId}/messages`)).body.messages as unknown[]).length, { timeout: 20_000 }).toBe(6);

      const read: string[] = [];
      const pages: number[] = [];
      for (let afterSeq: number | undefined = 0; afterSeq !== undefined && pages.length < 10; ) {
        const page = await call("u-pager", "GET", `/sessions/${sessionId}/messages?afterSeq=${afterSeq}&limit=3`);
        const messages = page.body.messages as { seq: number; role: string }[];
        read.push(...messages.map((m) => `${m.seq}${m.role}`));
        pages.push(messages.length);
        afterSeq = page.body.nextAfterSeq as number | undefined;
      }

      expect(read).toEqual(["1user", "1assistant", "2user", "2assistant", "3user", "3assistant"]);
      expect(pages).toEqual([2, 2, 2]);
      await client.close();
    });

    it("pages the user's sessions with a cursor, and refuses a cursor it did not hand out", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-many-chats");
      const started: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const sessionId = await startSession(client);
        await client.request("end_session", { sessionId }, "session_ended");
        started.unshift(sessionId);
      }

      const read: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await call("u-many-chats", "GET", `/sessions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        read.push(...(page.body.sessions as { sessionId: string }[]).map((s) => s.sessionId));
        cursor = page.body.nextCursor as string | undefined;
      } while (cursor && read.length < 10);
      const refused = await call("u-many-chats", "GET", "/sessions?cursor=forged");

      // Each once (their order, newest first, is the unit lane's: starts a millisecond apart may tie here).
      expect([...read].sort()).toEqual([...started].sort());
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "INVALID_QUERY" } } });
      await client.close();
    });

    it("answers another user's session as if it did not exist, and refuses a request with no token", async () => {
      const client = await ChatClient.connect(env.cloud.endpoints, "u-owner");
      const sessionId = await startSession(client);
      for (const [method, path] of [["GET", `/sessions/${sessionId}`], ["GET", `/sessions/${sessionId}/messages`], ["POST", `/sessions/${sessionId}/end`]] as const) {
        const response = await call("u-snoop", method, path);
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      expect(((await call("u-snoop", "GET", "/sessions")).body.sessions as unknown[]).length).toBe(0);
      expect((await call("u-owner", "GET", `/sessions/${sessionId}`)).body.status).toBe("active");
      expect((await fetch(`${env.cloud.endpoints.readApiUrl}/sessions`)).status).toBe(401);
      await client.close();
    });
  });
});
