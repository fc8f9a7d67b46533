// The HTTP API infra declares serves exactly the routes the gateway's handler answers, with the same public ones.
import { describe, expect, it } from "vitest";
import { OPERATIONS_ROUTES, PUBLIC_ROUTES } from "../packages/events/src/httpRoutes";
import { buildPlan, settingsFor } from "./plan";

describe("HTTP API routes", () => {
  const plan = buildPlan("test", settingsFor("test"));

  it("declares every operational route the gateway serves, and only the health probes without a token", () => {
    expect(plan.gateway.readApi.routes).toEqual(expect.arrayContaining(OPERATIONS_ROUTES));
    expect(plan.gateway.readApi.publicRoutes).toEqual(PUBLIC_ROUTES);
  });

  it("gives the read API the queue names and queue permissions the admin API needs, scoped to the stage", () => {
    const queues = JSON.parse(plan.gateway.readApi.function.environment.INNERWORLD_SERVICE_QUEUES ?? "{}") as Record<string, { queue: string; deadLetterQueue: string }>;
    expect(Object.keys(queues).sort()).toEqual(plan.services.map((s) => s.service).sort());
    for (const service of plan.services) expect(queues[service.service]).toEqual({ queue: service.queue.name, deadLetterQueue: service.deadLetterQueue.name });
    const sqs = plan.gateway.readApi.permissions.find((p) => p.actions.includes("sqs:StartMessageMoveTask"));
    expect(sqs?.resources).toEqual(["arn:aws:sqs:*:*:innerworld-test-*"]);
    // The queues' oldest-message ages come from CloudWatch, where SQS publishes them.
    expect(plan.gateway.readApi.permissions).toContainEqual({ actions: ["cloudwatch:GetMetricData"], resources: ["*"] });
  });
});
