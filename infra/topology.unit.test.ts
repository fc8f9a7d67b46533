// Every subscription in the topology table becomes a rule, a queue, a DLQ and a subscribed function with the table's
// settings, and infra creates nothing the table and the plan do not name. Runs the real infra code on a fake SST.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLES, type TableDefinition } from "../packages/platform/src/tables";
import { consumingServices, eventPatternOf, queueNameOf, deadLetterQueueNameOf, ruleNameOf, SURVEY_SWEEP_EVERY_MINUTES, TOPOLOGY, type ConsumingService } from "../packages/events/src/topology";
import { deployPart } from "./parts";
import {
  assertQueueSettings,
  buildPlan,
  componentsOf,
  isInfraPlanError,
  parsePart,
  pascalCase,
  settingsFor,
  VISIBILITY_TIMEOUT_FACTOR,
  withStage,
  type DeploymentPlan,
  type PartName,
} from "./plan";
import { installFakeSst, only, type Recording } from "./test/fakeSst";

const STAGE = "test";

const deployWithFakes = (plan: DeploymentPlan): Map<PartName, Recording> =>
  new Map(
    plan.parts.map((part) => {
      const fake = installFakeSst({ name: "innerworld", stage: plan.stage });
      try {
        deployPart(plan, part);
      } finally {
        fake.uninstall();
      }
      return [part, fake];
    }),
  );

const namesOf = (recording: Recording) => [...recording.created, ...recording.lookedUp].map((r) => r.name);

