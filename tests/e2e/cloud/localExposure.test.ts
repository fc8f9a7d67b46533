// What of the local cloud another program or user on the machine can reach. A web page that rebinds its own domain to 127.0.0.1 reaches the local cloud's ports with its domain as Host: every
// endpoint refuses it (421) before doing anything, so it can neither mint a token nor read a table; the same requests
// addressed to 127.0.0.1 or localhost are served.
import { chmod, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, tempDir, type TestCloud } from "@innerworld/testing/cloud";

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request with the Host header set by hand, as a rebinding page's browser would send it. */
const send = (url: string, host: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? "GET", headers: { ...options.headers, host } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });

const portOf = (url: string) => new URL(url).port;

describe("the local cloud and a foreign Host", () => {
  let env: TestCloud;
  beforeAll(async () => {
    env = await startTestCloud({ web: true });
  });
  afterAll(async () => {
    await env.stop();
  });

  it("refuses every endpoint's requests addressed to another name, and serves them addressed to loopback", async () => {
    const e = env.cloud.endpoints;
    const mint = { method: "POST", body: JSON.stringify({ sub: "rebinder", groups: ["admins"] }) };
    const listTables = { method: "POST", body: "{}", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" } };
    const listQueues = { method: "POST", body: "{}", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" } };
    const listRules = { method: "POST", body: JSON.stringify({ EventBusName: e.busName }), headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSEvents.ListRules" } };
    const cases: [string, string, Parameters<typeof send>[2]][] = [
      ["the web client's token route", `${e.webUrl}/auth/token`, mint],
      ["the dev issuer", e.tokenUrl, mint],
      ["the read API", `${e.readApiUrl}/health`, {}],
      ["DynamoDB", e.dynamodbEndpoint, listTables],
      ["SQS", e.sqsEndpoint, listQueues],
      ["EventBridge", e.eventBridgeEndpoint, listRules],
      ["@connections", `${e.connectionsUrl}/@connections/nobody`, {}],
      ["S3", `${e.s3Endpoint}/`, {}],
    ];
    for (const [what, url, options] of cases) {
      const foreign = await send(url, `rebind.example:${portOf(url)}`, options);
      expect(foreign.status, what).toBe(421);
      expect(foreign.body, what).not.toContain("token");
      const local = await send(url, `127.0.0.1:${portOf(url)}`, options);
      expect(local.status, what).not.toBe(421);
      expect((await send(url, `localhost:${portOf(url)}`, options)).status, what).not.toBe(421);
    }
  });

  it("refuses a WebSocket upgrade addressed to another name", async () => {
    const answer = await send(env.cloud.endpoints.websocketUrl.replace(/^ws/, "http"), `rebind.example:${portOf(env.cloud.endpoints.websocketUrl.replace(/^ws/, "http"))}`, {
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" },
    });
    expect(answer.status).toBe(421);
  });
});

// The tables, the archive and the queue journal hold teens' messages; another user of the machine must not read them.
describe("the local cloud's data directory", () => {
  it("is made readable by its owner only, even when it existed open to all", async () => {
    const parent = await tempDir("data-mode");
    const dataDir = join(parent, "data");
    await mkdir(dataDir, { mode: 0o755 });
    const env = await startTestCloud({ dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o077).toBe(0);
    } finally {
      await env.stop();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("leaves a directory that holds other things as it is (a --data-dir naming the repository, say)", async () => {
    const dataDir = await tempDir("data-foreign");
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, "README.md"), "someone else's\n");
    const env = await startTestCloud({ dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o755);
    } finally {
      await env.stop();
    }
  });
});
