// Every local AWS endpoint checks SigV4 as AWS does: the real SDK clients and the AWS CLI with the local key work, and
// with a wrong secret, an unknown key, no signature or a tampered request they get the service's own refusal.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ApiGatewayManagementApiClient, GetConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, ListEventBusesCommand } from "@aws-sdk/client-eventbridge";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebSocketApiEmulator, type WebSocketApiEmulator } from "../src/apigateway/index.js";
import { startDynamoDb, type LocalDynamoDb } from "../src/dynamodb/startDynamoDb.js";
import { startEventBridgeEmulator, type EventBridgeEmulator } from "../src/eventbridge/index.js";
import { localCredentials } from "../src/net.js";
import { startS3, type LocalS3 } from "../src/s3/startS3.js";
import { signRequest, type AwsCredentials } from "../src/sigv4.js";
import { startSqs, type LocalSqs } from "../src/sqs.js";
import { SIGNED_AT, signedFetch } from "./signedFetch.js";

const run = promisify(execFile);
/** The CLI's environment with no profile of the machine's: only the keys a call is given. */
const cliEnvironment = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/tmp",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_MAX_ATTEMPTS: "1",
};
const REGION = "us-east-1";
const WRONG_SECRET: AwsCredentials = { accessKeyId: localCredentials.accessKeyId, secretAccessKey: "not-the-local-secret" };
const UNKNOWN_KEY: AwsCredentials = { accessKeyId: "AKIAUNKNOWNTOLOCAL", secretAccessKey: localCredentials.secretAccessKey };

let dynamodb: LocalDynamoDb;
let sqs: LocalSqs;
let eventBridge: EventBridgeEmulator;
let websocket: WebSocketApiEmulator;
let s3: LocalS3;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "signatures-"));
  dynamodb = await startDynamoDb({ port: 0 });
  sqs = await startSqs({ port: 0, region: REGION });
  eventBridge = await startEventBridgeEmulator({ port: 0, dataDir, sqsEndpoint: sqs.endpoint, inProcessSqs: sqs.inProcess, logger: () => undefined });
  websocket = await startWebSocketApiEmulator({ port: 0, stage: "local", routes: {} });
  s3 = await startS3({ port: 0, directory: join(dataDir, "s3"), buckets: ["portraits"] });
});

afterAll(async () => {
  await s3.close();
  await websocket.close();
  await eventBridge.close();
  await sqs.close();
  await dynamodb.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One AWS SDK call with the given credentials, one attempt; resolves to the error's name and status, or "ok". */
type SdkCall = (credentials: AwsCredentials) => Promise<unknown>;

const outcomeOf = async (call: Promise<unknown>): Promise<{ name: string; status?: number; message?: string }> => {
  try {
    await call;
    return { name: "ok" };
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
  }
};

const clients: { service: string; call: SdkCall; wrongSecret: string; unknownKey: string; status: number }[] = [
  {
    service: "DynamoDB",
    call: (credentials) => withClient(new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION, credentials, maxAttempts: 1 }), (client) => client.send(new ListTablesCommand({}))),
    wrongSecret: "InvalidSignatureException",
    unknownKey: "UnrecognizedClientException",
    status: 400,
  },
  {
    service: "SQS",
    call: (credentials) => withClient(new SQSClient({ endpoint: sqs.endpoint, region: REGION, credentials, maxAttempts: 1 }), (client) => client.send(new ListQueuesCommand({}))),
    wrongSecret: "SignatureDoesNotMatch",
    unknownKey: "InvalidClientTokenId",
    status: 403,
  },
  {
    service: "EventBridge",
    call: (credentials) => withClient(new EventBridgeClient({ endpoint: eventBridge.endpoint, region: REGION, credentials, maxAttempts: 1 }), (client) => client.send(new ListEventBusesCommand({}))),
    wrongSecret: "InvalidSignatureException",
    unknownKey: "UnrecognizedClientException",
    status: 400,
  },
];

