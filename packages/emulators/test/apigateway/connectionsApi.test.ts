// The @connections API against the real AWS SDK v3 client and the real AWS CLI, unchanged, pointed at the emulator.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { afterEach, describe, expect, it } from "vitest";
import { localCredentials } from "../../src/net.js";
import { signedFetch } from "../signedFetch.js";
import { startWebSocketApiEmulator, type WebSocketApiEmulator, type WsHandler } from "../../src/apigateway/index.js";
import { connectClient, eventually, recordingHandler, type TestClient } from "./support.js";

const run = promisify(execFile);

let emulator: WebSocketApiEmulator | undefined;
let sdk: ApiGatewayManagementApiClient | undefined;
afterEach(async () => {
  sdk?.destroy();
  sdk = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function startWithClient(
  routes: Record<string, WsHandler> = {},
): Promise<{ api: WebSocketApiEmulator; client: TestClient; connectionId: string; management: ApiGatewayManagementApiClient }> {
  emulator = await startWebSocketApiEmulator({ port: 0, stage: "local", routes });
  sdk = new ApiGatewayManagementApiClient({
    endpoint: emulator.connectionsUrl,
    region: "us-east-1",
    credentials: localCredentials,
  });
  const client = await connectClient(emulator.websocketUrl, { headers: { "User-Agent": "innerworld-vr/2.3" } });
  const [connectionId] = emulator.connectionIds();
  if (connectionId === undefined) throw new Error("the client did not register");
  return { api: emulator, client, connectionId, management: sdk };
}

/** Runs a management call expected to fail and returns its error. */
async function failureOf(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error("the call was expected to fail");
}

describe("@connections with the AWS SDK v3", () => {
  it("PostToConnection delivers the bytes as one text frame", async () => {
    const { client, connectionId, management } = await startWithClient();
    const frame = JSON.stringify({ type: "reply", payload: { content: "Hi! ✨" } });

    const output = await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(frame) }));

    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(await client.nextFrame()).toEqual({ text: frame, isBinary: false });
  });

  it("GetConnection describes the connection", async () => {
    const onDefault = recordingHandler();
    const before = Date.now();
    const { client, connectionId, management } = await startWithClient({ $default: onDefault.handler });
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.socket.send("activity");
    await eventually(() => onDefault.events.length === 1);

    const output = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));

    expect(output.Identity).toEqual({ SourceIp: "127.0.0.1", UserAgent: "innerworld-vr/2.3" });
    expect(output.ConnectedAt).toBeInstanceOf(Date);
    expect(output.LastActiveAt).toBeInstanceOf(Date);
    expect(output.LastActiveAt!.getTime()).toBeGreaterThan(output.ConnectedAt!.getTime());
    // When it connected, however long a busy machine took since: within the test, on a whole-second granularity at worst.
    expect(output.ConnectedAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(output.ConnectedAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("DeleteConnection closes the socket, runs $disconnect once, and the id is gone afterwards", async () => {
    // Prepare
    const onDisconnect = recordingHandler();
    const { api, client, connectionId, management } = await startWithClient({ $disconnect: onDisconnect.handler });

    // Act
    const output = await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await client.closed;
    await eventually(() => onDisconnect.events.length === 1);
    const gone = await failureOf(management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from("late") })));

    // Assess
    expect(output.$metadata.httpStatusCode).toBe(204);
    expect(closed.code).toBe(1000);
    expect(onDisconnect.events[0]?.requestContext).toMatchObject({
      connectionId,
      disconnectStatusCode: 1000,
      disconnectReason: "Connection Closed Normally",
    });
    expect(gone.name).toBe("GoneException");
    expect(api.connectionIds()).toEqual([]);
  });

  it("answers GoneException (410) for an unknown connection on every method", async () => {
    const { management } = await startWithClient();

    const failures = await Promise.all([
      failureOf(management.send(new PostToConnectionCommand({ ConnectionId: "Zm9vYmFyYmF6cXU=", Data: Buffer.from("x") }))),
      failureOf(management.send(new GetConnectionCommand({ ConnectionId: "Zm9vYmFyYmF6cXU=" }))),
      failureOf(management.send(new DeleteConnectionCommand({ ConnectionId: "Zm9vYmFyYmF6cXU=" }))),
    ]);

    for (const failure of failures) {
      expect(failure.name).toBe("GoneException");
      expect(failure.$metadata.httpStatusCode).toBe(410);
    }
  });

  it("answers PayloadTooLargeException (413) for more than 128 KB and keeps the connection", async () => {
    const { client, connectionId, management } = await startWithClient();

    const failure = await failureOf(
      management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.alloc(128 * 1024 + 1, 120) })),
    );
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from("small") }));

    expect(failure.name).toBe("PayloadTooLargeException");
    expect(failure.$metadata.httpStatusCode).toBe(413);
    expect((await client.nextFrame()).text).toBe("small");
  });

  it("lets a route handler answer through @connections, as services do on AWS", async () => {
    const { client } = await startWithClient({
      $default: async (event) => {
        const management = new ApiGatewayManagementApiClient({
          endpoint: emulator!.connectionsUrl,
          region: "us-east-1",
          credentials: localCredentials,
        });
        await management.send(
          new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: Buffer.from(`ack:${event.body}`) }),
        );
        management.destroy();
      },
    });

    client.socket.send("m-1");

    expect((await client.nextFrame()).text).toBe("ack:m-1");
  });
});

