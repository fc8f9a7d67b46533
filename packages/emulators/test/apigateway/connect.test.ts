// The $connect handshake: REQUEST authorizer verdicts, $connect answers, the events both receive, subprotocols.
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { describe, expect, it } from "vitest";
import {
  type WebSocketApiEmulatorOptions,
  type WebSocketAuthorizerEvent,
} from "../../src/apigateway/index.js";
import { allowPolicy, connectClient, connectRejection, denyPolicy, eventually, recordingHandler, emulatorPerTest } from "./support.js";

const startEmulator = emulatorPerTest();
const start = (options: Partial<WebSocketApiEmulatorOptions>) =>
  startEmulator({ region: "eu-west-1", accountId: "123456789012", apiId: "innerworld", ...options });

describe("$connect with a REQUEST authorizer", () => {
  it("lets an allowed client in and shows the authorizer and $connect the same upgrade request", async () => {
    // Prepare
    const authorizerEvents: WebSocketAuthorizerEvent[] = [];
    const connect = recordingHandler();
    const api = await start({
      authorizer: async (event: WebSocketAuthorizerEvent) => {
        authorizerEvents.push(structuredClone(event));
        return allowPolicy("user-1", { userId: "user-1" });
      },
      routes: { $connect: connect.handler },
    });

    // Act
    const client = await connectClient(`${api.websocketUrl}?token=abc&persona=luna&persona=sol`, {
      headers: { "User-Agent": "innerworld-test/1.0", "X-Client": "vr" },
    });

    // Assess
    expect(api.connectionIds()).toHaveLength(1);
    const [connectionId] = api.connectionIds();
    const [authorizerEvent] = authorizerEvents;
    expect(authorizerEvent).toMatchObject({
      type: "REQUEST",
      methodArn: "arn:aws:execute-api:eu-west-1:123456789012:innerworld/local/$connect",
      queryStringParameters: { token: "abc", persona: "sol" },
      multiValueQueryStringParameters: { token: ["abc"], persona: ["luna", "sol"] },
      stageVariables: {},
      headers: { "X-Client": "vr", "User-Agent": "innerworld-test/1.0", "X-Forwarded-For": "127.0.0.1" },
      requestContext: {
        routeKey: "$connect",
        eventType: "CONNECT",
        connectionId,
        stage: "local",
        apiId: "innerworld",
        messageDirection: "IN",
        identity: { sourceIp: "127.0.0.1", userAgent: "innerworld-test/1.0" },
      },
    });
    expect(authorizerEvent?.headers["Sec-WebSocket-Key"]).toEqual(expect.any(String));
    expect(authorizerEvent?.headers).not.toHaveProperty("Upgrade");

    const [connectEvent] = connect.events;
    expect(connectEvent).toMatchObject({
      headers: { "X-Client": "vr", Host: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
      multiValueHeaders: { "X-Client": ["vr"] },
      queryStringParameters: { token: "abc", persona: "sol" },
      isBase64Encoded: false,
      requestContext: {
        routeKey: "$connect",
        eventType: "CONNECT",
        connectionId,
        requestId: authorizerEvent?.requestContext.requestId,
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        stage: "local",
        apiId: "innerworld",
        messageDirection: "IN",
        authorizer: { principalId: "user-1", userId: "user-1", integrationLatency: expect.any(Number) },
      },
    });
    expect(connectEvent?.requestContext).not.toHaveProperty("messageId");
    expect(connectEvent?.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(connectEvent?.requestContext.connectedAt).toBeLessThanOrEqual(connectEvent?.requestContext.requestTimeEpoch ?? 0);
    expect(connectionId).toMatch(/^[A-Za-z0-9=]{16}$/);
    client.socket.close();
  });

  it("answers 403 before the socket opens when the policy denies $connect", async () => {
    // Prepare
    const connect = recordingHandler();
    const api = await start({
      authorizer: async (event) => denyPolicy("intruder", event.methodArn),
      routes: { $connect: connect.handler },
    });

    // Act
    const rejection = await connectRejection(api.websocketUrl);

    // Assess
    expect(rejection.statusCode).toBe(403);
    expect(rejection.errorType).toBe("AccessDeniedException");
    expect(connect.events).toHaveLength(0);
    expect(api.connectionIds()).toEqual([]);
  });

  it("answers 403 when the policy allows some other route only", async () => {
    const api = await start({
      authorizer: async () => ({
        principalId: "user-1",
        policyDocument: {
          Version: "2012-10-17",
          Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "arn:aws:execute-api:*:*:*/prod/$connect" }],
        },
      }),
    });

    const rejection = await connectRejection(api.websocketUrl);

    expect(rejection.statusCode).toBe(403);
  });

  it("answers 401 when the authorizer throws Unauthorized", async () => {
    const connect = recordingHandler();
    const api = await start({
      authorizer: async (): Promise<APIGatewayAuthorizerResult> => {
        throw new Error("Unauthorized");
      },
      routes: { $connect: connect.handler },
    });

    const rejection = await connectRejection(`${api.websocketUrl}?token=expired`);

    expect(rejection.statusCode).toBe(401);
    expect(JSON.parse(rejection.body)).toEqual({ message: "Unauthorized" });
    expect(connect.events).toHaveLength(0);
  });

  it("answers 500 when the authorizer fails otherwise or returns a context API Gateway refuses", async () => {
    const failing = await start({
      authorizer: async (): Promise<APIGatewayAuthorizerResult> => {
        throw new Error("JWKS unreachable");
      },
    });
    expect((await connectRejection(failing.websocketUrl)).statusCode).toBe(500);
    await failing.close();

    const nested = await start({
      authorizer: async () => allowPolicy("user-1", { claims: { sub: "user-1" } } as never),
    });
    expect((await connectRejection(nested.websocketUrl)).statusCode).toBe(500);
  });

  it("passes the authorizer context, stringified as AWS does, to every route of the connection", async () => {
    // Prepare
    const onDefault = recordingHandler();
    const onDisconnect = recordingHandler();
    const api = await start({
      authorizer: async () => allowPolicy("user-7", { userId: "user-7", age: 15, verified: true, nickname: null }),
      routes: { $default: onDefault.handler, $disconnect: onDisconnect.handler },
    });
    const client = await connectClient(api.websocketUrl);

    // Act
    client.socket.send(JSON.stringify({ type: "ping" }));
    await eventually(() => onDefault.events.length === 1);
    client.socket.close(1000);
    await eventually(() => onDisconnect.events.length === 1);

    // Assess
    const expected = { principalId: "user-7", userId: "user-7", age: "15", verified: "true", nickname: null };
    expect(onDefault.events[0]?.requestContext.authorizer).toMatchObject(expected);
    expect(onDisconnect.events[0]?.requestContext.authorizer).toMatchObject(expected);
  });
});

