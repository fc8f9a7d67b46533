// The survey HTTP API's Lambda entry, apart from the chat routes so neither bundles the other's dependencies.
import { createServiceRuntime, runtimeConfigFromResource, type ServiceRuntime } from "@innerworld/platform/runtime";
import { authConfigFromEnv } from "./auth";
import { createSurveyRoutes } from "./surveyRoutes";

let runtime: ServiceRuntime | undefined;

export const surveyApi = createSurveyRoutes(() => (runtime ??= createServiceRuntime("gateway", runtimeConfigFromResource("gateway"))), authConfigFromEnv(process.env), {
  ...(process.env.INNERWORLD_SHARE_BASE_URL ? { shareBaseUrl: process.env.INNERWORLD_SHARE_BASE_URL } : {}),
  sourceSecret: () => process.env.INNERWORLD_SURVEY_SOURCE_SECRET,
});
