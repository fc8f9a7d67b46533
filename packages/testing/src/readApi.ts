// A read API client for tests: one teen's (or operator's) token from the dev issuer, and the calls made with it.
import type { LocalEndpoints } from "@innerworld/local";
import { mintToken } from "./chatClient";

/** A message as the read API lists a session's history; a test that reads more of it names its own shape. */
export interface StoredMessage {
  seq: number;
  role: "user" | "assistant";
  messageId: string;
  content: string;
  status: string;
}

export interface ReadApiClient {
  readonly token: string;
  /** Any call, answered however the API answers it: for tests about statuses and refusals. */
  request(method: string, path: string, body?: unknown): Promise<Response>;
  /** A GET that must succeed, its body parsed; anything else throws, naming the path, so a poll stops at once. */
  json<T>(path: string): Promise<T>;
  /** The session's stored messages, its first page (200): more than any test's session holds. */
  sessionMessages<M = StoredMessage>(sessionId: string): Promise<M[]>;
}

export const readApiAs = async (endpoints: Pick<LocalEndpoints, "readApiUrl" | "tokenUrl">, sub: string, claims: { groups?: string[] } = {}): Promise<ReadApiClient> => {
  const token = await mintToken(endpoints, { sub, ...claims });
  const request = (method: string, path: string, body?: unknown) =>
    fetch(`${endpoints.readApiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async <T>(path: string): Promise<T> => {
    const response = await request("GET", path);
    // The body goes into the error: the API's problem code says why, where a bare status leaves the reader guessing.
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    token,
    request,
    json,
    sessionMessages: async <M>(sessionId: string) => (await json<{ messages: M[] }>(`/sessions/${sessionId}/messages`)).messages,
  };
};