describe("infra built from the topology table", () => {
  let plan: DeploymentPlan;
  let recordings: Map<PartName, Recording>;
  const recordingOf = (part: PartName) => {
    const recording = recordings.get(part);
    if (!recording) throw new Error(`part ${part} was not deployed`);
    return recording;
  };

  beforeAll(() => {
    plan = buildPlan(STAGE, settingsFor(STAGE));
    recordings = deployWithFakes(plan);
  });

  it("deploys the core, the gateway and one part per consuming service, in that order", () => {
    expect(plan.parts).toEqual(["core", "gateway", ...consumingServices().map((t) => t.service)]);
    expect(TOPOLOGY.map((t) => t.service).sort()).toEqual(plan.parts.filter((p) => p !== "core").sort());
  });

  describe.each(consumingServices().map((t) => [t.service, t] as [string, ConsumingService]))("%s", (service, topology) => {
    const prefix = pascalCase(service);
    const created = () => recordingOf(topology.service).created;

    it("gets a queue with the table's visibility timeout and a redrive to its DLQ after maxReceiveCount receives", () => {
      const queue = only(created(), "sst.aws.Queue", `${prefix}Queue`);
      expect(queue.args).toMatchObject({
        visibilityTimeout: `${topology.queue.visibilityTimeoutSeconds} seconds`,
        dlq: { queue: `«${prefix}DeadLetterQueue.arn»`, retry: topology.queue.maxReceiveCount },
        transform: { queue: { name: withStage(queueNameOf(topology.service), STAGE) } },
      });
      expect(topology.queue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * topology.queue.functionTimeoutSeconds);
    });

    it("gets a dead-letter queue that keeps messages longer than the queue does", () => {
      const dlq = only(created(), "sst.aws.Queue", `${prefix}DeadLetterQueue`);
      const queue = only(created(), "sst.aws.Queue", `${prefix}Queue`);
      const retention = (q: typeof dlq) => (q.args.transform as { queue: { messageRetentionSeconds: number } }).queue.messageRetentionSeconds;
      expect(dlq.args).toMatchObject({ transform: { queue: { name: withStage(deadLetterQueueNameOf(topology.service), STAGE) } } });
      expect(dlq.args.dlq).toBeUndefined();
      expect(retention(dlq)).toBeGreaterThan(retention(queue));
    });

    it("gets the rule with eventPatternOf on the shared bus, targeting its queue", () => {
      const rule = only(created(), "aws.cloudwatch.EventRule", `${prefix}Rule`);
      expect(rule.args).toMatchObject({ name: ruleNameOf(topology.service), eventBusName: "«Bus.name»" });
      const pattern = JSON.parse(rule.args.eventPattern as string) as Record<string, unknown>;
      expect(pattern).toEqual(eventPatternOf(topology));
      for (const subscription of topology.consumes) expect(JSON.stringify(pattern)).toContain(`"${subscription.eventType}"`);
      const target = only(created(), "aws.cloudwatch.EventTarget", `${prefix}RuleTarget`);
      expect(target.args).toMatchObject({ rule: `«${prefix}Rule.name»`, eventBusName: "«Bus.name»", arn: `«${prefix}Queue.arn»` });
    });

    it(topology.acceptsReplay ? "accepts replayed events" : "never receives replayed events (live side effects)", () => {
      const rule = only(created(), "aws.cloudwatch.EventRule", `${prefix}Rule`);
      const pattern = JSON.parse(rule.args.eventPattern as string) as Record<string, unknown>;
      expect(pattern["replay-name"]).toEqual(topology.acceptsReplay ? undefined : [{ exists: false }]);
    });

    it("lets only its own rule send to its queues", () => {
      for (const name of [`${prefix}QueuePolicy`, `${prefix}DeadLetterQueuePolicy`]) {
        const policy = JSON.parse(only(created(), "aws.sqs.QueuePolicy", name).args.policy as string) as { Statement: { Condition: unknown; Principal: unknown }[] };
        expect(policy.Statement).toEqual([expect.objectContaining({ Principal: { Service: "events.amazonaws.com" }, Condition: { ArnEquals: { "aws:SourceArn": `«${prefix}Rule.arn»` } } })]);
      }
    });

    it("gets its handler with the table's timeout, linked to the bus, the tables and its own DLQ", () => {
      const fn = only(created(), "sst.aws.Function", `${prefix}Handler`);
      expect(fn.args).toMatchObject({ handler: `services/${topology.service}/src/handler.handler`, timeout: `${topology.queue.functionTimeoutSeconds} seconds` });
      expect(fn.args.link).toEqual(expect.arrayContaining(["«Bus»", "«Tables»", `«${prefix}DeadLetterQueue»`]));
      expect(JSON.stringify(fn.args.permissions)).toContain(`«${prefix}Queue.arn»`);
    });

    it("subscribes the handler with the table's batch size and window and partial batch responses", () => {
      const subscriptions = recordingOf(topology.service).called.filter((c) => c.method === "subscribe");
      expect(subscriptions).toEqual([
        {
          on: `${prefix}Queue`,
          method: "subscribe",
          args: [
            `«${prefix}Handler.arn»`,
            {
              batch: {
                size: topology.queue.batchSize,
                ...(topology.queue.maxBatchingWindowSeconds > 0 ? { window: `${topology.queue.maxBatchingWindowSeconds} seconds` } : {}),
                partialResponses: true,
              },
            },
          ],
        },
      ]);
    });

    it("finds the shared bus and tables by name instead of creating them", () => {
      const { lookedUp, created: made } = recordingOf(topology.service);
      expect(lookedUp).toContainEqual({ type: "sst.aws.Bus", name: "Bus", args: [plan.core.bus.name] });
      for (const table of plan.core.tables) expect(lookedUp).toContainEqual({ type: "sst.aws.Dynamo", name: table.logicalName, args: [table.name] });
      expect(made.filter((r) => r.type === "sst.aws.Bus" || r.type === "sst.aws.Dynamo")).toEqual([]);
    });
  });

  it("creates no queue, rule, target or subscription that the topology table does not name", () => {
    const all = [...recordings.values()];
    const queues = all.flatMap((r) => r.created.filter((c) => c.type === "sst.aws.Queue").map((c) => c.name));
    const rules = all.flatMap((r) => r.created.filter((c) => c.type === "aws.cloudwatch.EventRule").map((c) => (c.args as { name: string }).name));
    const targets = all.flatMap((r) => r.created.filter((c) => c.type === "aws.cloudwatch.EventTarget"));
    const subscribed = all.flatMap((r) => r.called.filter((c) => c.method === "subscribe").map((c) => c.on));
    const consumers = consumingServices().map((t) => pascalCase(t.service));
    expect(queues.sort()).toEqual(consumers.flatMap((p) => [`${p}Queue`, `${p}DeadLetterQueue`]).sort());
    expect(rules.sort()).toEqual(consumingServices().map((t) => ruleNameOf(t.service)).sort());
    expect(targets).toHaveLength(consumers.length);
    expect(subscribed.sort()).toEqual(consumers.map((p) => `${p}Queue`).sort());
  });

  it("each part creates exactly the components its plan lists, and every plan entry is created by some part", () => {
    for (const part of plan.parts) expect(namesOf(recordingOf(part)).sort()).toEqual(componentsOf(plan, part).sort());
    const everyName = new Set(plan.parts.flatMap((part) => namesOf(recordingOf(part))));
    const planned = [
      ...plan.services.flatMap((s) => [s.queue.logicalName, s.deadLetterQueue.logicalName, s.rule.logicalName, s.function.logicalName]),
      ...plan.core.tables.map((t) => t.logicalName),
      ...plan.alarms.map((a) => a.logicalName),
      ...plan.parameters.map((p) => p.logicalName),
      ...plan.secrets.map((s) => s.logicalName),
      plan.gateway.authorizer.function.logicalName,
      ...plan.gateway.routes.map((r) => r.function.logicalName),
      plan.gateway.sweep.logicalName,
      plan.gateway.readApi.function.logicalName,
    ];
    expect(planned.filter((name) => !everyName.has(name))).toEqual([]);
  });

  it("declares every table of TABLES with its keys, indexes and TTL", () => {
    const core = recordingOf("core").created.filter((c) => c.type === "sst.aws.Dynamo");
    expect(core).toHaveLength(Object.keys(TABLES).length);
    for (const [key, definition] of Object.entries(TABLES as Record<string, TableDefinition>)) {
      const table = only(core, "sst.aws.Dynamo", `${pascalCase(key)}Table`);
      expect(table.args).toMatchObject({
        primaryIndex: { hashKey: definition.partitionKey.name, ...(definition.sortKey ? { rangeKey: definition.sortKey.name } : {}) },
        transform: { table: { name: `${plan.core.tablePrefix}-${key}` } },
      });
      expect(table.args.ttl).toBe(definition.ttlAttribute);
      expect(Object.keys(table.args.globalIndexes as object).sort()).toEqual(definition.globalIndexes.map((i) => i.name).sort());
      for (const index of definition.globalIndexes) {
        const projection = index.projection.type === "ALL" ? "all" : index.projection.type === "KEYS_ONLY" ? "keys-only" : [...index.projection.attributes];
        expect((table.args.globalIndexes as Record<string, unknown>)[index.name]).toMatchObject({ projection });
      }
      if (key === "messages") expect(table.args.globalIndexes).toMatchObject({ byUser: { projection: "keys-only" } });
    }
  });

  it("puts the REQUEST authorizer on $connect only, with no identity source to pre-check", () => {
    const calls = recordingOf("gateway").called;
    const [authorizer] = calls.filter((c) => c.on === "ChatApi" && c.method === "addAuthorizer");
    expect(authorizer?.args).toEqual(["CognitoToken", { lambda: { function: "«GatewayAuthorizer.arn»", identitySources: [] } }]);
    const routes = calls.filter((c) => c.on === "ChatApi" && c.method === "route");
    expect(routes.map((r) => [r.args[0], r.args[2]])).toEqual([
      ["$connect", { auth: { lambda: "«ChatApi.addAuthorizer(CognitoToken).id»" } }],
      ["$disconnect", {}],
      ["$default", {}],
    ]);
  });

  it("protects every HTTP API route with the Cognito JWT authorizer but the health probes and a friend's survey routes", () => {
    const calls = recordingOf("gateway").called.filter((c) => c.on === "ReadApi");
    expect(calls.find((c) => c.method === "addAuthorizer")?.args[0]).toMatchObject({ name: "CognitoJwt", jwt: { audiences: ["«aws.ssm.getParameterOutput(/innerworld/test/user-pool/client-id).value»"] } });
    const routes = calls.filter((c) => c.method === "route");
    const jwt = { auth: { jwt: { authorizer: "«ReadApi.addAuthorizer(CognitoJwt).id»" } } };
    expect(routes.map((r) => [r.args[0], r.args[1], r.args[2]])).toEqual([
      ...plan.gateway.readApi.routes.map((route) => [route, "«GatewayReadApi.arn»", plan.gateway.readApi.publicRoutes.includes(route) ? {} : jwt]),
      ...plan.gateway.surveyApi.routes.map((route) => [route, "«GatewaySurveyApi.arn»", plan.gateway.surveyApi.publicRoutes.includes(route) ? {} : jwt]),
    ]);
    expect(plan.gateway.readApi.publicRoutes).toEqual(["GET /health", "GET /health/ready"]);
    expect(plan.gateway.surveyApi.publicRoutes).toEqual(["GET /surveys/{surveyId}", "POST /surveys/{surveyId}/responses"]);
  });

  it("gives @connections to the gateway, the notifier and generation, and to no one else", () => {
    const withConnections = plan.parts.filter((part) =>
      recordingOf(part).created.some((c) => c.type === "sst.aws.Function" && (c.args as { link: string[] }).link.includes("«Connections»")),
    );
    expect(withConnections.sort()).toEqual(["gateway", "generation", "notifier"]);
  });

  it("links the survey function alone to its source secret, which the gateway part requires on every stage", () => {
    const linkedToSecret = plan.parts.flatMap((part) =>
      recordingOf(part)
        .created.filter((c) => c.type === "sst.aws.Function" && (c.args as { link: string[] }).link.includes("«SurveySourceSecret»"))
        .map((c) => c.name),
    );
    expect(linkedToSecret).toEqual([plan.gateway.surveyApi.function.logicalName]);
    expect(plan.secrets.filter((s) => s.logicalName === "SurveySourceSecret")).toEqual([expect.objectContaining({ part: "gateway", required: true })]);
    // Declared without a placeholder value: SST stops the deploy until `sst secret set` gives it one.
    expect(only(recordingOf("gateway").created, "sst.Secret", "SurveySourceSecret").args).toBeUndefined();
  });

  it("gives the portrait service the model key, and its image model only where the stage names one", () => {
    const portraitOf = (built: DeploymentPlan) => built.services.find((s) => s.service === "portrait")?.function;
    expect(portraitOf(plan)?.links).toContain("modelApiKey");
    expect(portraitOf(plan)?.environment).not.toHaveProperty("INNERWORLD_IMAGE_MODEL");
    const painting = buildPlan(STAGE, settingsFor(STAGE, { INNERWORLD_DEPLOY_IMAGE_MODEL: "gpt-image-1" }));
    expect(portraitOf(painting)?.environment).toMatchObject({ INNERWORLD_IMAGE_MODEL: "gpt-image-1" });
    expect(painting.services.filter((s) => s.function.environment.INNERWORLD_IMAGE_MODEL).map((s) => s.service)).toEqual(["portrait"]);
  });

  it("gives generation the models a persona may name where the stage lists them, so a persona's model taken off the list is not asked", () => {
    const generationOf = (built: DeploymentPlan) => built.services.find((s) => s.service === "generation")?.function;
    expect(generationOf(plan)?.environment).not.toHaveProperty("INNERWORLD_PERSONA_MODELS");
    const listing = buildPlan(STAGE, settingsFor(STAGE, { INNERWORLD_DEPLOY_PERSONA_MODELS: "gpt-4o-mini,gpt-4.1-mini" }));
    expect(generationOf(listing)?.environment).toMatchObject({ INNERWORLD_PERSONA_MODELS: "gpt-4o-mini,gpt-4.1-mini" });
  });

  it("schedules storage's survey sweep as often as the topology says, the pace the local cloud runs it at", () => {
    const sweep = only(recordingOf("storage").created, "sst.aws.CronV2", "StorageSurveySweep");
    expect(sweep.args).toMatchObject({ schedule: `rate(${SURVEY_SWEEP_EVERY_MINUTES} minutes)` });
  });

  it("asks for feedback after a deploy's number of turns only when told, on storage alone, and refuses a number that is not one", () => {
    const storageOf = (built: DeploymentPlan) => built.services.find((s) => s.service === "storage")?.function;
    expect(storageOf(buildPlan(STAGE, settingsFor(STAGE)))?.environment).not.toHaveProperty("INNERWORLD_FEEDBACK_AFTER_TURNS");
    const asking = buildPlan(STAGE, settingsFor(STAGE, { INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS: "20" }));
    expect(storageOf(asking)?.environment).toMatchObject({ INNERWORLD_FEEDBACK_AFTER_TURNS: "20" });
    expect(asking.services.filter((s) => s.function.environment.INNERWORLD_FEEDBACK_AFTER_TURNS).map((s) => s.service)).toEqual(["storage"]);
    for (const bad of ["0", "-3", "2.5", "soon"]) expect(() => settingsFor(STAGE, { INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS: bad })).toThrow(/FEEDBACK_AFTER_TURNS/);
  });

  it("reads every shared parameter only after the part that writes it has deployed", () => {
    for (const parameter of plan.parameters) {
      const writer = plan.parts.indexOf(parameter.writer);
      for (const reader of parameter.readers) expect(plan.parts.indexOf(reader), `${reader} reads ${parameter.name}`).toBeGreaterThan(writer);
    }
    for (const part of plan.parts) {
      const read = recordingOf(part).called.filter((c) => c.method === "getParameterOutput").map((c) => (c.args[0] as { name: string }).name);
      const declared = plan.parameters.filter((p) => p.readers.includes(part)).map((p) => p.name);
      expect(read.every((name) => declared.includes(name)), `${part} reads ${read.join(", ")}`).toBe(true);
    }
  });
});

