// The AWS CLI, a real client, works unchanged against the running local cloud.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { EventPublisher, TOPOLOGY } from "@innerworld/events";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { messageReceived, transcriptReady } from "@innerworld/testing/factories";

const run = promisify(execFile);

// Each CLI call starts a Python interpreter: under a second on an idle machine, several on a loaded one, and a test
// makes up to a handful of them (more while it polls), so the budget is a loaded machine's, not a speed requirement.
describe("AWS CLI against the local cloud", { timeout: 90_000 }, () => {
  let env: TestCloud;
  const awsWith = async (secretAccessKey: string, ...args: string[]) => {
    const { stdout } = await run("aws", [...args, "--region", "us-east-1", "--output", "json"], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_PAGER: "", AWS_EC2_METADATA_DISABLED: "true", AWS_MAX_ATTEMPTS: "1" },
      timeout: 60_000,
    });
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  };
  const aws = (...args: string[]) => awsWith("local", ...args);

  beforeAll(async () => {
    // No services run: the CLI reads the queues and tables the way an operator would.
    env = await startTestCloud({ services: [] });
  });
  afterAll(() => env.stop());

  it("events put-events reaches the bus and sqs receive-message reads it from a matching queue", async () => {
    const request = messageReceived({ content: "sent with the aws cli 😭🙏" });
    const detail = JSON.stringify({
      metadata: { eventId: crypto.randomUUID(), version: 1, occurredAt: new Date().toISOString(), correlationId: request.correlationId, userId: request.userId, producer: "gateway" },
      data: request.data,
    });
    const put = await aws(
      "events", "put-events", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint,
      "--entries", JSON.stringify([{ EventBusName: "innerworld", Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: detail }]),
    );
    expect(put.FailedEntryCount).toBe(0);
    // Safety's queue: storage takes MessageReceived only from replays (the gateway keeps the user's message itself).
    const queueUrl = env.cloud.endpoints.queues.safety!.queueUrl;
    const message = await until(async () => {
      const received = await aws("sqs", "receive-message", "--endpoint-url", env.cloud.endpoints.sqsEndpoint, "--queue-url", queueUrl, "--wait-time-seconds", "1");
      return (received.Messages as { Body: string }[] | undefined)?.[0];
    }, "the message in the safety queue");
    const event = JSON.parse(message.Body) as { "detail-type": string; detail: { data: { content: string } }; source: string; account: string };
    expect(event["detail-type"]).toBe("MessageReceived");
    expect(event.source).toBe("innerworld.gateway");
    expect(event.detail.data.content).toBe("sent with the aws cli 😭🙏");
    // As EventBridge sends it: the emoji themselves in the body, not JSON escapes of them.
    expect(message.Body).toContain("😭🙏");
  });

  it("s3api list-objects-v2 pages through a prefix one key at a time, as S3 hands out continuation tokens", async () => {
    const s3 = ["--endpoint-url", env.cloud.endpoints.s3Endpoint, "--bucket", env.cloud.endpoints.portraitBucket];
    const keys = ["cli-list/a.svg", "cli-list/b.svg", "cli-list/c.svg"];
    for (const key of keys) await aws("s3api", "put-object", ...s3, "--key", key);
    // One key a page: each page after the first needs the previous page's continuation token.
    const firstPage = await aws("s3api", "list-objects-v2", ...s3, "--prefix", "cli-list/", "--max-keys", "1", "--no-paginate");
    expect(firstPage).toMatchObject({ IsTruncated: true, KeyCount: 1, NextContinuationToken: expect.any(String) });
    const listed = await aws("s3api", "list-objects-v2", ...s3, "--prefix", "cli-list/", "--page-size", "1");
    expect((listed.Contents as { Key: string }[]).map((object) => object.Key)).toEqual(keys);
  });

  it("sqs send-message takes a body with emoji and a receive gives it back as sent; a lone surrogate is refused", async () => {
    const { QueueUrl: queueUrl } = (await aws("sqs", "create-queue", "--endpoint-url", env.cloud.endpoints.sqsEndpoint, "--queue-name", "cli-emoji")) as { QueueUrl: string };
    await aws("sqs", "send-message", "--endpoint-url", env.cloud.endpoints.sqsEndpoint, "--queue-url", queueUrl, "--message-body", "no bc same 💀✨");
    const received = await aws("sqs", "receive-message", "--endpoint-url", env.cloud.endpoints.sqsEndpoint, "--queue-url", queueUrl, "--wait-time-seconds", "2");
    expect((received.Messages as { Body: string }[] | undefined)?.[0]?.Body).toBe("no bc same 💀✨");
    const lone = await env.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "half \uD83D of one" })).catch((error: Error) => error);
    expect(lone).toMatchObject({ message: expect.stringMatching(/invalid characters|Valid unicode characters/i) });
  });

  it("events put-events reports a malformed entry per entry", async () => {
    const put = await aws(
      "events", "put-events", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint,
      "--entries", JSON.stringify([{ EventBusName: "innerworld", Source: "innerworld.gateway", DetailType: "MessageReceived", Detail: "[1, 2" }]),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect((put.Entries as { ErrorCode: string }[])[0]?.ErrorCode).toBe("MalformedDetail");
  });

  it("events list-rules and test-event-pattern see the rules built from the topology", async () => {
    const rules = (await aws("events", "list-rules", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint, "--event-bus-name", "innerworld")).Rules as { Name: string; EventPattern: string }[];
    // One rule per service with a queue in the topology, however many services that becomes.
    const consumers = TOPOLOGY.filter((t) => t.queue !== null).map((t) => `innerworld-${t.service}`);
    expect(consumers).toContain("innerworld-notifier");
    expect(rules.map((r) => r.Name).sort()).toEqual(consumers.sort());
    const notifier = rules.find((r) => r.Name === "innerworld-notifier")!;
    const event = (action: string, replay?: string) =>
      JSON.stringify({
        id: crypto.randomUUID(), account: "000000000000", source: "innerworld.safety", time: "2026-11-22T10:00:00Z", region: "us-east-1", resources: [],
        "detail-type": "MessageScreened", detail: { data: { verdict: { action } } }, ...(replay ? { "replay-name": replay } : {}),
      });
    const test = async (e: string) => (await aws("events", "test-event-pattern", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint, "--event-pattern", notifier.EventPattern, "--event", e)).Result;
    expect(await test(event("crisis"))).toBe(true);
    expect(await test(event("allow"))).toBe(false);
    expect(await test(event("crisis", "some-replay"))).toBe(false);
  });

  it("events start-replay and describe-replay replay the archive", async () => {
    const start = new Date(Date.now() - 1000);
    await new EventPublisher({ client: env.eventBridge, busName: "innerworld", producer: "storage" }).publish(transcriptReady());
    const end = new Date(Date.now() + 1000);
    const archiveArn = `arn:aws:events:us-east-1:000000000000:archive/${env.cloud.endpoints.archiveName}`;
    const started = await aws(
      "events", "start-replay", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint, "--replay-name", "cli-replay",
      "--event-source-arn", archiveArn, "--event-start-time", start.toISOString(), "--event-end-time", end.toISOString(),
      "--destination", JSON.stringify({ Arn: "arn:aws:events:us-east-1:000000000000:event-bus/innerworld", FilterArns: [env.cloud.endpoints.ruleArns["graph-extraction"]] }),
    );
    expect(started.ReplayArn).toContain("cli-replay");
    const described = await until(async () => {
      const d = await aws("events", "describe-replay", "--endpoint-url", env.cloud.endpoints.eventBridgeEndpoint, "--replay-name", "cli-replay");
      return d.State === "COMPLETED" ? d : undefined;
    }, "replay completion");
    expect(described.EventSourceArn).toBe(archiveArn);
    const queueUrl = env.cloud.endpoints.queues["graph-extraction"]!.queueUrl;
    const replayed = await until(async () => {
      const received = await aws("sqs", "receive-message", "--endpoint-url", env.cloud.endpoints.sqsEndpoint, "--queue-url", queueUrl, "--wait-time-seconds", "1", "--max-number-of-messages", "10");
      return (received.Messages as { Body: string }[] | undefined)?.map((m) => JSON.parse(m.Body) as Record<string, unknown>).find((e) => e["replay-name"] === "cli-replay");
    }, "the replayed event");
    expect(replayed["detail-type"]).toBe("TranscriptReady");
  });

  it("dynamodb scan reads the tables the local cloud created", async () => {
    const tables = (await aws("dynamodb", "list-tables", "--endpoint-url", env.cloud.endpoints.dynamodbEndpoint)).TableNames as string[];
    expect(tables).toContain("innerworld-local-sessions");
    await aws(
      "dynamodb", "put-item", "--endpoint-url", env.cloud.endpoints.dynamodbEndpoint, "--table-name", "innerworld-local-personas",
      "--item", JSON.stringify({ personaId: { S: "courage" }, displayName: { S: "Courage" } }),
    );
    const scan = await aws("dynamodb", "scan", "--endpoint-url", env.cloud.endpoints.dynamodbEndpoint, "--table-name", "innerworld-local-personas");
    expect(scan.Items).toEqual([{ personaId: { S: "courage" }, displayName: { S: "Courage" } }]);
  });

  it("apigatewaymanagementapi post-to-connection reaches a connected WebSocket client", async () => {
    const { token } = (await (await fetch(env.cloud.endpoints.tokenUrl, { method: "POST", body: JSON.stringify({ sub: "cli-user" }) })).json()) as { token: string };
    const socket = new WebSocket(`${env.cloud.endpoints.websocketUrl}?token=${token}`);
    const frames: string[] = [];
    socket.on("message", (data) => frames.push(data.toString()));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    // The gateway answers a ping with the connection's own route response; that tells us the connection is live.
    socket.send(JSON.stringify({ type: "ping" }));
    await until(() => frames.find((f) => f.includes("pong")), "pong");
    const [connectionId] = await until(async () => {
      const scan = await aws("dynamodb", "scan", "--endpoint-url", env.cloud.endpoints.dynamodbEndpoint, "--table-name", "innerworld-local-connections");
      const ids = (scan.Items as { connectionId: { S: string }; userId: { S: string } }[]).filter((i) => i.userId.S === "cli-user").map((i) => i.connectionId.S);
      return ids.length ? ids : undefined;
    }, "the connection record");
    await aws("apigatewaymanagementapi", "post-to-connection", "--endpoint-url", env.cloud.endpoints.connectionsUrl, "--connection-id", connectionId!, "--data", '{"type":"pong","payload":{"from":"cli"}}');
    await until(() => frames.find((f) => f.includes('"from":"cli"')), "the CLI's frame");
    socket.close();
    await expect(
      aws("apigatewaymanagementapi", "post-to-connection", "--endpoint-url", env.cloud.endpoints.connectionsUrl, "--connection-id", "NoSuchConnId", "--data", "x"),
    ).rejects.toThrow(/GoneException/);
  });

  it("fails with the service's own error on every AWS endpoint when the secret is wrong, as against AWS", async () => {
    const e = env.cloud.endpoints;
    const wrong = (...args: string[]) => awsWith("not-the-local-secret", ...args);

    await expect(wrong("dynamodb", "list-tables", "--endpoint-url", e.dynamodbEndpoint)).rejects.toThrow(/InvalidSignatureException/);
    await expect(wrong("sqs", "list-queues", "--endpoint-url", e.sqsEndpoint)).rejects.toThrow(/SignatureDoesNotMatch/);
    await expect(wrong("events", "list-event-buses", "--endpoint-url", e.eventBridgeEndpoint)).rejects.toThrow(/InvalidSignatureException/);
    await expect(wrong("apigatewaymanagementapi", "get-connection", "--endpoint-url", e.connectionsUrl, "--connection-id", "NoSuchConnId")).rejects.toThrow(/InvalidSignatureException/);
    await expect(wrong("s3api", "list-objects-v2", "--endpoint-url", e.s3Endpoint, "--bucket", e.portraitBucket)).rejects.toThrow(/SignatureDoesNotMatch/);
  });
});
