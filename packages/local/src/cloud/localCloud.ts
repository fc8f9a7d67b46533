// Starts the whole local cloud on loopback: DynamoDB, SQS, EventBridge, the WebSocket API, the dev issuer and the services.
import { chmod, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Clock } from "@innerworld/platform/clock";
import { createServiceRuntime, type RuntimeConfig, type ServiceRuntime } from "@innerworld/platform/runtime";
import { tableNamesFor } from "@innerworld/platform/tables";
import { BUS_NAME, PUBLIC_ROUTES, READ_API_ROUTES, SERVICE_NAMES, SURVEY_PUBLIC_ROUTES, SURVEY_ROUTES, topologyOf, type ServiceName } from "@innerworld/events";
import { createGatewayRoutes, createSurveyRoutes, isAdmin, type GatewayLimits, type SurveyRouteOptions } from "@innerworld/gateway";
import { startS3 } from "@innerworld/emulators/s3";
import { startWebSocketApiEmulator, type WebSocketApiEmulator } from "@innerworld/emulators/apigateway";
import { startEventBridgeEmulator } from "@innerworld/emulators/eventbridge";
import { startHttpApiEmulator } from "@innerworld/emulators/http-api";
import { startDevIssuer } from "@innerworld/emulators/issuer";
import { SCHEDULED_TASKS, SQS_SERVICE_HANDLERS } from "../runner/serviceRegistry";
import { startWebClient } from "../web/webClient";
import { startSqsEventSource, type SqsEventSource, type SqsHandler } from "../runner/sqsEventSource";
import { wireRunnerQueue } from "../runner/runnerQueue";
import { applyTopology, ARCHIVE_NAME } from "./bus";
import { startTurnReporter, type ReportLevel } from "./turnReporter";
import { emfFileIn, emfFileSink, startMetricsReporter } from "./localMetrics";
import { localSecretIn } from "./localSecret";
import { ensureTables, startDynamoDb } from "@innerworld/emulators/dynamodb";
import { ENDPOINTS_FILE_NAME, writeEndpoints, type LocalEndpoints } from "./endpoints";
import { localCredentials } from "@innerworld/emulators/net";
import { ensureServiceQueues, sqsClientFor, startSqs, type ServiceQueues } from "@innerworld/emulators/sqs";

export const LOCAL_STAGE = "local";

/** Parts of the local cloud a test may stop on its own, to see how the rest copes (readiness, retries). */
export type StoppablePart = "dynamodb" | "sqs" | "eventbridge";

export interface LocalCloudPorts {
  websocket: number;
  eventBridge: number;
  sqs: number;
  dynamodb: number;
  issuer: number;
  readApi: number;
  web: number;
  s3: number;
}

/** Fixed ports for `start`, so clients can be pointed at the same URLs every time; tests pass 0 for free ones. */
export const DEFAULT_PORTS: LocalCloudPorts = { websocket: 4510, eventBridge: 4511, sqs: 4512, dynamodb: 4513, issuer: 4514, readApi: 4515, web: 4516, s3: 4517 };
/** Every port picked free by the OS: for tests, benchmarks and the cost script, which must run beside `pnpm start`. */
export const EPHEMERAL_PORTS: LocalCloudPorts = Object.fromEntries(Object.keys(DEFAULT_PORTS).map((part) => [part, 0])) as unknown as LocalCloudPorts;

export interface LocalCloudOptions {
  dataDir: string;
  ports?: Partial<LocalCloudPorts>;
  region?: string;
  /** Services run in this process; the rest can run in processes of their own with `runServices`. */
  services?: ServiceName[];
  /** Replaces a service's handler, e.g. a test's failing handler. */
  handlerOverrides?: Partial<Record<ServiceName, SqsHandler>>;
  pollersPerService?: number;
  /** Sees each service runtime as it is built, e.g. to count the AWS calls a turn makes (the cost model does). */
  onRuntime?: (runtime: ServiceRuntime) => void;
  /** What every service takes as now (default: the system clock); tests pin the date with it, never the wall clock. */
  clock?: Clock;
  /** How often the gateway's sweep ends idle, expired and long-disconnected sessions (the cloud runs it every minute). */
  sweepIntervalMs?: number;
  /** How often storage sweeps for surveys whose persona saga nobody else will start (the cloud: every 5 minutes). */
  surveySweepIntervalMs?: number;
  gatewayLimits?: Partial<GatewayLimits>;
  /** Seconds after its acknowledgement a turn without a reply is timed out (default: the topology's deadline). */
  turnDeadlineSeconds?: number;
  /** Builds and serves the web client, with the event tap its operator view reads, at `webUrl` (`pnpm start` does). */
  web?: boolean;
  /** Extra environment a service reads (model endpoint, moderation key) goes through process.env as in Lambda. */
  log?: (message: string) => void;
  /**
   * Prints a line per turn (and per event at debug), warns of dead letters left waiting and of a queue whose oldest
   * message has waited past its visibility timeout (or `stuckQueueAfterSeconds`), and sums up the services' metrics
   * every `metricsIntervalMs` (default a minute; each EMF line too at debug): what `pnpm start` shows.
   */
  console?: { level: ReportLevel; print: (line: string) => void; deadLetterCheckMs?: number; metricsIntervalMs?: number; stuckQueueAfterSeconds?: number };
}

