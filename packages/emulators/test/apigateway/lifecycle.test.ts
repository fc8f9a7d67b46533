// Connection life cycle: idle timeout, maximum duration, client close, emulator close, and input that must not crash it.
import { connect as connectTcp } from "node:net";
import { describe, expect, it } from "vitest";
import {
  startWebSocketApiEmulator,
} from "../../src/apigateway/index.js";
import { connectClient, eventually, recordingHandler, sleep, emulatorPerTest } from "./support.js";

const start = emulatorPerTest();

describe("idle timeout and maximum duration", () => {
  it("closes an idle connection with 1001 Going away and invokes $disconnect", async () => {
    // Prepare
    const onDisconnect = recordingHandler();
    // Long enough that the connection is still there when the client has opened and the test reads its id, even on a busy machine.
    const api = await start({ idleTimeoutMs: 1_000, routes: { $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);
    const connectionId = api.connectionIds()[0];
    expect(connectionId).toBeDefined();

    // Act
    const closed = await client.closed;
    await eventually(() => onDisconnect.events.length === 1);

    // Assess
    expect(closed).toEqual({ code: 1001, reason: "Going away" });
    expect(onDisconnect.events[0]).toMatchObject({
      headers: { "x-api-key": "", "x-restapi": "" },
      isBase64Encoded: false,
      requestContext: {
        routeKey: "$disconnect",
        eventType: "DISCONNECT",
        connectionId,
        disconnectStatusCode: 1001,
        disconnectReason: "Going away",
      },
    });
    expect(onDisconnect.events[0]?.requestContext).not.toHaveProperty("messageId");
    expect(api.connectionIds()).toEqual([]);
  });

  it("keeps a connection open while the client keeps sending", async () => {
    // The client sends every 100 ms for 1.5 idle timeouts: only a pause of nearly 2 s between two sends (a stalled
    // machine, not the emulator) could let the connection idle out, while an emulator that ignored activity closes it.
    const idleTimeoutMs = 2_000;
    const api = await start({ idleTimeoutMs, routes: { $default: async () => undefined } });
    const client = await connectClient(api.websocketUrl);

    const until = Date.now() + idleTimeoutMs * 1.5;
    for (let i = 0; Date.now() < until; i += 1) {
      await sleep(100);
      client.socket.send(`keepalive ${i}`);
    }

    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.socket.close();
  });

  it("closes a connection at its maximum duration however active it is", async () => {
    const onDisconnect = recordingHandler();
    const api = await start({ maxConnectionMs: 300, routes: { $default: async () => undefined, $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);
    const keepBusy = setInterval(() => client.socket.readyState === client.socket.OPEN && client.socket.send("busy"), 50);

    const closed = await client.closed;
    clearInterval(keepBusy);

    expect(closed.code).toBe(1001);
    await eventually(() => onDisconnect.events.length === 1);
    expect(onDisconnect.events[0]?.requestContext.disconnectStatusCode).toBe(1001);
  });
});

describe("$disconnect", () => {
  it("runs exactly once when the client closes, with the client's close code", async () => {
    // Prepare
    const onDisconnect = recordingHandler();
    const api = await start({ routes: { $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);

    // Act
    client.socket.close(4000, "bye");
    await client.closed;
    await eventually(() => onDisconnect.events.length === 1);
    await sleep(200);
    await api.close();

    // Assess
    expect(onDisconnect.events).toHaveLength(1);
    expect(onDisconnect.events[0]?.requestContext).toMatchObject({ disconnectStatusCode: 4000, disconnectReason: "bye" });
  });

  it("runs once when the client drops the TCP connection without a close frame", async () => {
    const onDisconnect = recordingHandler();
    const api = await start({ routes: { $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);

    client.socket.terminate();
    await eventually(() => onDisconnect.events.length === 1);
    await sleep(100);

    expect(onDisconnect.events).toHaveLength(1);
    expect(onDisconnect.events[0]?.requestContext.disconnectStatusCode).toBe(1006);
  });

  it("does not take the emulator down when it throws", async () => {
    const api = await start({
      routes: {
        $disconnect: async () => {
          throw new Error("cleanup failed");
        },
      },
    });
    const first = await connectClient(api.websocketUrl);
    first.socket.close();
    await first.closed;

    const second = await connectClient(api.websocketUrl);

    expect(api.connectionIds()).toHaveLength(1);
    second.socket.close();
  });
});

describe("close()", () => {
  it("closes every socket with 1001, runs $disconnect for each and stops listening", async () => {
    // Prepare
    const onDisconnect = recordingHandler();
    const api = await startWebSocketApiEmulator({ port: 0, stage: "local", routes: { $disconnect: onDisconnect.handler } });
    const clients = await Promise.all([connectClient(api.websocketUrl), connectClient(api.websocketUrl)]);
    const ids = api.connectionIds();

    // Act
    await api.close();

    // Assess
    const closes = await Promise.all(clients.map((client) => client.closed));
    expect(closes.map((closed) => closed.code)).toEqual([1001, 1001]);
    expect(onDisconnect.events.map((event) => event.requestContext.connectionId).sort()).toEqual([...ids].sort());
    expect(api.connectionIds()).toEqual([]);
    await expect(connectClient(api.websocketUrl)).rejects.toThrow(/ECONNREFUSED/);
    await api.close();
  });

  it("waits for a client that never answers the close frame only briefly", { timeout: 30_000 }, async () => {
    const onDisconnect = recordingHandler();
    const api = await startWebSocketApiEmulator({ port: 0, stage: "local", routes: { $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);
    // A client whose socket stops reading cannot answer the close handshake.
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const startedAt = Date.now();
    await api.close();

    // Bounded by the close handshake's grace, not by the client, which would never answer; room left for a busy machine.
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(onDisconnect.events).toHaveLength(1);
  });
});

describe("bad input", () => {
  it("survives garbage on the port and keeps serving", async () => {
    const api = await start({ routes: { $default: async () => ({ statusCode: 200, body: "still here" }) } });
    const port = Number(new URL(api.websocketUrl).port);

    await new Promise<void>((resolve) => {
      const socket = connectTcp(port, "127.0.0.1", () => socket.end("\x00\x01 not http at all\r\n\r\n"));
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
    await new Promise<void>((resolve) => {
      const socket = connectTcp(port, "127.0.0.1", () =>
        socket.write("GET /local HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
      );
      socket.on("data", () => socket.destroy());
      socket.on("close", () => resolve());
    });
    const client = await connectClient(api.websocketUrl);
    client.socket.send("hello");

    expect((await client.nextFrame()).text).toBe("still here");
    client.socket.close();
  });
});
