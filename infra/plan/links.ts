// The names functions find their links under. Bound to packages/platform's LINK_NAMES by type only: SST bundles this
// config with the AWS SDK left external, so infra must not import the runtime package (it reaches the SDK) at run time.
import type { LINK_NAMES as RUNTIME_LINK_NAMES } from "../../packages/platform/src/runtime/sstResource";
import type { ServiceName } from "../../packages/events/src/envelope";
import { pascalCase } from "./naming";

/** A rename in packages/platform that is not made here too fails the infra type-check. */
export const LINK_NAMES: typeof RUNTIME_LINK_NAMES = {
  bus: "Bus",
  tables: "Tables",
  connections: "Connections",
  userPool: "UserPool",
  graph: "Graph",
  modelApiKey: "ModelApiKey",
  moderationApiKey: "ModerationApiKey",
  portraits: "Portraits",
  surveySourceSecret: "SurveySourceSecret",
};

/** Must equal `deadLetterQueueLinkName` in packages/platform; infra/sstResource.test.ts checks it for every service. */
export const deadLetterQueueLinkName = (service: ServiceName) => `${pascalCase(service)}DeadLetterQueue`;