export interface LocalCloud {
  endpoints: LocalEndpoints;
  endpointsFile: string;
  eventSources: SqsEventSource[];
  /** Runs the session sweep now rather than waiting for its timer. */
  sweepSessions(): Promise<number>;
  /** Runs storage's survey sweep now, when storage runs here. */
  sweepSurveys(): Promise<unknown>;
  /** Stops one emulator while the rest keeps running. */
  stopPart(part: StoppablePart): Promise<void>;
  stop(): Promise<void>;
}

export const runtimeConfigFor = (endpoints: LocalEndpoints): RuntimeConfig => ({
  region: endpoints.region,
  busName: endpoints.busName,
  tablePrefix: endpoints.tablePrefix,
  endpoints: { dynamodb: endpoints.dynamodbEndpoint, eventBridge: endpoints.eventBridgeEndpoint, sqs: endpoints.sqsEndpoint, s3: endpoints.s3Endpoint },
  portraitBucket: endpoints.portraitBucket,
  connectionsUrl: endpoints.connectionsUrl,
  deadLetterQueueUrls: Object.fromEntries(
    Object.entries(endpoints.queues).map(([service, queues]) => [service, (queues as ServiceQueues).deadLetterQueueUrl]),
  ),
  serviceQueues: Object.fromEntries(
    Object.entries(endpoints.queues).map(([service, queues]) => [service, { queue: (queues as ServiceQueues).queueUrl, deadLetterQueue: (queues as ServiceQueues).deadLetterQueueUrl }]),
  ),
  credentials: localCredentials,
  ...(endpoints.turnDeadlineSeconds !== undefined ? { turnDeadlineSeconds: endpoints.turnDeadlineSeconds } : {}),
});

/**
 * Batches a service's runner handles at once, where more than one per poller. Generation's batches wait seconds on a
 * model, so one teen's hung model would hold every other turn behind it: it scales as Lambda does while turns wait.
 * The other services take milliseconds a batch, and context-refresh and graph-extraction take one user's events in
 * turn (a context version counts its rebuilds; a graph lists its sessions in the order they were merged).
 */
/** Beside the dev issuer's key in the data folder: the survey API's key for friends' networks and browsers. */
const SURVEY_SOURCE_SECRET_FILE = "survey-source.secret";

const LOCAL_CONCURRENCY: Partial<Record<ServiceName, number>> = { generation: 10 };

export interface RunningServices {
  eventSources: SqsEventSource[];
  /** Each running service's scheduled task (storage's survey sweep), to run now rather than waiting for its timer. */
  scheduledTasks: Partial<Record<ServiceName, () => Promise<unknown>>>;
  stop(): Promise<void>;
}

