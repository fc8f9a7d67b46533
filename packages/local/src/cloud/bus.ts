// Applies the topology to an EventBridge endpoint: the bus, one rule and SQS target per consuming service, the archive.
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-eventbridge";
import { BUS_NAME, consumingServices, eventPatternOf, ruleNameOf, type ServiceName } from "@innerworld/events";
import type { ServiceQueues } from "@innerworld/emulators/sqs";

export const ARCHIVE_NAME = `${BUS_NAME}-archive`;

const ignoreExisting = (error: unknown) => {
  if (!(error instanceof ResourceAlreadyExistsException)) throw error;
};

export const applyTopology = async (
  client: EventBridgeClient,
  queues: Map<ServiceName, ServiceQueues>,
): Promise<{ busArn: string; ruleArns: Map<ServiceName, string> }> => {
  const bus = await client.send(new CreateEventBusCommand({ Name: BUS_NAME })).catch((error: unknown) => {
    ignoreExisting(error);
    return undefined;
  });
  const region = await client.config.region();
  const busArn = bus?.EventBusArn ?? `arn:aws:events:${region}:000000000000:event-bus/${BUS_NAME}`;
  const ruleArns = new Map<ServiceName, string>();
  for (const topology of consumingServices()) {
    const target = queues.get(topology.service);
    if (!target) throw new Error(`no queue for ${topology.service}`);
    // PutRule and PutTargets are upserts, so a restart re-applies a changed topology.
    const rule = await client.send(
      new PutRuleCommand({
        Name: ruleNameOf(topology.service),
        EventBusName: BUS_NAME,
        EventPattern: JSON.stringify(eventPatternOf(topology)),
        State: "ENABLED",
        Description: `Delivers what ${topology.service} consumes to its queue`,
      }),
    );
    await client.send(
      new PutTargetsCommand({
        Rule: ruleNameOf(topology.service),
        EventBusName: BUS_NAME,
        Targets: [{ Id: `${topology.service}-queue`, Arn: target.queueArn }],
      }),
    );
    ruleArns.set(topology.service, rule.RuleArn ?? "");
  }
  await client.send(new CreateArchiveCommand({ ArchiveName: ARCHIVE_NAME, EventSourceArn: busArn, RetentionDays: 0 })).catch(ignoreExisting);
  return { busArn, ruleArns };
};
