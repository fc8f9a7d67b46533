// The SigV4 check on its own: what it accepts, and which refusal each kind of bad signature gets.
import { describe, expect, it } from "vitest";
import { sha256Hex, signRequest, verifySignature, type OutgoingRequest, type ReceivedRequest } from "./sigv4";

const KEY = { accessKeyId: "local", secretAccessKey: "local" };
const POLICY = { service: "dynamodb", credentials: [KEY] };
const SIGNED_AT = new Date("2026-03-02T09:30:00Z");
const HOST = "127.0.0.1:4513";

/** A request signed as a client would sign it, then received as the server sees it (possibly changed on the way). */
const received = (outgoing: Partial<OutgoingRequest> = {}, change: (request: ReceivedRequest) => ReceivedRequest = (request) => request): ReceivedRequest => {
  const request: OutgoingRequest = {
    method: "POST",
    url: `http://${HOST}/`,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
    body: "{}",
    ...outgoing,
  };
  const url = new URL(request.url);
  const headers = { ...request.headers, ...signRequest(request, { service: "dynamodb", region: "us-east-1", credentials: KEY, now: SIGNED_AT }) };
  return change({ method: request.method, url: `${url.pathname}${url.search}`, rawHeaders: Object.entries(headers).flat(), bodySha256: sha256Hex(request.body) });
};

const withHeader = (name: string, value: string | undefined) => (request: ReceivedRequest): ReceivedRequest => {
  const rawHeaders: string[] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index]?.toLowerCase() !== name) rawHeaders.push(request.rawHeaders[index] as string, request.rawHeaders[index + 1] as string);
  }
  return { ...request, rawHeaders: value === undefined ? rawHeaders : [...rawHeaders, name, value] };
};

describe("verifySignature", () => {
  it("accepts a request as signed, whatever the order of its query and however its path spells the same place", () => {
    expect(verifySignature(received(), POLICY)).toEqual({ ok: true, accessKeyId: "local" });
    expect(verifySignature(received({ url: `http://${HOST}/a/b?z=1&a=2` }, (request) => ({ ...request, url: "/a/./c/../b?a=2&z=1" })), POLICY).ok).toBe(true);
  });

  it("answers missing for no Authorization, or one that is not SigV4", () => {
    expect(verifySignature(received({}, withHeader("authorization", undefined)), POLICY)).toMatchObject({ ok: false, problem: "missing" });
    expect(verifySignature(received({}, withHeader("authorization", "Bearer abc")), POLICY)).toMatchObject({ ok: false, problem: "missing" });
  });

  it("answers incomplete for a header missing a part, a credential of the wrong shape or a date not in basic format", () => {
    expect(verifySignature(received({}, withHeader("authorization", "AWS4-HMAC-SHA256 Credential=local/20260302/us-east-1/dynamodb/aws4_request")), POLICY)).toMatchObject({
      ok: false,
      problem: "incomplete",
      message: expect.stringContaining("requires 'Signature' parameter"),
    });
    expect(verifySignature(received({}, withHeader("authorization", "AWS4-HMAC-SHA256 Credential=local/20260302, SignedHeaders=host, Signature=ab")), POLICY)).toMatchObject({
      ok: false,
      problem: "incomplete",
    });
    expect(verifySignature(received({}, withHeader("x-amz-date", "2026-03-02T09:30:00Z")), POLICY)).toMatchObject({ ok: false, problem: "incomplete" });
  });

  it("answers unknownKey for a key it does not know, or a session token the key has none of", () => {
    expect(verifySignature(received(), { ...POLICY, credentials: [{ accessKeyId: "other", secretAccessKey: "local" }] })).toMatchObject({ ok: false, problem: "unknownKey" });
    expect(verifySignature(received({}, withHeader("x-amz-security-token", "token")), POLICY)).toMatchObject({ ok: false, problem: "unknownKey" });
  });

  it("answers mismatch for a wrong secret, another service's scope, or a changed method, path, header or body", () => {
    const changed: ((request: ReceivedRequest) => ReceivedRequest)[] = [
      (request) => ({ ...request, method: "PUT" }),
      (request) => ({ ...request, url: "/other" }),
      (request) => ({ ...request, bodySha256: sha256Hex("{ }") }),
      withHeader("x-amz-target", "DynamoDB_20120810.DeleteTable"),
      withHeader("x-amz-date", "20260302T093001Z"),
    ];
    for (const change of changed) expect(verifySignature(received({}, change), POLICY)).toMatchObject({ ok: false, problem: "mismatch" });
    expect(verifySignature(received(), { ...POLICY, credentials: [{ ...KEY, secretAccessKey: "other" }] })).toMatchObject({ ok: false, problem: "mismatch" });
    expect(verifySignature(received(), { ...POLICY, service: "sqs" })).toMatchObject({ ok: false, problem: "mismatch", message: "Credential should be scoped to correct service: 'sqs'." });
  });
});
