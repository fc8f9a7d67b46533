// Feedback requests end to end: asked at session end, answered once whatever the race, offered again on reconnect,
// screened like any message, closed after 48 hours of the services' clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "@innerworld/events";
import { tapBus, type BusTapHandle } from "@innerworld/testing/bus-tap";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs } from "@innerworld/testing/read-api";

const HOUR = 60 * 60 * 1000;

/** A clock the test can move forward: it starts at a fixed date and then runs with real time. */
const movableClock = (iso: string) => {
  const anchor = Date.parse(iso);
  const realStart = Date.now();
  let skipped = 0;
  return { now: () => anchor + (Date.now() - realStart) + skipped, skip: (ms: number) => (skipped += ms) };
};

const dataOf = (event: BusEvent) => (event.detail as { data: Record<string, unknown> }).data;

describe("feedback requests", () => {
  let env: TestCloud;
  let bus: BusTapHandle;
  const clock = movableClock("2026-05-04T15:00:00.000Z");

  beforeAll(async () => {
    env = await startTestCloud({ clock: clock.now });
    bus = await tapBus(env, ["FeedbackRequested", "FeedbackReceived", "FeedbackExpired", "AdminActionTaken"]);
  });
  afterAll(async () => {
    await bus.close();
    await env.stop();
  });

  const call = async (userId: string, method: string, path: string, body?: unknown, groups?: string[]) => {
    const response = await (await readApiAs(env.cloud.endpoints, userId, { groups })).request(method, path, body);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** One turn and an end: storage then asks for feedback, and the notifier pushes the request to the open connection. */
  const endedSessionWithRequest = async (userId: string) => {
    const client = await ChatClient.connect(env.cloud.endpoints, userId);
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "we won the debate tournament today" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    await client.request("end_session", { sessionId }, "session_ended");
    const request = await client.waitFor("feedback_request", (p) => p.sessionId === sessionId);
    return { client, sessionId, requestId: request.payload.requestId as string, request };
  };

  it("asks how the conversation went when a session ends, open for 48 hours", async () => {
    const { client, sessionId, request } = await endedSessionWithRequest("u-asked");
    expect(request.payload).toMatchObject({ question: "How was this conversation?", options: ["great", "okay", "not great"] });
    expect(Date.parse(request.payload.expiresAt as string) - clock.now()).toBeGreaterThan(47 * HOUR);
    const listed = await call("u-asked", "GET", `/sessions/${sessionId}/feedback`);
    expect(listed.body.requests).toEqual([expect.objectContaining({ requestId: request.payload.requestId, status: "open", reason: "session_end" })]);
    expect((await call("u-someone-else", "GET", `/sessions/${sessionId}/feedback`)).status).toBe(404);
    await client.close();
  });

  it("keeps exactly one of ten concurrent answers and tells the other nine it was already answered", async () => {
    const { client, sessionId, requestId } = await endedSessionWithRequest("u-racer");
    const choices = ["great", "okay", "not great", "great", "okay", "not great", "great", "okay", "not great", "great"];
    const answers = await Promise.all(choices.map((choice) => call("u-racer", "POST", `/sessions/${sessionId}/feedback/${requestId}/respond`, { choice })));
    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const answer of lost) expect(answer.body).toMatchObject({ error: { code: "FEEDBACK_ALREADY_ANSWERED" } });

    const stored = (await call("u-racer", "GET", `/sessions/${sessionId}/feedback`)).body.requests as { status: string; answer: { choice: string } }[];
    expect(stored[0]).toMatchObject({ status: "answered", answer: { choice: won[0]?.body.choice } });
    const late = await client.request("feedback_response", { requestId, choice: "okay" }, "error");
    expect(late.payload.code).toBe("FEEDBACK_ALREADY_ANSWERED");
    await bus.waitFor("FeedbackReceived", (e) => dataOf(e).requestId === requestId);
    expect(bus.events.filter((e) => e["detail-type"] === "FeedbackReceived" && dataOf(e).requestId === requestId)).toHaveLength(1);
    await client.close();
  });

  it("refuses an answer that is not one of the options", async () => {
    const { client, sessionId, requestId } = await endedSessionWithRequest("u-chooser");
    const answer = await call("u-chooser", "POST", `/sessions/${sessionId}/feedback/${requestId}/respond`, { choice: "meh" });
    expect(answer).toMatchObject({ status: 422, body: { error: { code: "INVALID_CHOICE" } } });
    await client.close();
  });

  it("offers an unanswered request again on the next connect, and takes the answer over the WebSocket", async () => {
    const { client, requestId } = await endedSessionWithRequest("u-returning");
    await client.close();
    const again = await ChatClient.connect(env.cloud.endpoints, "u-returning");
    await again.request("start_session", { personaId: "courage" }, "session_started");
    const offered = await again.waitFor("feedback_request", (p) => p.requestId === requestId);
    expect(offered.payload.options).toEqual(["great", "okay", "not great"]);
    const recorded = await again.request("feedback_response", { requestId, choice: "great", comment: "it helped me calm down" }, "feedback_recorded");
    expect(recorded.payload).toMatchObject({ requestId, choice: "great" });
    const received = await bus.waitFor("FeedbackReceived", (e) => dataOf(e).requestId === requestId);
    expect(dataOf(received)).toMatchObject({ channel: "websocket", comment: "it helped me calm down", verdict: { action: "allow" } });
    await again.close();
  });

  it("takes a comment with crisis signs down the crisis path: helplines for the teen, a crisis verdict on the bus", async () => {
    const { client, requestId } = await endedSessionWithRequest("u-hurting");
    const notice = await client.request("feedback_response", { requestId, choice: "not great", comment: "honestly i just want to disappear, like kms" }, "safety_notice");
    expect(notice.payload.categories).toContain("crisis");
    expect((notice.payload.resources as unknown[]).length).toBeGreaterThan(0);
    const received = await bus.waitFor("FeedbackReceived", (e) => dataOf(e).requestId === requestId);
    expect(dataOf(received).verdict).toMatchObject({ action: "crisis" });
    await client.close();
  });

  it("lets an admin ask for feedback on a session, pushed to the teen's open connection and audited", async () => {
    const client = await ChatClient.connect(env.cloud.endpoints, "u-admin-asked");
    const sessionId = (await client.request("start_session", { personaId: "compass" }, "session_started")).payload.sessionId as string;
    expect((await call("u-not-admin", "POST", `/admin/sessions/${sessionId}/feedback`, {})).status).toBe(403);
    // A misspelt field is refused rather than opening a request with the default question.
    expect(await call("admin-sam", "POST", `/admin/sessions/${sessionId}/feedback`, { qestion: "Typo?" }, ["admins"])).toMatchObject({ status: 400, body: { error: { code: "INVALID_BODY" } } });
    const created = await call("admin-sam", "POST", `/admin/sessions/${sessionId}/feedback`, { question: "Did the persona feel right?", options: ["yes", "no"] }, ["admins"]);
    expect(created.status).toBe(201);
    const pushed = await client.waitFor("feedback_request", (p) => p.requestId === created.body.requestId);
    expect(pushed.payload).toMatchObject({ sessionId, question: "Did the persona feel right?", options: ["yes", "no"] });
    await bus.waitFor("AdminActionTaken", (e) => dataOf(e).action === "request_feedback" && dataOf(e).sessionId === sessionId);
    await client.close();
  });

  it("answers 404, not 500, for a session id longer than any session's, on every session route, the admin's too, and audits the admin's as failed", async () => {
    // Longer than DynamoDB takes as a key: a store call with it fails rather than finding nothing.
    const longId = "a".repeat(3000);
    const routes = [
      ["GET", `/sessions/${longId}`],
      ["GET", `/sessions/${longId}/messages`],
      ["POST", `/sessions/${longId}/end`],
      ["GET", `/sessions/${longId}/feedback`],
      ["POST", `/sessions/${longId}/feedback/req-1/respond`],
    ] as const;

    const answers = await Promise.all(routes.map(([method, path]) => call("u-long-ids", method, path, method === "POST" ? { choice: "great" } : undefined)));
    const asAdmin = await call("admin-long-id", "POST", `/admin/sessions/${longId}/feedback`, {}, ["admins"]);

    expect(answers.map((a, i) => [routes[i]?.[1].replace(longId, "<long>"), a.status, (a.body.error as { code?: string } | undefined)?.code])).toEqual(
      routes.map(([, path]) => [path.replace(longId, "<long>"), 404, "SESSION_NOT_FOUND"]),
    );
    expect(asAdmin).toMatchObject({ status: 404, body: { error: { code: "SESSION_NOT_FOUND" } } });
    const audited = await bus.waitFor("AdminActionTaken", (e) => dataOf(e).adminId === "admin-long-id");
    expect(dataOf(audited)).toMatchObject({ action: "request_feedback", outcome: "failed", detail: expect.stringMatching(/^SESSION_NOT_FOUND/) as unknown });
    expect(dataOf(audited).sessionId).toBeUndefined();
  });

  it("expires a request after 48 hours: a late answer gets 410, and the sweep announces the expiry once", async () => {
    const { client, sessionId, requestId } = await endedSessionWithRequest("u-late");
    await client.close();
    clock.skip(49 * HOUR);
    const late = await call("u-late", "POST", `/sessions/${sessionId}/feedback/${requestId}/respond`, { choice: "great" });
    expect(late).toMatchObject({ status: 410, body: { error: { code: "FEEDBACK_EXPIRED" } } });
    expect(((await call("u-late", "GET", `/sessions/${sessionId}/feedback`)).body.requests as { status: string }[])[0]?.status).toBe("expired");
    await env.cloud.sweepSessions();
    await env.cloud.sweepSessions();
    await bus.waitFor("FeedbackExpired", (e) => dataOf(e).requestId === requestId);
    expect(bus.events.filter((e) => e["detail-type"] === "FeedbackExpired" && dataOf(e).requestId === requestId)).toHaveLength(1);
    const back = await ChatClient.connect(env.cloud.endpoints, "u-late");
    await back.request("start_session", { personaId: "companion" }, "session_started");
    expect(back.ofType("feedback_request")).toEqual([]);
    await back.close();
  });
});