describe("@connections over plain HTTP", () => {
  it("answers 404 JSON for paths that are not @connections, and keeps serving", async () => {
    const { api, client, connectionId } = await startWithClient();
    const base = new URL(api.connectionsUrl).origin;

    const responses = await Promise.all(
      ["/", "/local", "/prod/@connections/x", "/local/@connections", "/local/@connections/%E0%A4%A/extra", "/local/@connections/%ZZ"].map(
        (path) => signedFetch(`${base}${path}`, "execute-api"),
      ),
    );
    const put = await signedFetch(`${api.connectionsUrl}/@connections/${connectionId}`, "execute-api", { method: "PUT", body: "x" });
    const encoded = await signedFetch(`${api.connectionsUrl}/%40connections/${encodeURIComponent(connectionId)}`, "execute-api", {
      method: "POST",
      body: "via %40",
    });

    for (const response of [...responses, put]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toHaveProperty("message");
    }
    expect(encoded.status).toBe(200);
    expect((await client.nextFrame()).text).toBe("via %40");
  });

  it("sends GoneException with the x-amzn-ErrorType header and a null message", async () => {
    const { api } = await startWithClient();

    const response = await signedFetch(`${api.connectionsUrl}/@connections/unknown`, "execute-api", { method: "POST", body: "x" });

    expect(response.status).toBe(410);
    expect(response.headers.get("x-amzn-errortype")).toBe("GoneException");
    expect(await response.json()).toEqual({ message: null });
  });
});

// Each CLI call starts a Python interpreter: under a second on an idle machine, several on a loaded one, and a test
// makes up to a handful of them (more while it polls), so the budget is a loaded machine's, not a speed requirement.
describe("@connections with the AWS CLI", { timeout: 90_000 }, () => {
  const cliEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };

  it("post-to-connection delivers --data (raw text in CLI v1) to the client", async () => {
    const { api, client, connectionId } = await startWithClient();

    await run(
      "aws",
      [
        "apigatewaymanagementapi",
        "post-to-connection",
        "--endpoint-url",
        api.connectionsUrl,
        "--connection-id",
        connectionId,
        "--data",
        '{"type":"reply","payload":{"content":"from the cli"}}',
        "--region",
        "us-east-1",
      ],
      { env: cliEnv, timeout: 20_000 },
    );

    expect((await client.nextFrame()).text).toBe('{"type":"reply","payload":{"content":"from the cli"}}');
  });

  it("get-connection prints the connection and post-to-connection reports GoneException", async () => {
    const { api, connectionId } = await startWithClient();
    const common = ["--endpoint-url", api.connectionsUrl, "--region", "us-east-1", "--output", "json"];

    const described = await run("aws", ["apigatewaymanagementapi", "get-connection", "--connection-id", connectionId, ...common], {
      env: cliEnv,
      timeout: 20_000,
    });
    const gone = await failureOf(
      run("aws", ["apigatewaymanagementapi", "post-to-connection", "--connection-id", "Zm9vYmFyYmF6cXU=", "--data", "x", ...common], {
        env: cliEnv,
        timeout: 20_000,
      }),
    );

    expect(JSON.parse(described.stdout)).toMatchObject({ Identity: { SourceIp: "127.0.0.1", UserAgent: "innerworld-vr/2.3" } });
    expect((gone as unknown as { stderr: string }).stderr).toMatch(/GoneException/);
  });
});
