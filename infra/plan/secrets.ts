// Which SST secrets each part declares. Secrets are per app and stage in SST, so each part holds the ones it uses.
import type { CorePlan, GatewayPlan, SecretPlan, ServicePlan } from "./types";
import { LINK_NAMES } from "./links";
import type { StageSettings } from "./settings";

export const planSecrets = (core: CorePlan, gateway: GatewayPlan, services: ServicePlan[], settings: StageSettings): SecretPlan[] => [
  ...core.auth.providers.flatMap(({ provider, secrets }) =>
    secrets.map((logicalName) => ({ logicalName, part: "core" as const, required: true, purpose: `${provider} sign-in for the user pool` })),
  ),
  // Required on every stage: without it the survey API would have to hash friends' addresses with nothing secret.
  ...(gateway.surveyApi.function.links.includes("surveySourceSecret")
    ? [{ logicalName: LINK_NAMES.surveySourceSecret, part: "gateway" as const, required: true, purpose: "the key of the survey API's HMACs of a friend's network and browser (32 characters or more, e.g. `openssl rand -hex 32`)" }]
    : []),
  ...services.flatMap((service): SecretPlan[] => [
    ...(service.function.links.includes("modelApiKey")
      ? [{ logicalName: LINK_NAMES.modelApiKey, part: service.part, required: settings.requireModelKey, purpose: "API key of the OpenAI-compatible model endpoint" }]
      : []),
    ...(service.function.links.includes("moderationApiKey")
      ? [{ logicalName: LINK_NAMES.moderationApiKey, part: service.part, required: false, purpose: "OpenAI moderation API key (the lexicon screens without it)" }]
      : []),
  ]),
];
