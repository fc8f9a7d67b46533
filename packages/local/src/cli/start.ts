// `pnpm start`: runs the whole system offline on this machine, or some of its services against one already running.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SERVICE_NAMES, serviceNameSchema, type ServiceName } from "@innerworld/events";
import { modelInUse } from "@innerworld/generation";
import { readEndpoints } from "../cloud/endpoints";
import { EPHEMERAL_PORTS, runServices, startLocalCloud, type LocalCloudPorts } from "../cloud/localCloud";

const usage = `Usage: pnpm start [options]

Starts DynamoDB, SQS, EventBridge, the WebSocket API, the dev token issuer, every service and the web client
on loopback, and writes where each listens to <data-dir>/endpoints.json.

Options:
  --data-dir DIR        where tables, the event archive and endpoints.json live (default .innerworld)
  --only a,b            run only these services in this process
  --without a,b         run every service but these (run them elsewhere with --attach)
  --attach              start no emulators: run the chosen services against the local cloud already running
  --ephemeral-ports     pick free ports instead of the fixed 4510-4517
  --turn-deadline S     seconds before a turn with no reply is failed with TURN_TIMED_OUT (default 20)
  --log-level L         info: one line per turn (time, session, verdict, latency), dead letters left waiting,
                        stuck queues, and a line a minute summing up the services' metrics; debug: also every
                        event, every EMF metric line, and the services' JSON logs (default info)
  -h, --help            this text

Services: ${SERVICE_NAMES.join(", ")}`;

const parseServices = (list: string | undefined): ServiceName[] | undefined =>
  list?.split(",").filter(Boolean).map((name) => {
    const parsed = serviceNameSchema.safeParse(name.trim());
    if (!parsed.success) throw new Error(`Unknown service "${name}". Services: ${SERVICE_NAMES.join(", ")}`);
    return parsed.data;
  });

// Local runs happen on Node 20 too; Lambda runs 22+. The SDK's reminder of that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** One line on whether the parts answer, from the same /health/ready an operator or a load balancer would call. */
const describeReadiness = async (readApiUrl: string): Promise<string> => {
  try {
    const response = await fetch(`${readApiUrl}/health/ready`);
    const body = (await response.json()) as { status?: string; checks?: Record<string, { status: string; error?: string }> };
    const parts = Object.entries(body.checks ?? {}).map(([part, check]) => `${part} ${check.status}${check.error ? ` (${check.error})` : ""}`);
    return `${response.ok ? "ready" : "NOT READY"}: ${parts.join(", ")}`;
  } catch (error) {
    return `NOT READY: /health/ready did not answer (${(error as Error).message})`;
  }
};

const main = async () => {
  // `pnpm start -- --ephemeral-ports` hands the separator on as an argument of its own: it separates nothing here.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      "data-dir": { type: "string", default: ".innerworld" },
      only: { type: "string" },
      without: { type: "string" },
      attach: { type: "boolean", default: false },
      "ephemeral-ports": { type: "boolean", default: false },
      "log-level": { type: "string", default: "info" },
      "turn-deadline": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const level = values["log-level"];
  if (level !== "info" && level !== "debug") throw new Error("--log-level is info or debug");
  // The services' Powertools loggers read this when they are built: debug shows their JSON line per event too.
  process.env.INNERWORLD_LOG_LEVEL ??= level.toUpperCase();
  const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), values["data-dir"]);
  const only = parseServices(values.only);
  const without = new Set(parseServices(values.without) ?? []);
  const services = (only ?? [...SERVICE_NAMES]).filter((s) => !without.has(s));
  const deadline = values["turn-deadline"] === undefined ? undefined : Number(values["turn-deadline"]);
  if (deadline !== undefined && !(Number.isInteger(deadline) && deadline >= 0 && deadline <= 900)) throw new Error("--turn-deadline takes whole seconds from 0 to 900");

  const up = bringUp({ attach: values.attach, ephemeralPorts: values["ephemeral-ports"], dataDir, services, level, deadline });
  // Signals are heard from the moment starting begins (handlers set in the same tick): one that arrives while the cloud
  // is still coming up, or while its readiness is asked, stops it cleanly once it is up, instead of killing the process
  // with the signal's default action.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight batches, then stopping`);
    up.then((running) => running.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  const { readApiUrl } = await up;
  if (readApiUrl && !stopping) console.log(await describeReadiness(readApiUrl));
};

interface Running {
  stop: () => Promise<void>;
  /** Where readiness is asked (absent when only attaching services). */
  readApiUrl?: string;
}

/** Starts the local cloud (or attaches services to a running one), prints where everything is, and returns how to stop it. */
const bringUp = async (options: {
  attach: boolean;
  ephemeralPorts: boolean;
  dataDir: string;
  services: ServiceName[];
  level: "info" | "debug";
  deadline: number | undefined;
}): Promise<Running> => {
  const { dataDir, services, level, deadline } = options;
  if (options.attach) {
    const endpoints = await readEndpoints(dataDir);
    const running = runServices(endpoints, services);
    console.log(`attached ${running.eventSources.map((s) => s.functionName).join(", ") || "no services"} to the local cloud of pid ${endpoints.pid}`);
    return { stop: running.stop };
  }
  const ports: Partial<LocalCloudPorts> = options.ephemeralPorts ? EPHEMERAL_PORTS : {};
  const cloud = await startLocalCloud({ dataDir, ports, services, web: true, log: (m) => console.log(m), console: { level, print: (line) => console.log(line) }, ...(deadline !== undefined ? { turnDeadlineSeconds: deadline } : {}) });
  const e = cloud.endpoints;
  console.log(
    [
      "InnerWorld is running offline.",
      `  model           ${modelInUse(process.env)}`,
      `  web app         ${e.webUrl ?? "(not served)"}   <- open this in a browser to chat`,
      `  WebSocket       ${e.websocketUrl}   (connect with ?token=...)`,
      `  tokens          curl -s -X POST ${e.tokenUrl} -d '{"sub":"alex"}'`,
      `  @connections    ${e.connectionsUrl}`,
      `  read API        ${e.readApiUrl}/sessions   (Authorization: Bearer <token>)`,
      `  health          ${e.readApiUrl}/health   and   ${e.readApiUrl}/health/ready   (no token)`,
      `  admin API       ${e.readApiUrl}/admin/status   (token from -d '{"sub":"jo","groups":["admins"]}')`,
      `  EventBridge     ${e.eventBridgeEndpoint}`,
      `  SQS             ${e.sqsEndpoint}`,
      `  DynamoDB        ${e.dynamodbEndpoint}`,
      `  metrics (EMF)   ${e.metricsFile ?? "(off)"}   (what CloudWatch would get; summed up here every minute)`,
      `  services        ${services.join(", ")}`,
      `  endpoints file  ${cloud.endpointsFile}`,
      "Ctrl-C stops it; data stays in the data dir.",
    ].join("\n"),
  );
  return { stop: cloud.stop, readApiUrl: e.readApiUrl };
};

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
