// Operators' view of the running system: health and readiness, the admin API's gate, and dead letters redriven after a fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context, SQSEvent } from "aws-lambda";
import { createServiceConsumer, createServiceRuntime, type ServiceRuntime } from "@innerworld/platform/runtime";
import { runtimeConfigFor, SQS_SERVICE_HANDLERS, type SqsHandler } from "@innerworld/local";
import type { BusEvent } from "@innerworld/events";
import { tapBus, type BusTapHandle } from "@innerworld/testing/bus-tap";
import { ChatClient, mintToken } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";

/** What a broken deploy of the safety service does: fail every event for good, so it is dead-lettered with the reason. */
class BrokenScreeningError extends Error {
  override readonly name = "BrokenScreeningError";
  readonly code = "SCREENING_BROKEN";
  readonly retryable = false;
}

describe("health, admin and dead letters", () => {
  let env: TestCloud;
  let audit: BusTapHandle;
  let safetyBroken = true;
  let runtime: ServiceRuntime<"safety"> | undefined;
  const handlers: { broken?: SqsHandler; fixed?: SqsHandler } = {};

  // The safety service as deployed twice: first broken, then fixed. Both are real consumers on the real queue.
  const safety: SqsHandler = (event: SQSEvent, context: Context) => {
    runtime ??= createServiceRuntime("safety", runtimeConfigFor(env.cloud.endpoints));
    if (safetyBroken) {
      const broken = () => Promise.reject(new BrokenScreeningError("the lexicon failed to load"));
      handlers.broken ??= createServiceConsumer(runtime, { MessageReceived: broken, ReplyGenerated: broken }, { idempotent: false });
      return handlers.broken(event, context);
    }
    const build = SQS_SERVICE_HANDLERS.safety;
    if (!build) throw new Error("no safety handler");
    handlers.fixed ??= build(runtime);
    return handlers.fixed(event, context);
  };

  /** The gateway's WARN lines, as its logger writes them: where a refused non-admin's call is recorded. */
  const gatewayWarnings: { message: string; extra: Record<string, unknown> }[] = [];
  const watchGatewayLog = (built: ServiceRuntime) => {
    if (built.service !== "gateway") return;
    const warn = built.logger.warn.bind(built.logger);
    built.logger.warn = (message: string, ...extra: unknown[]) => {
      gatewayWarnings.push({ message, extra: (extra[0] ?? {}) as Record<string, unknown> });
      warn(message, ...(extra as []));
    };
  };
  /** The audit record of an admin's call, by the admin and the action. */
  const audited = (adminId: string, action: string) =>
    audit.waitFor("AdminActionTaken", (e) => {
      const data = (e.detail as { data: Record<string, unknown> }).data;
      return data.adminId === adminId && data.action === action;
    });
  const dataOf = (event: BusEvent) => (event.detail as { data: Record<string, unknown> }).data;

  beforeAll(async () => {
    env = await startTestCloud({ handlerOverrides: { safety }, onRuntime: watchGatewayLog });
    audit = await tapBus(env, ["AdminActionTaken"]);
  });
  afterAll(async () => {
    await audit.close();
    runtime?.destroy();
    await env.stop();
  });

  const call = async (method: string, path: string, token?: string) => {
    const response = await fetch(`${env.cloud.endpoints.readApiUrl}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const adminToken = () => mintToken(env.cloud.endpoints, { sub: "admin-jo", groups: ["admins"] });
  /**
   * GET /health/ready until it names exactly the parts expected to fail. Each part has 3 s to answer, which a busy
   * machine can overrun once; asked again, a part that works answers, while one that does not never will.
   */
  const readinessFailing = (parts: string[]) =>
    until(async () => {
      const ready = await call("GET", "/health/ready");
      return JSON.stringify(ready.body.failing) === JSON.stringify(parts) ? ready : undefined;
    }, `readiness failing ${parts.join(", ") || "nothing"}`);

  it("answers liveness without a token, with the version", async () => {
    const health = await call("GET", "/health");
    expect(health).toEqual({ status: 200, body: { status: "ok", version: expect.any(String) as string } });
  });

  it("is ready when tables, bus and queues answer", async () => {
    const ready = await readinessFailing([]);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ready", failing: [], checks: { tables: { status: "ok" }, bus: { status: "ok" }, queues: { status: "ok" } } });
  });

  it("refuses the admin API to a teen's token with 403 and to no token with 401", async () => {
    const teen = await mintToken(env.cloud.endpoints, { sub: "u-teen" });
    for (const [method, path] of [["GET", "/admin/status"], ["GET", "/admin/dlq/safety"], ["POST", "/admin/dlq/safety/redrive"]] as const) {
      expect((await call(method, path, teen)).status, `${method} ${path}`).toBe(403);
      expect((await call(method, path)).status, `${method} ${path} without a token`).toBe(401);
    }
    const other = await mintToken(env.cloud.endpoints, { sub: "u-staff", groups: ["staff"] });
    expect((await call("GET", "/admin/status", other)).status).toBe(403);
  });

  it("records each refusal of a non-admin as a security line in the gateway's log, not as an admin's action", async () => {
    const teen = await mintToken(env.cloud.endpoints, { sub: "u-prying" });

    const refused = await call("POST", "/admin/dlq/safety/redrive", teen);
    // An admin's call after it: once its audit is on the bus, a record of the refusal would be too.
    await call("GET", "/admin/status", await mintToken(env.cloud.endpoints, { sub: "admin-after-prying", groups: ["admins"] }));
    await audited("admin-after-prying", "view_status");

    expect(refused.status).toBe(403);
    expect(gatewayWarnings.filter((w) => w.extra.userId === "u-prying")).toEqual([
      { message: "admin api refused to a non-admin", extra: expect.objectContaining({ security: "admin_refused", userId: "u-prying", routeKey: "POST /admin/dlq/{service}/redrive" }) as unknown },
    ]);
    expect(audit.events.filter((e) => dataOf(e).adminId === "u-prying")).toEqual([]);
  });

  it("audits an admin's call that failed as failed, with why: a refused query, a service with no queue (thrown by the queue directory)", async () => {
    const token = await mintToken(env.cloud.endpoints, { sub: "admin-fumbling", groups: ["admins"] });

    const badLimit = await call("GET", "/admin/dlq/safety?limit=0", token);
    const noQueue = await call("POST", "/admin/dlq/nobody/redrive", token);

    expect([badLimit.status, noQueue.status]).toEqual([400, 404]);
    expect(dataOf(await audited("admin-fumbling", "list_dead_letters"))).toMatchObject({ service: "safety", outcome: "failed", detail: expect.stringMatching(/^INVALID_QUERY/) as unknown });
    expect(dataOf(await audited("admin-fumbling", "redrive_dead_letters"))).toMatchObject({ service: "nobody", outcome: "failed", detail: expect.stringMatching(/^UNKNOWN_SERVICE/) as unknown });
  });

  it("dead-letters a turn a broken handler fails, shows why, and after the fix redrives it into a delivered reply", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-dlq");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "can you help me plan my weekend?" }, "message_received");
    const messageId = ack.payload.messageId as string;
    const failed = await client.waitFor("error", (p) => p.messageId === messageId);
    expect(failed.payload).toMatchObject({ code: "STEP_FAILED" });
    // The turn's message reads as failed in the read API until it is redriven.
    const teen = await mintToken(env.cloud.endpoints, { sub: "u-dlq" });
    await until(async () => {
      const history = await call("GET", `/sessions/${sessionId}/messages`, teen);
      return (history.body.messages as { role: string; status: string }[] | undefined)?.some((m) => m.role === "user" && m.status === "failed") || undefined;
    }, "the failed turn's message marked failed");

    const token = await adminToken();
    const listed = await until(async () => {
      const page = await call("GET", "/admin/dlq/safety", token);
      return (page.body.deadLetters as unknown[]).length > 0 ? page : undefined;
    }, "the dead letter");
    expect(listed.body.deadLetters).toEqual([
      expect.objectContaining({ eventType: "MessageReceived", failure: { service: "safety", code: "SCREENING_BROKEN", message: "the lexicon failed to load", receiveCount: 1 } }),
    ]);
    const status = await call("GET", "/admin/status", token);
    expect(status.status).toBe(200);
    const safetyStatus = (status.body.services as { service: string; deadLetters: { visible: number; oldestAgeSeconds: number | null } }[]).find((s) => s.service === "safety");
    expect(safetyStatus?.deadLetters.visible).toBe(1);
    expect(safetyStatus?.deadLetters.oldestAgeSeconds).toEqual(expect.any(Number));
    expect(status.body.sessions).toMatchObject({ active: expect.any(Number) as number });
    // Listing took nothing away: the dead letter is still there to redrive.
    expect(((await call("GET", "/admin/dlq/safety", token)).body.deadLetters as unknown[]).length).toBe(1);

    safetyBroken = false;
    const redrive = await call("POST", "/admin/dlq/safety/redrive", token);
    expect(redrive).toMatchObject({ status: 202, body: { service: "safety", mode: "receive-send-delete", moved: 1 } });
    // The client was already told the turn failed, so the late reply is kept rather than pushed; a resume brings it.
    await until(async () => {
      const history = await call("GET", `/sessions/${sessionId}/messages`, teen);
      return (history.body.messages as { role: string }[] | undefined)?.some((m) => m.role === "assistant") || undefined;
    }, "the redriven turn's reply stored");
    await client.request("resume", { sessionId, afterSeq: 0 }, "session_resumed");
    const reply = await client.waitFor("reply", (p) => p.messageId === messageId);
    expect(reply.payload.text).toEqual(expect.any(String));
    expect(((await call("GET", "/admin/dlq/safety", token)).body.deadLetters as unknown[]).length).toBe(0);

    for (const action of ["view_status", "list_dead_letters"]) await audited("admin-jo", action);
    expect(dataOf(await audited("admin-jo", "redrive_dead_letters"))).toMatchObject({ adminId: "admin-jo", service: "safety", count: 1, outcome: "done" });
    await client.close();
  });

  it("answers 404 for a service that has no queue", async () => {
    expect((await call("GET", "/admin/dlq/nobody", await adminToken())).status).toBe(404);
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("answers 404, not 500, for a service named %s, listing or redriving", async (name) => {
    const token = await adminToken();

    const listed = await call("GET", `/admin/dlq/${name}`, token);
    const redriven = await call("POST", `/admin/dlq/${name}/redrive`, token);

    expect([listed.status, redriven.status]).toEqual([404, 404]);
    expect(listed.body).toMatchObject({ error: { code: "UNKNOWN_SERVICE" } });
  });

  it("reports not ready, naming the tables, once the DynamoDB emulator is stopped", { timeout: 60_000 }, async () => {
    await env.cloud.stopPart("dynamodb");
    const ready = await readinessFailing(["tables"]);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "not_ready", failing: ["tables"], checks: { tables: { status: "failing" }, bus: { status: "ok" }, queues: { status: "ok" } } });
    expect((await call("GET", "/health")).status).toBe(200);
  });
});