describe("settings that would deploy something broken are refused", () => {
  const safety = consumingServices().find((t) => t.service === "safety") as ConsumingService;

  it("refuses a visibility timeout under 6 × the function timeout", () => {
    const tooShort = { ...safety, queue: { ...safety.queue, functionTimeoutSeconds: 30, visibilityTimeoutSeconds: 60 } };
    expect(() => assertQueueSettings(tooShort)).toThrow(/visibility timeout 60s is under 6 × function timeout 30s/);
    try {
      assertQueueSettings(tooShort);
    } catch (error) {
      expect(isInfraPlanError(error) && error.code).toBe("QUEUE_SETTINGS");
    }
  });

  it("refuses a batch above 10 without a batching window", () => {
    expect(() => assertQueueSettings({ ...safety, queue: { ...safety.queue, batchSize: 50 } })).toThrow(/batching window/);
  });

  it("refuses an unknown part and a stage name AWS names cannot carry", () => {
    expect(() => parsePart(buildPlan(STAGE), "safty")).toThrow(/INNERWORLD_PART=safty/);
    expect(() => parsePart(buildPlan(STAGE), undefined)).toThrow(/INNERWORLD_PART=\(unset\)/);
    expect(() => buildPlan("Prod_1")).toThrow(/stage "Prod_1"/);
  });
});

