// What differs between stages, decided in one place so the core app and every service app read the same answers.
import { InfraPlanError } from "./errors";

export type GraphBackend = "dynamodb" | "neptune";
export type IdentityProvider = "google" | "apple";

export interface StageSettings {
  /** The embedded DynamoDB graph by default; Neptune serverless (with a VPC and NAT) only where a stage asks for it. */
  graphBackend: GraphBackend;
  /** How Lambdas in the VPC reach EventBridge, SQS, DynamoDB and the model: a managed NAT gateway or a cheaper NAT instance. */
  nat: "managed" | "ec2";
  neptuneCapacity: { min: number; max: number };
  /** Social sign-in; each provider needs its secrets set in the core app before deploy. */
  identityProviders: IdentityProvider[];
  authCallbackUrls: string[];
  /** Cognito hosted-UI domain prefix; globally unique across AWS, so override it when the default is taken. */
  authDomainPrefix: string;
  /** Retain data on `sst remove`, refuse table deletion, keep a final Neptune snapshot. */
  protect: boolean;
  archiveRetentionDays: number;
  logRetention: "1 week" | "1 month" | "3 months" | "1 year";
  /** A model key must be set before a deploy succeeds; elsewhere the offline model stands in when it is not. */
  requireModelKey: boolean;
  /**
   * `personaModels`: the models a user's persona may name (comma-separated); default the primary and fallbacks.
   * `imageModel`: paints synthesised personas' portraits (same endpoint and key); unset, the offline SVG painter draws them.
   * `prices`: the operator's token prices as JSON (INNERWORLD_MODEL_PRICES), over the built-in list prices.
   */
  model: { baseUrl?: string; model?: string; fallbackModels?: string; personaModels?: string; imageModel?: string; prices?: string };
  /** Where alarm notifications go; none means the topic exists and nobody is subscribed yet. */
  alarmEmail?: string;
  /** Feedback is asked for at a session's end, and also after this many turns when set (storage's INNERWORLD_FEEDBACK_AFTER_TURNS). */
  feedbackAfterTurns?: number;
}

const DEFAULTS = (stage: string): StageSettings => ({
  graphBackend: "dynamodb",
  nat: "ec2",
  neptuneCapacity: { min: 1, max: 8 },
  identityProviders: [],
  authCallbackUrls: ["http://localhost:5173/auth/callback", "innerworld://auth/callback"],
  authDomainPrefix: `innerworld-${stage}`,
  protect: false,
  archiveRetentionDays: 30,
  logRetention: "1 month",
  requireModelKey: false,
  model: {},
});

/** Checked-in per-stage choices; any stage not named here (personal, PR, ci) gets the defaults. */
export const STAGE_OVERRIDES: Record<string, Partial<StageSettings>> = {
  production: {
    identityProviders: ["google", "apple"],
    nat: "managed",
    protect: true,
    archiveRetentionDays: 365,
    logRetention: "3 months",
    requireModelKey: true,
    model: { model: "gpt-4o-mini" },
  },
  staging: {
    identityProviders: ["google", "apple"],
    archiveRetentionDays: 90,
    requireModelKey: true,
    model: { model: "gpt-4o-mini" },
  },
};

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(value)) throw new InfraPlanError("SETTING", `${name}=${value}: expected one of ${allowed.join(", ")}`);
  return value as T;
};

/**
 * The checked-in stage settings, then deploy-time overrides for experiments (`INNERWORLD_DEPLOY_GRAPH_BACKEND=neptune`).
 * They are prefixed INNERWORLD_DEPLOY_ so that the variables a developer sets for the local cloud (INNERWORLD_MODEL_BASE_URL
 * pointing at a laptop's Ollama) never leak into a deploy. An override must be given to every part's deploy alike;
 * the checked-in table is the place for lasting choices.
 */
export const settingsFor = (stage: string, env: Record<string, string | undefined> = {}): StageSettings => {
  const settings: StageSettings = { ...DEFAULTS(stage), ...STAGE_OVERRIDES[stage] };
  if (env.INNERWORLD_DEPLOY_GRAPH_BACKEND) settings.graphBackend = oneOf("INNERWORLD_DEPLOY_GRAPH_BACKEND", env.INNERWORLD_DEPLOY_GRAPH_BACKEND, ["dynamodb", "neptune"] as const);
  if (env.INNERWORLD_DEPLOY_NAT) settings.nat = oneOf("INNERWORLD_DEPLOY_NAT", env.INNERWORLD_DEPLOY_NAT, ["managed", "ec2"] as const);
  if (env.INNERWORLD_DEPLOY_IDENTITY_PROVIDERS !== undefined) {
    settings.identityProviders = list(env.INNERWORLD_DEPLOY_IDENTITY_PROVIDERS)
      .filter((p) => p !== "none")
      .map((p) => oneOf("INNERWORLD_DEPLOY_IDENTITY_PROVIDERS", p, ["google", "apple"] as const));
  }
  if (env.INNERWORLD_DEPLOY_AUTH_CALLBACK_URLS) settings.authCallbackUrls = list(env.INNERWORLD_DEPLOY_AUTH_CALLBACK_URLS);
  if (env.INNERWORLD_DEPLOY_AUTH_DOMAIN_PREFIX) settings.authDomainPrefix = env.INNERWORLD_DEPLOY_AUTH_DOMAIN_PREFIX;
  if (env.INNERWORLD_DEPLOY_ALARM_EMAIL) settings.alarmEmail = env.INNERWORLD_DEPLOY_ALARM_EMAIL;
  if (env.INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS) {
    const turns = Number(env.INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS);
    if (!Number.isInteger(turns) || turns < 1) throw new InfraPlanError("SETTING", `INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS=${env.INNERWORLD_DEPLOY_FEEDBACK_AFTER_TURNS}: expected a whole number of turns, 1 or more`);
    settings.feedbackAfterTurns = turns;
  }
  const model = { ...settings.model };
  if (env.INNERWORLD_DEPLOY_MODEL_BASE_URL) model.baseUrl = env.INNERWORLD_DEPLOY_MODEL_BASE_URL;
  if (env.INNERWORLD_DEPLOY_MODEL) model.model = env.INNERWORLD_DEPLOY_MODEL;
  if (env.INNERWORLD_DEPLOY_FALLBACK_MODELS) model.fallbackModels = env.INNERWORLD_DEPLOY_FALLBACK_MODELS;
  if (env.INNERWORLD_DEPLOY_PERSONA_MODELS) model.personaModels = env.INNERWORLD_DEPLOY_PERSONA_MODELS;
  if (env.INNERWORLD_DEPLOY_IMAGE_MODEL) model.imageModel = env.INNERWORLD_DEPLOY_IMAGE_MODEL;
  if (env.INNERWORLD_DEPLOY_MODEL_PRICES) model.prices = env.INNERWORLD_DEPLOY_MODEL_PRICES;
  settings.model = model;
  if (settings.neptuneCapacity.min < 1 || settings.neptuneCapacity.max < settings.neptuneCapacity.min) {
    throw new InfraPlanError("SETTING", `neptune capacity ${settings.neptuneCapacity.min}..${settings.neptuneCapacity.max} is not a range Neptune serverless accepts`);
  }
  return settings;
};