/** Runs the SQS-consuming services' handlers against an already running local cloud. */
export const runServices = (
  endpoints: LocalEndpoints,
  services: readonly ServiceName[],
  options: {
    handlerOverrides?: Partial<Record<ServiceName, SqsHandler>>;
    pollersPerService?: number;
    onRuntime?: (runtime: ServiceRuntime) => void;
    clock?: Clock;
    /** How often scheduled tasks run (default: each task's own pace, as its schedule in AWS). */
    scheduledTaskIntervalMs?: number;
    log?: (message: string) => void;
  } = {},
): RunningServices => {
  const config = runtimeConfigFor(endpoints);
  const emf = endpoints.metricsFile ? emfFileSink(endpoints.metricsFile) : undefined;
  const runtimes: ServiceRuntime[] = [];
  // Every handler is built before any poller starts: a service refusing its configuration (a bad INNERWORLD_MODEL_PRICES,
  // a missing classifier) then stops the start with its own error, not after other services began polling and were
  // cut off mid-request.
  const handlers: { service: ServiceName; queue: ServiceQueues; handler: SqsHandler; batchSize: number; functionTimeoutSeconds: number }[] = [];
  const scheduledTasks: RunningServices["scheduledTasks"] = {};
  try {
    for (const service of services) {
      const queues = endpoints.queues[service];
      const build = SQS_SERVICE_HANDLERS[service];
      if (!queues || !build) continue;
      const queue = topologyOf(service).queue;
      if (!queue) continue;
      let handler = options.handlerOverrides?.[service];
      if (!handler) {
        const runtime = createServiceRuntime(service, config, { ...(options.clock ? { clock: options.clock } : {}), ...(emf ? { emf } : {}) });
        options.onRuntime?.(runtime);
        runtimes.push(runtime);
        handler = build(runtime);
        const task = SCHEDULED_TASKS[service];
        if (task) scheduledTasks[service] = task.build(runtime);
      }
      handlers.push({ service, queue: queues, handler, batchSize: queue.batchSize, functionTimeoutSeconds: queue.functionTimeoutSeconds });
    }
  } catch (error) {
    for (const runtime of runtimes) runtime.destroy();
    emf?.close();
    throw error;
  }
  // The pollers stand in for Lambda's, which are AWS's own and not the functions' SDK: plain SQS JSON to the local SQS.
  const sqs = wireRunnerQueue(endpoints.sqsEndpoint, endpoints.region);
  const eventSources: SqsEventSource[] = handlers.map(({ service, queue, handler, batchSize, functionTimeoutSeconds }) =>
    startSqsEventSource({
      queue: sqs,
      queueUrl: queue.queueUrl,
      queueArn: queue.queueArn,
      region: endpoints.region,
      functionName: `innerworld-${service}`,
      handler,
      batchSize,
      functionTimeoutSeconds,
      pollers: options.pollersPerService ?? 2,
      ...(LOCAL_CONCURRENCY[service] !== undefined ? { maxConcurrency: LOCAL_CONCURRENCY[service] } : {}),
    }),
  );
  // Stand-ins for the scheduled functions (storage's survey sweep): a run still going when the next is due is left alone.
  const timers = Object.entries(scheduledTasks).map(([service, run]) => {
    const task = SCHEDULED_TASKS[service as ServiceName];
    let running: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      running ??= run()
        .catch((error: unknown) => options.log?.(`${service} ${task?.name ?? "scheduled task"} failed: ${(error as Error).message}`))
        .finally(() => {
          running = undefined;
        });
    }, options.scheduledTaskIntervalMs ?? task?.everyMs ?? 60_000);
    return { timer, settled: () => running };
  });
  return {
    eventSources,
    scheduledTasks,
    async stop() {
      for (const { timer } of timers) clearInterval(timer);
      await Promise.all(timers.map(({ settled }) => settled()));
      await Promise.all(eventSources.map((source) => source.stop()));
      for (const runtime of runtimes) runtime.destroy();
      sqs.destroy();
      emf?.close();
    },
  };
};

