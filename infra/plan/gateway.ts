// The gateway's part: the WebSocket API with its $connect authorizer and routes, the idle-session sweep, the read API.
import { PUBLIC_ROUTES, READ_API_ROUTES, SURVEY_PUBLIC_ROUTES, SURVEY_ROUTES } from "../../packages/events/src/httpRoutes";
import { consumingServices, deadLetterQueueNameOf, queueNameOf } from "../../packages/events/src/topology";
import { busNameFor, functionNameFor, withStage } from "./naming";
import { LINK_NAMES } from "./links";
import type { StageSettings } from "./settings";
import type { FunctionPlan, GatewayPlan, LinkKey } from "./types";

const HANDLER_FILE = "services/gateway/src/handler";

const gatewayFunction = (stage: string, entry: string, logicalName: string, overrides: Partial<FunctionPlan> = {}, file = HANDLER_FILE): FunctionPlan => ({
  logicalName,
  name: functionNameFor(stage, "gateway", entry),
  handler: `${file}.${entry}`,
  // API Gateway gives an integration 29 s; a route that needs more than 10 is broken, not slow.
  timeoutSeconds: 10,
  memoryMb: 512,
  architecture: "arm64",
  links: ["bus", "tables", "connections"] satisfies LinkKey[],
  environment: {},
  inVpc: false,
  ...overrides,
});


/** Every consuming service's queues by name, for the admin API (status, dead letters, redrive) and readiness. */
export const serviceQueueNamesFor = (stage: string): Record<string, { queue: string; deadLetterQueue: string }> =>
  Object.fromEntries(
    consumingServices().map((t) => [t.service, { queue: withStage(queueNameOf(t.service), stage), deadLetterQueue: withStage(deadLetterQueueNameOf(t.service), stage) }]),
  );

/** What the admin API and readiness do with the queues and the bus, beyond what the links grant. */
export const operationsPermissionsFor = (stage: string) => [
  {
    actions: [
      "sqs:GetQueueUrl",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:SendMessage",
      "sqs:DeleteMessage",
      "sqs:StartMessageMoveTask",
      "sqs:ListMessageMoveTasks",
    ],
    resources: [`arn:aws:sqs:*:*:${busNameFor(stage)}-*`],
  },
  { actions: ["events:DescribeEventBus"], resources: [`arn:aws:events:*:*:event-bus/${busNameFor(stage)}`] },
  // SQS reports its queues' oldest-message age only to CloudWatch; GetMetricData takes no resource but "*".
  { actions: ["cloudwatch:GetMetricData"], resources: ["*"] },
];

/**
 * The models a user's persona may name, for the read API that validates personas: the stage's explicit list, or its
 * primary and fallback models. The read API holds no model key, so it cannot work the chain out for itself.
 */
const personaModelsOf = (settings: StageSettings | undefined): string =>
  settings?.model.personaModels ?? [settings?.model.model, settings?.model.fallbackModels].filter((part): part is string => Boolean(part)).join(",");

export const planGateway = (stage: string, settings?: StageSettings): GatewayPlan => ({
  part: "gateway",
  api: { logicalName: "ChatApi", name: `${busNameFor(stage)}-chat` },
  authorizer: {
    name: "CognitoToken",
    // Verifies a JWT and nothing else; the user pool ids come in as plain environment (the handler reads them at load).
    function: gatewayFunction(stage, "authorizer", "GatewayAuthorizer", { links: ["userPool"], memoryMb: 256, timeoutSeconds: 5 }),
    // Tokens arrive in the `token` query parameter or in Sec-WebSocket-Protocol. API Gateway answers 401 without
    // calling the authorizer when any listed source is missing, so listing either would lock out the other kind of
    // client; with none listed (optional for REQUEST authorizers) the authorizer always decides.
    identitySources: [],
  },
  routes: [
    { route: "$connect", function: gatewayFunction(stage, "connect", "GatewayConnect") },
    { route: "$disconnect", function: gatewayFunction(stage, "disconnect", "GatewayDisconnect") },
    { route: "$default", function: gatewayFunction(stage, "message", "GatewayMessage") },
  ],
  connectionsLinkName: LINK_NAMES.connections,
  sweep: {
    logicalName: "SessionSweep",
    schedule: "rate(1 minute)",
    function: gatewayFunction(stage, "sweep", "GatewaySweep", { timeoutSeconds: 60 }),
  },
  readApi: {
    logicalName: "ReadApi",
    name: `${busNameFor(stage)}-read`,
    authorizerName: "CognitoJwt",
    routes: READ_API_ROUTES,
    publicRoutes: PUBLIC_ROUTES,
    permissions: operationsPermissionsFor(stage),
    function: gatewayFunction(stage, "readApi", "GatewayReadApi", {
      links: ["bus", "tables"],
      environment: {
        INNERWORLD_SERVICE_QUEUES: JSON.stringify(serviceQueueNamesFor(stage)),
        ...(personaModelsOf(settings) ? { INNERWORLD_PERSONA_MODELS: personaModelsOf(settings) } : {}),
      },
    }),
  },
  surveyApi: {
    routes: SURVEY_ROUTES,
    publicRoutes: SURVEY_PUBLIC_ROUTES,
    // Its own entry, so the chat routes never bundle the survey code and its S3 client.
    function: gatewayFunction(stage, "surveyApi", "GatewaySurveyApi", { links: ["bus", "tables", "portraits", "surveySourceSecret"] }, "services/gateway/src/surveyHandler"),
  },
});