describe("$connect route", () => {
  it("rejects the upgrade with the status a $connect handler returns", async () => {
    const api = await start({ routes: { $connect: async () => ({ statusCode: 429, body: "too many sessions" }) } });

    const rejection = await connectRejection(api.websocketUrl);

    expect(rejection.statusCode).toBe(429);
    expect(rejection.body).toBe("too many sessions");
    expect(api.connectionIds()).toEqual([]);
  });

  it("rejects the upgrade with 500 when $connect throws, and keeps serving", async () => {
    let calls = 0;
    const api = await start({
      routes: {
        $connect: async () => {
          calls += 1;
          if (calls === 1) throw new Error("table missing");
          return { statusCode: 200 };
        },
      },
    });

    expect((await connectRejection(api.websocketUrl)).statusCode).toBe(500);
    const client = await connectClient(api.websocketUrl);

    expect(api.connectionIds()).toHaveLength(1);
    client.socket.close();
  });

  it("is not reachable by messages: a frame naming $connect goes to $default", async () => {
    const connect = recordingHandler();
    const onDefault = recordingHandler();
    const api = await start({
      routeSelectionExpression: "$request.body.action",
      routes: { $connect: connect.handler, $default: onDefault.handler },
    });
    const client = await connectClient(api.websocketUrl);

    client.socket.send(JSON.stringify({ action: "$connect" }));
    await eventually(() => onDefault.events.length === 1);

    expect(connect.events).toHaveLength(1);
    client.socket.close();
  });

  it("answers 404 for an upgrade on a path that is not the stage", async () => {
    const api = await start({});

    const rejection = await connectRejection(api.websocketUrl.replace(/\/local$/, "/prod"));

    expect(rejection.statusCode).toBe(404);
  });
});

describe("Sec-WebSocket-Protocol", () => {
  it("answers with the subprotocol the $connect handler returns", async () => {
    const api = await start({
      routes: {
        $connect: async (event) => ({
          statusCode: 200,
          headers: { "Sec-WebSocket-Protocol": (event.headers?.["Sec-WebSocket-Protocol"] ?? "").split(",")[0]?.trim() ?? "" },
        }),
      },
    });

    const client = await connectClient(api.websocketUrl, { protocols: ["innerworld.v1", "token.eyJhbGciOi"] });

    expect(client.socket.protocol).toBe("innerworld.v1");
    client.socket.close();
  });

  it("fails the handshake of a client that offered one when $connect returns none, as on AWS", async () => {
    const api = await start({ routes: { $connect: async () => ({ statusCode: 200 }) } });

    await expect(connectClient(api.websocketUrl, { protocols: ["innerworld.v1"] })).rejects.toThrow(/subprotocol/i);
  });

  it("needs no subprotocol from a client that offered none", async () => {
    const api = await start({});

    const client = await connectClient(api.websocketUrl);

    expect(client.socket.protocol).toBe("");
    client.socket.close();
  });
});
