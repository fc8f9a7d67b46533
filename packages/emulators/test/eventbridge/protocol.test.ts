// The JSON 1.1 wire protocol with raw HTTP: AWS-shaped errors for bad requests, and a server that keeps answering after them.
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signedFetch } from "../signedFetch.js";
import { EventBridgeHarness } from "./helpers/harness.js";

let harness: EventBridgeHarness;

beforeEach(async () => {
  harness = await EventBridgeHarness.start();
});

afterEach(async () => {
  await harness.close();
});

const call = async (target: string | undefined, body: string, method = "POST") => {
  const headers: Record<string, string> = { "Content-Type": "application/x-amz-json-1.1" };
  if (target !== undefined) headers["X-Amz-Target"] = target;
  const response = await signedFetch(`${harness.endpoint}/`, "events", { method, headers, body });
  const text = await response.text();
  return { status: response.status, errorType: response.headers.get("x-amzn-errortype"), contentType: response.headers.get("content-type"), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

describe("JSON 1.1 protocol", () => {
  it("answers a well-formed call with 200 and application/x-amz-json-1.1", async () => {
    const response = await call("AWSEvents.ListEventBuses", "{}");

    expect(response.status).toBe(200);
    expect(response.contentType).toBe("application/x-amz-json-1.1");
    expect(response.body).toMatchObject({ EventBuses: [{ Name: "default" }] });
  });

  it.each([
    { name: "malformed JSON", target: "AWSEvents.PutEvents", body: '{"Entries": [', code: "SerializationException" },
    { name: "a body that is not an object", target: "AWSEvents.PutEvents", body: "[1, 2]", code: "SerializationException" },
    { name: "a member of the wrong type", target: "AWSEvents.PutEvents", body: '{"Entries": "lots"}', code: "SerializationException" },
    { name: "a nested member of the wrong type", target: "AWSEvents.PutEvents", body: '{"Entries": [{"Source": 42}]}', code: "SerializationException" },
    { name: "a Time no date can hold", target: "AWSEvents.PutEvents", body: '{"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}", "Time": 1e20}]}', code: "SerializationException" },
    { name: "an unknown operation", target: "AWSEvents.LaunchRockets", body: "{}", code: "UnknownOperationException" },
    { name: "an inherited property name as operation", target: "AWSEvents.constructor", body: "{}", code: "UnknownOperationException" },
    { name: "another service's target", target: "AmazonSQS.SendMessage", body: "{}", code: "UnknownOperationException" },
    { name: "no target at all", target: undefined, body: "{}", code: "UnknownOperationException" },
    { name: "a missing required member", target: "AWSEvents.PutRule", body: "{}", code: "ValidationException" },
    { name: "a Limit out of range", target: "AWSEvents.ListRules", body: '{"Limit": 1000}', code: "ValidationException" },
    { name: "a forged NextToken", target: "AWSEvents.ListRules", body: '{"NextToken": "garbage"}', code: "InvalidToken" },
    { name: "an unknown rule state", target: "AWSEvents.PutRule", body: '{"Name": "r", "EventPattern": "{\\"source\\":[\\"a\\"]}", "State": "MAYBE"}', code: "ValidationException" },
    { name: "a replay of a missing archive", target: "AWSEvents.StartReplay", body: '{"ReplayName": "r", "EventSourceArn": "arn:aws:events:us-east-1:000000000000:archive/none", "EventStartTime": 1, "EventEndTime": 2, "Destination": {"Arn": "arn:aws:events:us-east-1:000000000000:event-bus/default"}}', code: "ValidationException" },
  ])("answers $name with a 400 $code body and header", async ({ target, body, code }) => {
    const response = await call(target, body);

    expect(response.status).toBe(400);
    expect(response.errorType).toBe(code);
    expect(response.body).toEqual({ __type: code, message: expect.any(String) });
    // Still alive and answering afterwards.
    expect((await call("AWSEvents.ListEventBuses", "{}")).status).toBe(200);
  });

  it("collects every constraint a request breaks into one ValidationException, as AWS does", async () => {
    const response = await call("AWSEvents.PutRule", JSON.stringify({ Name: "x".repeat(65), Description: "d".repeat(513), EventPattern: "{}" }));

    expect(response.body.message).toMatch(/^2 validation errors detected: Value 'x{65}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64; Value 'd+\.\.\.' at 'description'/);
  });

  it("treats an empty body as an empty input, as the protocol allows", async () => {
    const response = await call("AWSEvents.ListRules", "");

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ Rules: [] });
  });

  it("answers non-POST requests with UnknownOperationException", async () => {
    const response = await call("AWSEvents.ListRules", "", "GET");

    expect(response.status).toBe(400);
    expect(response.errorType).toBe("UnknownOperationException");
  });

  it.each(["GET", "DELETE", "OPTIONS"])("answers %s with an undeclared body with AWS-shaped 400s only, __type and all", async (method) => {
    const url = new URL(harness.endpoint);
    // No Content-Length: the body bytes then reach the server as a (malformed) request of their own.
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write(`${method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.ListRules\r\n\r\n{"Entries": []}\r\n\r\n`));
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      // The emulator closes the socket after its 400s; this only ends a wait it would never end, with room for a busy machine.
      setTimeout(() => socket.destroy(), 15_000);
    });
    const responses = answer.split(/(?=HTTP\/1\.1 )/);

    expect(responses.length).toBeGreaterThanOrEqual(1);
    for (const response of responses) {
      expect(response).toMatch(/^HTTP\/1\.1 400/);
      expect(response).toMatch(/x-amzn-ErrorType: \w+Exception/i);
      expect(response).toMatch(/"__type":"\w+Exception"/);
    }
    expect((await call("AWSEvents.ListEventBuses", "{}")).status).toBe(200);
  });

  it("refuses an oversized body without reading it all into memory", async () => {
    const response = await call("AWSEvents.PutEvents", JSON.stringify({ Entries: [{ Source: "s", DetailType: "d", Detail: JSON.stringify({ pad: "x".repeat(9 * 1024 * 1024) }) }] }));

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ __type: "RequestEntityTooLargeException" });
    expect((await call("AWSEvents.ListEventBuses", "{}")).status).toBe(200);
  });

  it("survives garbage on the socket and clients that hang up mid-request", async () => {
    const url = new URL(harness.endpoint);
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("THIS IS NOT HTTP\r\n\r\n"));
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
    });
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.PutEvents\r\nContent-Length: 1000\r\n\r\n{\"Entries\":");
        socket.destroy();
        resolve();
      });
    });

    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect((await call("AWSEvents.ListEventBuses", "{}")).status).toBe(200);
  });
});
