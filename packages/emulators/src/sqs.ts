// Local SQS: fauxqs in memory, with a queue and a dead-letter queue per consuming service from the topology.
import type { Socket } from "node:net";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { consumingServices, deadLetterQueueNameOf, queueNameOf, type ServiceName } from "@innerworld/events";
import { buildApp } from "fauxqs";
import { LOOPBACK, localCredentials } from "./net";
import { loadSqsStoreClass, openSqsJournal, type FauxqsSqsStore } from "./sqsJournal";

export interface ServiceQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

export interface LocalSqs {
  endpoint: string;
  /** Puts back the messages the journal kept from before a restart; call once the queues exist. */
  restore(): { restored: number; dropped: number };
  close(): Promise<void>;
}

/**
 * fauxqs 1.9 keeps queues in memory only. With a `dataDir`, every enqueue and delete is journaled there first, so a
 * crash of the process loses nothing that was acknowledged: `restore()` puts it back after the restart.
 */
export const startSqs = async (options: { port: number; region: string; dataDir?: string }): Promise<LocalSqs> => {
  const journal = options.dataDir ? await openSqsJournal(options.dataDir) : undefined;
  const store = journal?.store ?? new (await loadSqsStoreClass())();
  // buildApp rather than startFauxqs: the latter listens on every interface, and the local cloud stays on loopback.
  // fauxqs builds its SNS and S3 stores itself when only the SQS store is given.
  const app = buildApp({ logger: false, defaultRegion: options.region, stores: { sqsStore: store } as unknown as NonNullable<Parameters<typeof buildApp>[0]>["stores"] });
  app.addHook("preSerialization", async (request: { headers: Record<string, unknown>; body: unknown; raw: { socket: Socket } }, _reply: unknown, payload: unknown) => {
    if (request.headers["x-amz-target"] === "AmazonSQS.ReceiveMessage") returnUnheard(store, request.body, payload, request.raw.socket);
    return payload;
  });
  const address = await app.listen({ port: options.port, host: LOOPBACK });
  return {
    endpoint: address,
    restore: () => journal?.restore() ?? { restored: 0, dropped: 0 },
    close: async () => {
      await app.close();
      journal?.close();
    },
  };
};

/**
 * fauxqs answers a long poll whose caller has gone (a service killed mid-poll) like any other: the messages it hands
 * that closed socket would then stay invisible for the whole visibility timeout (a minute for the notifier, six for
 * generation) although nobody ever saw them. SQS proper keeps no such ghost, since Lambda's pollers are its own; here
 * they go straight back on the queue, their receive uncounted, for a live poller.
 */
const returnUnheard = (store: FauxqsSqsStore, body: unknown, payload: unknown, socket: Socket) => {
  if (!socket.destroyed && socket.readable) return;
  const queueUrl = (body as { QueueUrl?: unknown } | undefined)?.QueueUrl;
  const messages = (payload as { Messages?: { ReceiptHandle?: string }[] } | undefined)?.Messages ?? [];
  const queue = typeof queueUrl === "string" ? store.getQueue(queueUrl) : undefined;
  if (!queue) return;
  for (const { ReceiptHandle: handle } of messages) {
    const held = handle ? queue.inflightMessages.get(handle) : undefined;
    if (!handle || !held) continue;
    held.message.approximateReceiveCount = Math.max(0, held.message.approximateReceiveCount - 1);
    queue.changeVisibility(handle, 0);
  }
};

export const sqsClientFor = (endpoint: string, region: string): SQSClient =>
  // fauxqs hands out queue URLs on a host that does not resolve; the explicit endpoint wins over them.
  new SQSClient({ endpoint, region, credentials: localCredentials, useQueueUrlAsEndpoint: false });

const arnOf = async (client: SQSClient, queueUrl: string): Promise<string> => {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  const arn = attributes.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${queueUrl} has no ARN`);
  return arn;
};

/**
 * CreateQueue is idempotent for identical attributes, so this is safe on every start. `deliveryDelays` replaces a
 * service's delivery delay from the topology, so tests can make the turn watchdog come due in a second or two.
 */
export const ensureServiceQueues = async (client: SQSClient, options: { deliveryDelays?: Partial<Record<ServiceName, number>> } = {}): Promise<Map<ServiceName, ServiceQueues>> => {
  const queues = new Map<ServiceName, ServiceQueues>();
  for (const topology of consumingServices()) {
    const dlq = await client.send(
      new CreateQueueCommand({ QueueName: deadLetterQueueNameOf(topology.service), Attributes: { MessageRetentionPeriod: "1209600" } }),
    );
    const deadLetterQueueUrl = dlq.QueueUrl ?? "";
    const deadLetterQueueArn = await arnOf(client, deadLetterQueueUrl);
    const main = await client.send(
      new CreateQueueCommand({
        QueueName: queueNameOf(topology.service),
        Attributes: {
          VisibilityTimeout: String(topology.queue.visibilityTimeoutSeconds),
          DelaySeconds: String(options.deliveryDelays?.[topology.service] ?? topology.queue.deliveryDelaySeconds ?? 0),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount: topology.queue.maxReceiveCount }),
        },
      }),
    );
    const queueUrl = main.QueueUrl ?? "";
    queues.set(topology.service, { queueUrl, queueArn: await arnOf(client, queueUrl), deadLetterQueueUrl, deadLetterQueueArn });
  }
  return queues;
};
