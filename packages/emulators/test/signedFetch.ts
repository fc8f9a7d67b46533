// A raw HTTP call to a local AWS endpoint, signed with the local cloud's key as every local endpoint requires.
import { localCredentials } from "../src/net";
import { signRequest, type AwsCredentials } from "../src/sigv4";

/** The signature's date: any fixed one, as the local endpoints do not hold a signature to the clock. */
export const SIGNED_AT = new Date("2026-03-02T09:30:00Z");

export interface SignedCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Signs with these instead of the local cloud's key. */
  credentials?: AwsCredentials;
}

/** `fetch` with a SigV4 Authorization for `service` (`sqs`, `events`, `execute-api`, `dynamodb`), in us-east-1. */
export const signedFetch = (url: string, service: string, call: SignedCall = {}): Promise<Response> => {
  const method = call.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? "" : (call.body ?? "");
  const headers = call.headers ?? {};
  // fetch sends the Host it was given the URL for, which is the one signed.
  const { host: _signedHost, ...signature } = signRequest(
    { method, url, headers, body },
    { service, region: "us-east-1", credentials: call.credentials ?? localCredentials, now: SIGNED_AT },
  );
  return fetch(url, { method, headers: { ...headers, ...signature }, ...(body === "" && (method === "GET" || method === "HEAD") ? {} : { body }) });
};