async function withClient<Client extends { destroy(): void }>(client: Client, use: (client: Client) => Promise<unknown>): Promise<unknown> {
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

describe.each(clients)("$service with the AWS SDK v3", ({ call, wrongSecret, unknownKey, status }) => {
  it("answers the local cloud's key", async () => {
    expect(await outcomeOf(call(localCredentials))).toEqual({ name: "ok" });
  });

  it(`refuses a wrong secret with ${wrongSecret}`, async () => {
    expect(await outcomeOf(call(WRONG_SECRET))).toMatchObject({ name: wrongSecret, status });
  });

  it(`refuses an unknown access key with ${unknownKey}`, async () => {
    expect(await outcomeOf(call(UNKNOWN_KEY))).toMatchObject({ name: unknownKey, status });
  });
});

describe("@connections with the AWS SDK v3", () => {
  const getConnection = (credentials: AwsCredentials) =>
    withClient(new ApiGatewayManagementApiClient({ endpoint: websocket.connectionsUrl, region: REGION, credentials, maxAttempts: 1 }), (client) =>
      client.send(new GetConnectionCommand({ ConnectionId: "bm9ib2R5LWhlcmU=" })),
    );

  it("lets the local cloud's key through to the connection (gone: nobody is connected)", async () => {
    expect(await outcomeOf(getConnection(localCredentials))).toMatchObject({ name: "GoneException", status: 410 });
  });

  it("refuses a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException, both 403", async () => {
    expect(await outcomeOf(getConnection(WRONG_SECRET))).toMatchObject({ name: "InvalidSignatureException", status: 403 });
    expect(await outcomeOf(getConnection(UNKNOWN_KEY))).toMatchObject({ name: "UnrecognizedClientException", status: 403 });
  });
});

describe("S3", () => {
  const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const put = (credentials: AwsCredentials, body: string, sha256 = createHash("sha256").update(body).digest("hex")) =>
    signedFetch(`${s3.endpoint}/portraits/a%20portrait.txt`, "s3", { method: "PUT", headers: { "x-amz-content-sha256": sha256 }, body, credentials });
  const list = (credentials: AwsCredentials) => signedFetch(`${s3.endpoint}/portraits?list-type=2`, "s3", { headers: { "x-amz-content-sha256": EMPTY_SHA256 }, credentials });
  const codeOf = async (response: Response) => /<Code>(\w+)<\/Code>/.exec(await response.text())?.[1];

  // s3rver holds a signature's date to its clock (RequestTimeTooSkewed): the calls that pass are the CLI's, which signs
  // with the time it runs; the refusals below come from the signature check, before s3rver looks at the date.
  it("stores and lists with the AWS CLI and the local cloud's key, a key with a space in its path", { timeout: 60_000 }, async () => {
    const file = join(dataDir, "portrait.txt");
    await writeFile(file, "portrait");
    const s3api = (...args: string[]) =>
      run("aws", ["s3api", ...args, "--endpoint-url", s3.endpoint, "--bucket", "portraits", "--region", REGION, "--output", "json"], {
        env: { ...cliEnvironment, AWS_ACCESS_KEY_ID: localCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey },
        timeout: 30_000,
      });

    await s3api("put-object", "--key", "a portrait.txt", "--body", file);
    const listed = JSON.parse((await s3api("list-objects-v2")).stdout) as { Contents: { Key: string }[] };

    expect(listed.Contents.map((object) => object.Key)).toEqual(["a portrait.txt"]);
  });

  it("refuses a wrong secret, an unknown key, a body other than the one signed and no signature, as S3 does", async () => {
    const wrongSecret = await list(WRONG_SECRET);
    const unknownKey = await list(UNKNOWN_KEY);
    const otherBody = await put(localCredentials, "another portrait", createHash("sha256").update("portrait").digest("hex"));
    const unsigned = await fetch(`${s3.endpoint}/portraits?list-type=2`);

    expect([wrongSecret.status, await codeOf(wrongSecret)]).toEqual([403, "SignatureDoesNotMatch"]);
    expect([unknownKey.status, await codeOf(unknownKey)]).toEqual([403, "InvalidAccessKeyId"]);
    expect([otherBody.status, await codeOf(otherBody)]).toEqual([403, "SignatureDoesNotMatch"]);
    expect([unsigned.status, await codeOf(unsigned)]).toEqual([403, "AccessDenied"]);
  });

  it("refuses a SigV4 request that does not name its payload's hash with InvalidRequest, before it looks at the key or the signature, as S3 does", async () => {
    const answers = [];
    for (const credentials of [localCredentials, WRONG_SECRET, UNKNOWN_KEY]) {
      const response = await signedFetch(`${s3.endpoint}/portraits?list-type=2`, "s3", { credentials });
      answers.push([response.status, await codeOf(response)]);
    }

    expect(answers).toEqual([
      [400, "InvalidRequest"],
      [400, "InvalidRequest"],
      [400, "InvalidRequest"],
    ]);
  });

  it("says which header is missing, word for word as S3 does", async () => {
    const response = await signedFetch(`${s3.endpoint}/portraits?list-type=2`, "s3", { credentials: WRONG_SECRET });

    expect(await response.text()).toContain("<Message>Missing required header for this request: x-amz-content-sha256</Message>");
  });
});

describe("requests without a signature", () => {
  it("get each service's missing-token answer", async () => {
    const dynamo = await fetch(dynamodb.endpoint, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" }, body: "{}" });
    const queue = await fetch(sqs.endpoint, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" }, body: "{}" });
    const bus = await fetch(eventBridge.endpoint, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.ListEventBuses" }, body: "{}" });
    const connections = await fetch(`${websocket.connectionsUrl}/@connections/bm9ib2R5LWhlcmU=`);

    expect([dynamo.status, await dynamo.json()]).toEqual([400, { __type: "com.amazon.coral.service#MissingAuthenticationTokenException", message: "Request is missing Authentication Token" }]);
    expect([queue.status, queue.headers.get("x-amzn-query-error")]).toEqual([403, "MissingAuthenticationToken;Sender"]);
    expect([bus.status, bus.headers.get("x-amzn-errortype"), await bus.json()]).toEqual([
      400,
      "MissingAuthenticationTokenException",
      { __type: "MissingAuthenticationTokenException", message: "Request is missing Authentication Token" },
    ]);
    expect([connections.status, connections.headers.get("x-amzn-errortype"), await connections.json()]).toEqual([
      403,
      "MissingAuthenticationTokenException",
      { message: "Missing Authentication Token" },
    ]);
  });

  it("leave unsigned only what AWS or the emulator serves unsigned: DynamoDB's health check, fauxqs's own pages, S3's CORS preflight", async () => {
    const dynamoHealth = await fetch(dynamodb.endpoint);
    const sqsHealth = await fetch(`${sqs.endpoint}/health`);
    const s3Preflight = await fetch(`${s3.endpoint}/portraits/a.png`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1:4516", "access-control-request-method": "GET" } });

    expect([dynamoHealth.status, await dynamoHealth.text()]).toEqual([200, "healthy: dynamodb.us-east-1.amazonaws.com "]);
    expect(sqsHealth.status).toBe(200);
    // S3 answers a CORS preflight by the bucket's CORS rules (the local buckets have none), never with AccessDenied.
    expect(await s3Preflight.text()).toContain("<Code>CORSResponse</Code>");
  });
});

describe("a signed request changed on the way", () => {
  const target = { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.ListRules" };

  /** Signs one request and sends another: what a proxy or an attacker that rewrote it would deliver. */
  const tampered = async (signed: { url: string; body: string }, sent: { url: string; body: string }) => {
    const { host: _host, ...signature } = signRequest({ method: "POST", url: signed.url, headers: target, body: signed.body }, { service: "events", region: REGION, credentials: localCredentials, now: SIGNED_AT });
    const response = await fetch(sent.url, { method: "POST", headers: { ...target, ...signature }, body: sent.body });
    return { status: response.status, errorType: response.headers.get("x-amzn-errortype") };
  };

  it("passes as signed, and is refused with InvalidSignatureException once its body, query or a signed header differs", async () => {
    const url = `${eventBridge.endpoint}/`;
    const asSigned = await tampered({ url, body: '{"Limit":5}' }, { url, body: '{"Limit":5}' });
    const otherBody = await tampered({ url, body: '{"Limit":5}' }, { url, body: '{"Limit":6}' });
    const otherQuery = await tampered({ url, body: "{}" }, { url: `${url}?page=2`, body: "{}" });
    const { host: _host, ...signature } = signRequest({ method: "POST", url, headers: target, body: "{}" }, { service: "events", region: REGION, credentials: localCredentials, now: SIGNED_AT });
    const otherTarget = await fetch(url, { method: "POST", headers: { ...target, ...signature, "x-amz-target": "AWSEvents.ListEventBuses" }, body: "{}" });

    expect(asSigned).toEqual({ status: 200, errorType: null });
    expect(otherBody).toEqual({ status: 400, errorType: "InvalidSignatureException" });
    expect(otherQuery).toEqual({ status: 400, errorType: "InvalidSignatureException" });
    expect([otherTarget.status, otherTarget.headers.get("x-amzn-errortype")]).toEqual([400, "InvalidSignatureException"]);
  });

  it("accepts x-amz-content-sha256 naming the body it came with, and refuses one naming another", async () => {
    const body = "{}";
    const claimed = (sha256: string) => signedFetch(`${eventBridge.endpoint}/`, "events", { method: "POST", headers: { ...target, "x-amz-content-sha256": sha256 }, body });

    const honest = await claimed("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    const lying = await claimed("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    expect(honest.status).toBe(200);
    expect([lying.status, lying.headers.get("x-amzn-errortype")]).toEqual([400, "InvalidSignatureException"]);
  });

  it("is refused when signed for another service, as AWS scopes a signature to one", async () => {
    const response = await signedFetch(`${sqs.endpoint}/`, "events", { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" }, body: "{}" });

    expect([response.status, response.headers.get("x-amzn-query-error")]).toEqual([403, "SignatureDoesNotMatch;Sender"]);
    expect(((await response.json()) as { message: string }).message).toBe("Credential should be scoped to correct service: 'sqs'.");
  });
});

// Each CLI call starts a Python interpreter: under a second on an idle machine, several on a loaded one.
describe("the AWS CLI with a wrong secret", { timeout: 90_000 }, () => {
  const aws = async (...args: string[]) => {
    try {
      await run("aws", [...args, "--region", REGION, "--output", "json"], {
        env: { ...cliEnvironment, AWS_ACCESS_KEY_ID: WRONG_SECRET.accessKeyId, AWS_SECRET_ACCESS_KEY: WRONG_SECRET.secretAccessKey },
        timeout: 30_000,
      });
      return { code: 0, stderr: "" };
    } catch (error) {
      const failure = error as { code?: number; stderr?: string };
      return { code: failure.code ?? -1, stderr: failure.stderr ?? "" };
    }
  };

  it("exits with an error naming the service's refusal, on DynamoDB and SQS", async () => {
    const tables = await aws("dynamodb", "list-tables", "--endpoint-url", dynamodb.endpoint);
    const queues = await aws("sqs", "list-queues", "--endpoint-url", sqs.endpoint);

    expect(tables.code).not.toBe(0);
    expect(tables.stderr).toMatch(/InvalidSignatureException/);
    expect(queues.code).not.toBe(0);
    expect(queues.stderr).toMatch(/SignatureDoesNotMatch/);
  });
});
