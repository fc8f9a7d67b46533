// Which SST secrets each part declares. Secrets are per app and stage in SST, so each part holds the ones it uses.
import type { ServicePlan, SecretPlan, CorePlan } from "./types";
import { LINK_NAMES } from "./links";
import type { StageSettings } from "./settings";

export const planSecrets = (core: CorePlan, services: ServicePlan[], settings: StageSettings): SecretPlan[] => [
  ...core.auth.providers.flatMap(({ provider, secrets }) =>
    secrets.map((logicalName) => ({ logicalName, part: "core" as const, required: true, purpose: `${provider} sign-in for the user pool` })),
  ),
  ...services.flatMap((service): SecretPlan[] => [
    ...(service.function.links.includes("modelApiKey")
      ? [{ logicalName: LINK_NAMES.modelApiKey, part: service.part, required: settings.requireModelKey, purpose: "API key of the OpenAI-compatible model endpoint" }]
      : []),
    ...(service.function.links.includes("moderationApiKey")
      ? [{ logicalName: LINK_NAMES.moderationApiKey, part: service.part, required: false, purpose: "OpenAI moderation API key (the lexicon screens without it)" }]
      : []),
  ]),
];
