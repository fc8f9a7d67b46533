// HTTP calls sent from a chosen loopback address, so the local API sees friends on different networks as it would on AWS.
import { request } from "node:http";

export interface CallResult {
  status: number;
  json: Record<string, unknown>;
}

/**
 * A JSON call from `network` (any 127.x.y.z address: Linux routes all of 127/8 to the loopback interface) with a
 * browser's user agent: the API reads the network from the connection, as API Gateway does, never from a header.
 */
export const callFrom = (network: string, url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const call = request(url, { method, localAddress: network, headers: { "content-type": "application/json", "user-agent": "test-browser/1.0", ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, json: (text && response.headers["content-type"]?.includes("json") ? JSON.parse(text) : {}) as Record<string, unknown> });
      });
      response.on("error", reject);
    });
    call.on("error", reject);
    call.end(payload);
  });

/** Friend number `n` on a network of their own. */
export const networkOfFriend = (n: number) => `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 2}`;
