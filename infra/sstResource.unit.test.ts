// The runtime reads what infra links: the names agree, and a Lambda deployed by SST (its resources encrypted in
// SST_KEY_FILE, as SST ships them) gets the bus, tables, @connections, its DLQ and its secrets from `Resource`.
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICE_NAMES } from "../packages/events/src/envelope";
import { deadLetterQueueLinkName as runtimeDeadLetterQueueLinkName, LINK_NAMES as RUNTIME_LINK_NAMES, runtimeConfigFromResource } from "../packages/platform/src/runtime";
import { buildPlan, deadLetterQueueLinkName, LINK_NAMES } from "./plan";

const plan = buildPlan("test");

/** What SST writes next to the handler: the links as JSON, AES-256-GCM with a zero nonce, the tag appended. */
const encryptLikeSst = (resources: Record<string, unknown>) => {
  const key = randomBytes(32);
  const cipher = createCipheriv("aes-256-gcm", key, Buffer.alloc(12, 0));
  const body = Buffer.concat([cipher.update(JSON.stringify(resources)), cipher.final(), cipher.getAuthTag()]);
  return { key: key.toString("base64"), body };
};

describe("link names", () => {
  it("are the ones packages/platform reads", () => {
    expect(LINK_NAMES).toEqual(RUNTIME_LINK_NAMES);
    for (const service of SERVICE_NAMES) expect(deadLetterQueueLinkName(service)).toBe(runtimeDeadLetterQueueLinkName(service));
  });
});

describe("runtimeConfigFromResource", () => {
  const generation = plan.services.find((s) => s.service === "generation");
  const links = {
    [LINK_NAMES.bus]: { name: plan.core.bus.name, arn: "arn:aws:events:us-east-1:123456789012:event-bus/innerworld-test" },
    [LINK_NAMES.tables]: { prefix: plan.core.tablePrefix },
    [LINK_NAMES.connections]: { url: "https://abc123.execute-api.us-east-1.amazonaws.com/$default" },
    [deadLetterQueueLinkName("generation")]: { url: `https://sqs.us-east-1.amazonaws.com/123456789012/${generation?.deadLetterQueue.name}` },
    [LINK_NAMES.modelApiKey]: { value: "sk-linked" },
    [LINK_NAMES.surveySourceSecret]: { value: "linked-survey-source-secret-0123456789abcdef" },
  };
  const lambdaEnv: NodeJS.ProcessEnv = {};
  const sstVariables = ["SST_KEY", "SST_KEY_FILE", "SST_RESOURCE_App"] as const;
  const before = Object.fromEntries(sstVariables.map((name) => [name, process.env[name]]));
  let dir = "";

  beforeAll(async () => {
    // SST sets these on the function; `Resource` reads process.env and the file once, on first access.
    dir = await mkdtemp(join(tmpdir(), "innerworld-sst-"));
    const { key, body } = encryptLikeSst(links);
    await writeFile(join(dir, "resource.enc"), body);
    Object.assign(process.env, { SST_KEY: key, SST_KEY_FILE: join(dir, "resource.enc"), SST_RESOURCE_App: JSON.stringify({ name: "innerworld-generation", stage: "test" }) });
    Object.assign(lambdaEnv, { SST_RESOURCE_App: process.env.SST_RESOURCE_App, AWS_REGION: "us-east-1", INNERWORLD_BUS_NAME: "stale-bus" });
  });

  // The unit lane shares one process between files: what this file set for SST is put back, and its file removed.
  afterAll(async () => {
    for (const name of sstVariables) {
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("under SST, builds the config from the links generation is given, and linked values win", () => {
    const config = runtimeConfigFromResource("generation", lambdaEnv);
    expect(config).toMatchObject({
      region: "us-east-1",
      busName: plan.core.bus.name,
      tablePrefix: plan.core.tablePrefix,
      connectionsUrl: links[LINK_NAMES.connections]?.url,
      deadLetterQueueUrls: { generation: links[deadLetterQueueLinkName("generation")]?.url },
      endpoints: {},
    });
    expect(config.credentials).toBeUndefined();
    // The model key reaches the code that reads it from the environment.
    expect(lambdaEnv.INNERWORLD_MODEL_API_KEY).toBe("sk-linked");
    // As does the survey API's source secret (the survey function is the one linked to it).
    expect(lambdaEnv.INNERWORLD_SURVEY_SOURCE_SECRET).toBe("linked-survey-source-secret-0123456789abcdef");
  });

  it("outside SST (the local cloud), is exactly the environment's config", () => {
    const env = { INNERWORLD_BUS_NAME: "innerworld", INNERWORLD_TABLE_PREFIX: "innerworld-local", INNERWORLD_DYNAMODB_ENDPOINT: "http://127.0.0.1:4513" };
    const config = runtimeConfigFromResource("safety", env);
    expect(config).toMatchObject({ busName: "innerworld", tablePrefix: "innerworld-local", endpoints: { dynamodb: "http://127.0.0.1:4513" } });
    expect(env).not.toHaveProperty("INNERWORLD_MODEL_API_KEY");
  });
});
