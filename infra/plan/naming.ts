// Physical and logical names for one stage: deterministic, so a service app finds the shared core by name alone.
import type { ServiceName } from "../../packages/events/src/envelope";
import { BUS_NAME } from "../../packages/events/src/topology";
import { InfraPlanError } from "./errors";

/** Lowercase, short enough for the tightest AWS name limits we derive from it (archive names: 48 characters). */
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,23}$/;

export const assertStageName = (stage: string): string => {
  if (!STAGE_PATTERN.test(stage)) {
    throw new InfraPlanError("STAGE_NAME", `stage "${stage}" must match ${STAGE_PATTERN}: it becomes part of queue, table and cluster names`);
  }
  return stage;
};

/** `graph-extraction` → `GraphExtraction`: SST component names, and so the keys of `Resource` in a Lambda. */
export const pascalCase = (name: string): string =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");

/**
 * The topology's names (`innerworld-safety`) carry no stage; on AWS every stage gets its own copy, so the stage goes
 * after the app prefix: `innerworld-prod-safety`. The local cloud's tables follow the same rule (`innerworld-local-…`).
 */
export const withStage = (topologyName: string, stage: string): string => {
  if (!topologyName.startsWith(BUS_NAME)) throw new InfraPlanError("NAME", `${topologyName} does not start with ${BUS_NAME}`);
  return `${BUS_NAME}-${stage}${topologyName.slice(BUS_NAME.length)}`;
};

export const busNameFor = (stage: string) => withStage(BUS_NAME, stage);
export const archiveNameFor = (stage: string) => `${busNameFor(stage)}-archive`;
export const tablePrefixFor = (stage: string) => busNameFor(stage);
export const alarmTopicNameFor = (stage: string) => `${busNameFor(stage)}-alarms`;
export const functionNameFor = (stage: string, service: ServiceName, entry?: string) =>
  `${busNameFor(stage)}-${service}${entry ? `-${entry}` : ""}`;

/** SSM parameters are how one SST app hands another a value AWS gives no stable name to (ids, endpoints). */
export const parameterNameFor = (stage: string, key: string) => `/${BUS_NAME}/${stage}/${key}`;