describe("a stage with Neptune", () => {
  let plan: DeploymentPlan;
  let recordings: Map<PartName, Recording>;
  beforeAll(() => {
    plan = buildPlan("graphy", settingsFor("graphy", { INNERWORLD_DEPLOY_GRAPH_BACKEND: "neptune" }));
    recordings = deployWithFakes(plan);
  });
  afterAll(() => recordings.clear());

  it("creates a VPC and a serverless cluster with IAM auth in the core", () => {
    const core = recordings.get("core")?.created ?? [];
    expect(only(core, "sst.aws.Vpc", "Vpc").args).toMatchObject({ nat: "ec2" });
    expect(only(core, "aws.neptune.Cluster", "GraphCluster").args).toMatchObject({
      iamDatabaseAuthenticationEnabled: true,
      serverlessV2ScalingConfiguration: { minCapacity: 1, maxCapacity: 8 },
    });
    expect(only(core, "aws.neptune.ClusterInstance", "GraphInstance").args).toMatchObject({ instanceClass: "db.serverless" });
  });

  it("puts exactly the graph services in the VPC, linked to the graph", () => {
    for (const service of plan.services) {
      const fn = only(recordings.get(service.part)?.created ?? [], "sst.aws.Function", service.function.logicalName);
      const graphUser = ["graph-extraction", "context-refresh"].includes(service.service);
      expect(fn.args.vpc !== undefined, service.service).toBe(graphUser);
      expect((fn.args.link as string[]).includes("«Graph»"), service.service).toBe(graphUser);
      if (graphUser) expect(fn.args.environment).toMatchObject({ INNERWORLD_GRAPH_BACKEND: "neptune" });
    }
  });

  it("leaves the default stage without a VPC or a cluster", () => {
    const plain = buildPlan(STAGE);
    expect(plain.core.graph).toEqual({ backend: "dynamodb" });
    expect(plain.services.some((s) => s.function.inVpc)).toBe(false);
  });
});
