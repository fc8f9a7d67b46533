// Shapes shared by the emulator's parts: the events it routes and the resources it persists.
import type { BusEvent } from "@innerworld/events";

/** An event as EventBridge hands it to targets (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html). */
export interface AwsEvent extends BusEvent<Record<string, unknown>> {
  version: "0";
}

export type RuleState = "ENABLED" | "DISABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

export type ReplayState = "STARTING" | "RUNNING" | "CANCELLING" | "COMPLETED" | "CANCELLED" | "FAILED";

/** Times are epoch milliseconds on disk and in memory; the wire uses epoch seconds. */
export interface EventBusRecord {
  name: string;
  description?: string;
  creationTime: number;
  lastModifiedTime: number;
}

/** A target kept in AWS's own shape, because ListTargetsByRule returns it verbatim. */
export interface TargetRecord {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  SqsParameters?: { MessageGroupId?: string };
  DeadLetterConfig?: { Arn?: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
}

export interface RuleRecord {
  name: string;
  eventBusName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  targets: TargetRecord[];
}

export interface ArchiveRecord {
  name: string;
  eventSourceArn: string;
  description?: string;
  eventPattern?: string;
  /** 0 keeps events forever, as on AWS. */
  retentionDays: number;
  creationTime: number;
}

export interface ReplayRecord {
  name: string;
  description?: string;
  eventSourceArn: string;
  destination: { Arn: string; FilterArns?: string[] };
  eventStartTime: number;
  eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  replayStartTime: number;
  replayEndTime?: number;
  eventLastReplayedTime?: number;
}

/** Where the emulator writes its lines; tests pass a silent one. */
export type EmulatorLogger = (line: string) => void;
