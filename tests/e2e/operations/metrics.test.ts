// The local cloud emits the same EMF metrics the services send CloudWatch, keeps them in a file and sums them up on its console.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEmfFile, totalEmf } from "@innerworld/local";
import { METRICS_NAMESPACE } from "@innerworld/platform/observability";
import { ChatClient } from "@innerworld/testing/chat-client";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";

describe("metrics in the local cloud", () => {
  let env: TestCloud;
  const lines: string[] = [];
  beforeAll(async () => {
    env = await startTestCloud({ console: { level: "info", print: (line) => lines.push(line), deadLetterCheckMs: 3_600_000, metricsIntervalMs: 250 } });
  });
  afterAll(() => env.stop());

  it("records a turn, its latency and a crisis verdict in CloudWatch's embedded metric format, and prints them", async () => {
    const metricsFile = env.cloud.endpoints.metricsFile;
    if (!metricsFile) throw new Error("endpoints.json names no metrics file");
    expect(JSON.parse(await readFile(env.cloud.endpointsFile, "utf8"))).toMatchObject({ metricsFile });

    const client = await ChatClient.connect(env.cloud.endpoints, "u-metrics");
    const sessionId = (await client.request("start_session", { personaId: "companion" }, "session_started")).payload.sessionId as string;
    const ack = await client.request("message", { sessionId, content: "we won the quiz night at school" }, "message_received");
    await client.waitFor("reply", (p) => p.messageId === ack.payload.messageId);
    const crisis = await client.request("message", { sessionId, content: "honestly i just want to disappear, like kms" }, "message_received");
    await client.waitFor("safety_notice", (p) => p.messageId === crisis.payload.messageId);
    await client.close();

    const totals = await until(() => {
      const now = totalEmf(readEmfFile(metricsFile));
      const turns = now.find((t) => t.metric === "TurnsCompleted" && t.service === "notifier");
      return turns && turns.sum >= 2 && now.some((t) => t.metric === "CrisisVerdicts") ? now : undefined;
    }, "the turns' metrics in the EMF file");
    expect(totals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: "TurnsCompleted", service: "notifier", unit: "Count", sum: 2 }),
        expect.objectContaining({ metric: "TurnLatency", service: "notifier", unit: "Milliseconds", samples: 2 }),
        expect.objectContaining({ metric: "CrisisVerdicts", service: "safety", unit: "Count", sum: 1 }),
      ]),
    );
    // Each line is what Lambda's stdout would carry to CloudWatch: the directive names the namespace and dimension.
    for (const record of readEmfFile(metricsFile)) {
      expect(record._aws.CloudWatchMetrics).toEqual([expect.objectContaining({ Namespace: METRICS_NAMESPACE, Dimensions: [["service"]] })]);
      expect(record.service).toEqual(expect.any(String));
    }

    const summed = await until(() => {
      const printed = lines.filter((l) => / {2}metrics /.test(l));
      const sum = (metric: string) => printed.reduce((total, l) => total + Number(new RegExp(`${metric} (\\d+)`).exec(l)?.[1] ?? 0), 0);
      return sum("TurnsCompleted") >= 2 && sum("CrisisVerdicts") >= 1 ? printed : undefined;
    }, "the console's metrics lines");
    expect(summed.join("\n")).toMatch(/TurnLatency p50 \d+ ms p95 \d+ ms/);
  });
});
