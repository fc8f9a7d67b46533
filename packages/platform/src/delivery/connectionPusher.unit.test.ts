// A push to an @connections endpoint that never answers fails with the SDK's timeout after its two attempts, instead of holding the notifier until its function timeout.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ApiGatewayConnectionPusher } from "./connectionPusher";

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let server: Server | undefined;

/** An HTTP server that reads each request and answers as `answer` says: never, or with a status. */
async function endpointThat(answer: (request: IncomingMessage) => number | "never"): Promise<{ endpoint: string; requests: string[] }> {
  const requests: string[] = [];
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    const status = answer(request);
    if (status === "never") return;
    response.writeHead(status, { "content-type": "application/json" }).end(status === 410 ? JSON.stringify({ message: "gone" }) : "");
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("ApiGatewayConnectionPusher", () => {
  it("gives up on an endpoint that never answers with a TimeoutError, after two attempts", async () => {
    const { endpoint, requests } = await endpointThat(() => "never");
    const pusher = new ApiGatewayConnectionPusher({ endpoint, region: "us-east-1", credentials, requestTimeoutMs: 100 });

    await expect(pusher.push("conn-1", '{"type":"reply"}')).rejects.toMatchObject({ name: "TimeoutError" });

    expect(requests).toEqual(["POST /@connections/conn-1", "POST /@connections/conn-1"]);
    pusher.destroy();
  });

  it("still reports a gone connection and forgets it", async () => {
    const { endpoint } = await endpointThat(() => 410);
    const forgotten: string[] = [];
    const pusher = new ApiGatewayConnectionPusher({ endpoint, region: "us-east-1", credentials, requestTimeoutMs: 100 }, async (id) => {
      forgotten.push(id);
    });

    await expect(pusher.push("conn-2", "{}")).resolves.toBe("gone");

    expect(forgotten).toEqual(["conn-2"]);
    pusher.destroy();
  });
});