export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const region = options.region ?? "us-east-1";
  const log = options.log ?? (() => undefined);
  const tablePrefix = `innerworld-${LOCAL_STAGE}`;
  const stack: { name: string; close: () => Promise<void> }[] = [];
  const stopAll = async () => {
    // Reverse order: services finish their batches while the bus, queues and tables they write to are still up.
    for (const part of stack.splice(0).reverse()) {
      await part.close().catch((error: unknown) => log(`stopping ${part.name} failed: ${(error as Error).message}`));
    }
  };
  // The tables, the event archive and the queue journal hold teens' messages: only this user may read them. A directory
  // made here, an empty one, or one a local cloud ran in before is closed to others; any other one named with
  // --data-dir (the repository itself, say) is left as it is.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const held = await readdir(options.dataDir);
  if (held.length === 0 || held.includes(ENDPOINTS_FILE_NAME)) await chmod(options.dataDir, 0o700);
  try {
    const dynamodb = await startDynamoDb({ port: ports.dynamodb, dataDir: join(options.dataDir, "dynamodb") });
    stack.push({ name: "dynamodb", close: dynamodb.close });
    await ensureTables(dynamodb.endpoint, region, tableNamesFor(tablePrefix));

    const sqs = await startSqs({ port: ports.sqs, region, dataDir: join(options.dataDir, "sqs") });
    stack.push({ name: "sqs", close: sqs.close });
    const sqsClient = sqsClientFor(sqs.endpoint, region);
    const queues = await ensureServiceQueues(sqsClient, options.turnDeadlineSeconds !== undefined ? { deliveryDelays: { watchdog: options.turnDeadlineSeconds } } : {});
    sqsClient.destroy();
    // What was queued before a crash goes back before anything can send or receive.
    const { restored, dropped } = sqs.restore();
    if (restored || dropped) log(`sqs: restored ${restored} queued message(s) from the journal${dropped ? `, dropped ${dropped} of queues that no longer exist` : ""}`);

    // On the cloud's clock, as the services are: events put without a time, archive and replay times and retention.
    const eventBridge = await startEventBridgeEmulator({
      port: ports.eventBridge,
      dataDir: join(options.dataDir, "eventbridge"),
      region,
      sqsEndpoint: sqs.endpoint,
      inProcessSqs: sqs.inProcess,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    stack.push({ name: "eventbridge", close: eventBridge.close });
    const eventBridgeClient = new EventBridgeClient({ endpoint: eventBridge.endpoint, region, credentials: localCredentials });
    const { ruleArns } = await applyTopology(eventBridgeClient, queues);
    eventBridgeClient.destroy();

    const issuer = await startDevIssuer({ port: ports.issuer, dataDir: options.dataDir });
    stack.push({ name: "issuer", close: issuer.close });
    // What a deployed stage sets with `sst secret set SurveySourceSecret`: here made once and kept with the data.
    const surveySourceSecret = await localSecretIn(options.dataDir, SURVEY_SOURCE_SECRET_FILE);

    const portraitBucket = `${tablePrefix}-portraits`;
    const s3 = await startS3({ port: ports.s3, directory: join(options.dataDir, "s3"), buckets: [portraitBucket] });
    stack.push({ name: "s3", close: s3.close });

    // The gateway's routes must exist before the WebSocket API listens, but its runtime needs the @connections URL,
    // known only once the API listens. The runtime is set right after, before endpoints.json tells anyone to connect.
    const gatewayRuntime: { current?: ServiceRuntime } = {};
    const partialEndpoints = {
      region,
      busName: BUS_NAME,
      archiveName: ARCHIVE_NAME,
      tablePrefix,
      eventBridgeEndpoint: eventBridge.endpoint,
      sqsEndpoint: sqs.endpoint,
      dynamodbEndpoint: dynamodb.endpoint,
      s3Endpoint: s3.endpoint,
      portraitBucket,
      metricsFile: emfFileIn(options.dataDir),
      ...(options.turnDeadlineSeconds !== undefined ? { turnDeadlineSeconds: options.turnDeadlineSeconds } : {}),
      tokenUrl: issuer.tokenUrl,
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      audience: issuer.audience,
      queues: Object.fromEntries(queues),
      ruleArns: Object.fromEntries(ruleArns),
      pid: process.pid,
    };
    const gateway = createGatewayRoutes(() => {
      if (!gatewayRuntime.current) throw new Error("gateway runtime is not ready");
      return gatewayRuntime.current;
    }, { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, jwks: issuer.jwks }, options.gatewayLimits);
    // The survey API is built on its first request; by then the web client, whose page answers a share link, is up.
    const surveyOptions: SurveyRouteOptions = { sourceSecret: () => surveySourceSecret };
    const surveyApi = createSurveyRoutes(
      () => {
        if (!gatewayRuntime.current) throw new Error("gateway runtime is not ready");
        return gatewayRuntime.current;
      },
      { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, jwks: issuer.jwks },
      surveyOptions,
    );
    const websocket: WebSocketApiEmulator = await startWebSocketApiEmulator({
      port: ports.websocket,
      stage: LOCAL_STAGE,
      region,
      authorizer: gateway.authorizer,
      routes: gateway.routes,
    });
    stack.push({ name: "websocket", close: () => websocket.close() });

    const readApi = await startHttpApiEmulator({
      port: ports.readApi,
      jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, jwks: issuer.jwks },
      routes: {
        ...Object.fromEntries(READ_API_ROUTES.map((route) => [route, gateway.readApi])),
        ...Object.fromEntries(SURVEY_ROUTES.map((route) => [route, surveyApi])),
      },
      publicRoutes: [...PUBLIC_ROUTES, ...SURVEY_PUBLIC_ROUTES],
    });
    stack.push({ name: "read api", close: readApi.close });

    const endpoints: LocalEndpoints = {
      ...partialEndpoints,
      websocketUrl: websocket.websocketUrl,
      connectionsUrl: websocket.connectionsUrl,
      readApiUrl: readApi.url,
    };
    const gatewayEmf = emfFileSink(emfFileIn(options.dataDir));
    stack.push({ name: "gateway metrics file", close: async () => gatewayEmf.close() });
    const runtime = createServiceRuntime("gateway", runtimeConfigFor(endpoints), { ...(options.clock ? { clock: options.clock } : {}), emf: gatewayEmf });
    gatewayRuntime.current = runtime;
    options.onRuntime?.(runtime);
    stack.push({ name: "gateway runtime", close: async () => runtime.destroy() });

    let sweeping: Promise<unknown> = Promise.resolve();
    const sweepTimer = setInterval(() => {
      sweeping = gateway.sweep().catch((error: unknown) => log(`session sweep failed: ${(error as Error).message}`));
    }, options.sweepIntervalMs ?? 30_000);
    stack.push({ name: "session sweep", close: async () => { clearInterval(sweepTimer); await sweeping; } });

    if (options.web) {
      // Before the services run, so the event tap sees their first events too.
      const web = await startWebClient({
        port: ports.web,
        dataDir: options.dataDir,
        stage: LOCAL_STAGE,
        region,
        busName: BUS_NAME,
        websocketUrl: endpoints.websocketUrl,
        readApiUrl: endpoints.readApiUrl,
        tokenUrl: endpoints.tokenUrl,
        eventBridgeEndpoint: endpoints.eventBridgeEndpoint,
        sqsEndpoint: endpoints.sqsEndpoint,
        deadLetterQueueUrls: Object.fromEntries([...queues].map(([service, q]) => [service, q.deadLetterQueueUrl])),
        // The checks a socket's token passes (claims policy, and not issued before its account's erasure), not only its signature.
        tapViewerOf: async (token) => {
          const claims = await gateway.claimsOf(token);
          return typeof claims?.sub === "string" ? { userId: claims.sub, admin: isAdmin(claims) } : undefined;
        },
        log,
      });
      stack.push({ name: "web client", close: web.close });
      endpoints.webUrl = web.webUrl;
      surveyOptions.shareBaseUrl = web.webUrl;
      if (web.eventTapUrl) endpoints.eventTapUrl = web.eventTapUrl;
    }

    const services = options.services ?? [...SERVICE_NAMES];
    const running = runServices(endpoints, services, {
      ...(options.handlerOverrides ? { handlerOverrides: options.handlerOverrides } : {}),
      ...(options.pollersPerService ? { pollersPerService: options.pollersPerService } : {}),
      ...(options.onRuntime ? { onRuntime: options.onRuntime } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.surveySweepIntervalMs ? { scheduledTaskIntervalMs: options.surveySweepIntervalMs } : {}),
      log,
    });
    stack.push({ name: "services", close: running.stop });

    if (options.console) {
      const consoleEventBridge = new EventBridgeClient({ endpoint: eventBridge.endpoint, region, credentials: localCredentials });
      const consoleSqs = sqsClientFor(sqs.endpoint, region);
      const { metricsIntervalMs, ...turnConsole } = options.console;
      const reporter = await startTurnReporter({ eventBridge: consoleEventBridge, sqs: consoleSqs, sqsEndpoint: sqs.endpoint, busName: BUS_NAME, queues: endpoints.queues, ...turnConsole });
      const metrics = startMetricsReporter({ path: emfFileIn(options.dataDir), level: turnConsole.level, print: turnConsole.print, ...(metricsIntervalMs ? { intervalMs: metricsIntervalMs } : {}) });
      stack.push({
        name: "console",
        close: async () => {
          metrics.stop();
          await reporter.stop();
          consoleEventBridge.destroy();
          consoleSqs.destroy();
        },
      });
    }

    const endpointsFile = await writeEndpoints(options.dataDir, endpoints);
    log(`local cloud up: ${endpointsFile}`);
    const stopPart = async (part: StoppablePart) => {
      const index = stack.findIndex((p) => p.name === part);
      const [found] = index >= 0 ? stack.splice(index, 1) : [];
      await found?.close();
    };
    const sweepSurveys = async () => running.scheduledTasks.storage?.();
    return { endpoints, endpointsFile, eventSources: running.eventSources, sweepSessions: gateway.sweep, sweepSurveys, stopPart, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
