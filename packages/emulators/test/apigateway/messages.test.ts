// Client frames: MESSAGE events, route selection, route responses, handler failures and the 128 KB message quota.
import { describe, expect, it } from "vitest";
import { connectClient, eventually, recordingHandler, sleep, emulatorPerTest } from "./support.js";

const start = emulatorPerTest();

describe("MESSAGE events", () => {
  it("gives $default the event API Gateway sends for a text frame", async () => {
    // Prepare
    const onDefault = recordingHandler();
    const api = await start({ apiId: "abc123", routes: { $default: onDefault.handler } });
    const client = await connectClient(api.websocketUrl);
    const frame = JSON.stringify({ type: "message", payload: { sessionId: "s-1", content: "hi Luna" } });

    // Act
    client.socket.send(frame);
    await eventually(() => onDefault.events.length === 1);

    // Assess
    const [event] = onDefault.events;
    expect(event).toEqual({
      body: frame,
      isBase64Encoded: false,
      requestContext: {
        routeKey: "$default",
        eventType: "MESSAGE",
        messageId: expect.stringMatching(/^[A-Za-z0-9=]{16}$/),
        connectionId: api.connectionIds()[0],
        connectedAt: expect.any(Number),
        requestId: expect.any(String),
        extendedRequestId: expect.any(String),
        requestTime: expect.any(String),
        requestTimeEpoch: expect.any(Number),
        messageDirection: "IN",
        stage: "local",
        apiId: "abc123",
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        identity: { sourceIp: "127.0.0.1" },
      },
    });
    client.socket.close();
  });

  it("refuses a binary frame by closing the connection with 1003, as API Gateway does, and runs no route but $disconnect", async () => {
    const onDefault = recordingHandler();
    const onDisconnect = recordingHandler();
    const api = await start({ routes: { $default: onDefault.handler, $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);

    client.socket.send(Buffer.from([0x00, 0xff, 0x10, 0x80]), { binary: true });

    expect((await client.closed).code).toBe(1003);
    await eventually(() => onDisconnect.events.length === 1);
    expect(onDefault.events).toEqual([]);
  });

  it("sends the handler's body back to the client as the route response", async () => {
    const api = await start({
      routes: { $default: async (event) => ({ statusCode: 200, body: JSON.stringify({ type: "pong", echo: event.body }) }) },
    });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("ping");

    const reply = await client.nextFrame();
    expect(reply.isBinary).toBe(false);
    expect(JSON.parse(reply.text)).toEqual({ type: "pong", echo: "ping" });
    client.socket.close();
  });

  it("sends nothing back when the handler returns no body", async () => {
    const onDefault = recordingHandler(() => ({ statusCode: 200 }));
    const api = await start({ routes: { $default: onDefault.handler } });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("first");
    await eventually(() => onDefault.events.length === 1);

    await expect(client.nextFrame(300)).rejects.toThrow(/no frame/);
    client.socket.close();
  });
});

describe("route selection", () => {
  it("routes by $request.body.action and falls back to $default", async () => {
    // Prepare
    const onPing = recordingHandler(() => ({ statusCode: 200, body: "pong" }));
    const onDefault = recordingHandler(() => ({ statusCode: 200, body: "default" }));
    const api = await start({
      routeSelectionExpression: "$request.body.action",
      routes: { ping: onPing.handler, $default: onDefault.handler },
    });
    const client = await connectClient(api.websocketUrl);

    // Act
    client.socket.send(JSON.stringify({ action: "ping" }));
    const first = await client.nextFrame();
    client.socket.send(JSON.stringify({ action: "toString" }));
    const second = await client.nextFrame();
    client.socket.send("not json");
    const third = await client.nextFrame();

    // Assess
    expect([first.text, second.text, third.text]).toEqual(["pong", "default", "default"]);
    expect(onPing.events[0]?.requestContext.routeKey).toBe("ping");
    expect(onDefault.events.map((event) => event.requestContext.routeKey)).toEqual(["$default", "$default"]);
    client.socket.close();
  });

  it("follows nested paths in ${request.body.a.b} form", async () => {
    const onStart = recordingHandler(() => ({ statusCode: 200, body: "started" }));
    const api = await start({ routeSelectionExpression: "${request.body.meta.kind}", routes: { start_session: onStart.handler } });
    const client = await connectClient(api.websocketUrl);

    client.socket.send(JSON.stringify({ meta: { kind: "start_session" } }));

    expect((await client.nextFrame()).text).toBe("started");
    client.socket.close();
  });

  it("answers Forbidden on the socket when no route matches and there is no $default", async () => {
    const api = await start({ routeSelectionExpression: "$request.body.action", routes: { ping: async () => undefined } });
    const client = await connectClient(api.websocketUrl);

    client.socket.send(JSON.stringify({ action: "unknown" }));

    const reply = JSON.parse((await client.nextFrame()).text) as Record<string, unknown>;
    expect(reply).toEqual({ message: "Forbidden", connectionId: api.connectionIds()[0], requestId: expect.any(String) });
    client.socket.close();
  });

  it("refuses at start an expression it cannot evaluate", async () => {
    await expect(start({ routeSelectionExpression: "$request.header.x" })).rejects.toThrow(/routeSelectionExpression/);
  });
});

describe("handler failures", () => {
  it("sends API Gateway's Internal server error frame and keeps the connection open", async () => {
    // Prepare
    const api = await start({
      routes: {
        $default: async (event) => {
          if (event.body === "boom") throw new Error("model unavailable");
          return { statusCode: 200, body: "ok" };
        },
      },
    });
    const client = await connectClient(api.websocketUrl);

    // Act
    client.socket.send("boom");
    const failure = JSON.parse((await client.nextFrame()).text) as Record<string, unknown>;
    client.socket.send("again");
    const recovered = await client.nextFrame();

    // Assess
    expect(failure).toEqual({
      message: "Internal server error",
      connectionId: api.connectionIds()[0],
      requestId: expect.stringMatching(/^[A-Za-z0-9=]{16}$/),
    });
    expect(recovered.text).toBe("ok");
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.socket.close();
  });

  it("survives a handler that throws synchronously or returns garbage", async () => {
    const api = await start({
      routes: {
        $default: ((event: { body?: string }) => {
          if (event.body === "sync") throw new Error("sync");
          return Promise.resolve("not a proxy result");
        }) as never,
      },
    });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("sync");
    expect(JSON.parse((await client.nextFrame()).text)).toMatchObject({ message: "Internal server error" });
    client.socket.send("garbage");
    await sleep(100);

    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.socket.close();
  });

  it("answers Endpoint request timed out when a handler outlives the integration timeout", async () => {
    const api = await start({
      integrationTimeoutMs: 100,
      routes: { $default: async () => sleep(400).then(() => ({ statusCode: 200, body: "too late" })) },
    });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("slow");

    expect(JSON.parse((await client.nextFrame()).text)).toMatchObject({ message: "Endpoint request timed out" });
    await expect(client.nextFrame(600)).rejects.toThrow(/no frame/);
    client.socket.close();
  });

  it("hands each handler a Lambda context counting down from the integration timeout", async () => {
    const seen: Array<{ functionName: string; awsRequestId: string; remaining: number }> = [];
    const api = await start({
      routes: {
        $default: async (_event, context) => {
          seen.push({ functionName: context.functionName, awsRequestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() });
        },
      },
    });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("a");
    client.socket.send("b");
    await eventually(() => seen.length === 2);

    expect(seen[0]?.functionName).toBe("local-local-default");
    expect(seen[0]?.awsRequestId).not.toBe(seen[1]?.awsRequestId);
    expect(seen[0]?.remaining).toBeGreaterThan(28_000);
    expect(seen[0]?.remaining).toBeLessThanOrEqual(29_000);
    client.socket.close();
  });
});

describe("message size", () => {
  it("accepts a message of exactly 128 KB", async () => {
    const onDefault = recordingHandler();
    const api = await start({ routes: { $default: onDefault.handler } });
    const client = await connectClient(api.websocketUrl);

    client.socket.send("x".repeat(128 * 1024));
    await eventually(() => onDefault.events.length === 1);

    expect(onDefault.events[0]?.body).toHaveLength(131072);
    client.socket.close();
  });

  it("closes with 1009 on 128 KB + 1 byte and reports it to $disconnect", async () => {
    // Prepare
    const onDefault = recordingHandler();
    const onDisconnect = recordingHandler();
    const api = await start({ routes: { $default: onDefault.handler, $disconnect: onDisconnect.handler } });
    const client = await connectClient(api.websocketUrl);

    // Act
    client.socket.send("x".repeat(128 * 1024 + 1));
    const closed = await client.closed;
    await eventually(() => onDisconnect.events.length === 1);

    // Assess
    expect(closed.code).toBe(1009);
    expect(onDefault.events).toHaveLength(0);
    expect(onDisconnect.events[0]?.requestContext).toMatchObject({ eventType: "DISCONNECT", disconnectStatusCode: 1009 });
    expect(api.connectionIds()).toEqual([]);
  });
});
