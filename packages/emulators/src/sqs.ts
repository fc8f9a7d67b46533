// Local SQS: fauxqs in memory, with a queue and a dead-letter queue per consuming service from the topology.
import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { consumingServices, deadLetterQueueNameOf, queueNameOf, type ServiceName } from "@innerworld/events";
import { buildApp } from "fauxqs";
import { isLoopbackHost, LOCAL_KEY_PAIRS, LOOPBACK, localCredentials, MISDIRECTED } from "./net";
import { QUERY_SERVICE_ERRORS, sha256Hex, verifySignature, type SignaturePolicy, type SignatureProblem } from "./sigv4";
import { importFauxqsModule, loadSqsStoreClass, openSqsJournal, type FauxqsQueue, type FauxqsSqsStore } from "./sqsJournal";

export interface ServiceQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

/** What a sender in the same process gives SendMessage: the fields of the API call, checked by fauxqs as over HTTP. */
export interface InProcessSendMessage {
  QueueUrl: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * The local SQS for a sender in its own process (the EventBridge emulator's deliveries): the same SendMessage action
 * fauxqs runs for an HTTP request (validation, delay, journal, waking a long poll), with no SDK call or socket between.
 */
export interface InProcessSqs {
  /** The URL of the queue of that name, as GetQueueUrl would answer; undefined when there is none. */
  queueUrlOf(queueName: string): string | undefined;
  /** Throws fauxqs's error (its `code` as the HTTP answer's `__type`) when SQS would refuse the message. */
  sendMessage(input: InProcessSendMessage): { MessageId: string };
}

export interface LocalSqs {
  endpoint: string;
  inProcess: InProcessSqs;
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
  behaveLikeSqs(store);
  // buildApp rather than startFauxqs: the latter listens on every interface, and the local cloud stays on loopback.
  // fauxqs builds its SNS and S3 stores itself when only the SQS store is given.
  const app = buildApp({ logger: false, defaultRegion: options.region, stores: { sqsStore: store } as unknown as NonNullable<Parameters<typeof buildApp>[0]>["stores"] });
  app.addHook("preSerialization", async (request: { headers: Record<string, unknown>; body: unknown; raw: { socket: Socket } }, _reply: unknown, payload: unknown) => {
    if (request.headers["x-amz-target"] === "AmazonSQS.ReceiveMessage") returnUnheard(store, request.body, payload, request.raw.socket);
    return payload;
  });
  requireSignatures(app);
  // A DNS-rebinding page would name its own domain as Host (net.ts: isLoopbackHost).
  app.addHook("onRequest", async (request: { headers: Record<string, string | undefined> }, reply: { code: (status: number) => { send: (body: string) => unknown } }) => {
    if (!isLoopbackHost(request.headers.host)) return reply.code(421).send(MISDIRECTED);
    return undefined;
  });
  const address = await app.listen({ port: options.port, host: LOOPBACK });
  const { sendMessage } = await importFauxqsModule<{ sendMessage: (body: InProcessSendMessage, store: FauxqsSqsStore) => { MessageId: string } }>(
    "actions/sendMessage.js",
    "SendMessage action",
  );
  return {
    endpoint: address,
    inProcess: {
      queueUrlOf: (queueName) => store.getQueueByName(queueName)?.url,
      sendMessage: (input) => sendMessage(input, store),
    },
    restore: () => journal?.restore() ?? { restored: 0, dropped: 0 },
    close: async () => {
      await app.close();
      journal?.close();
    },
  };
};

const SIGNATURE_POLICY: SignaturePolicy = { service: "sqs", credentials: LOCAL_KEY_PAIRS };

/** fauxqs's own pages, which SQS has no counterpart of and which are read unsigned: its health and queue inspection. */
const isFauxqsPage = (url: string): boolean => url === "/health" || url.startsWith("/health?") || url.startsWith("/_fauxqs/");

interface SignedHookRequest {
  raw: { method?: string; url?: string; rawHeaders: string[] };
  headers: Record<string, string | string[] | undefined>;
}

interface RefusingReply {
  code(statusCode: number): RefusingReply;
  header(name: string, value: string): RefusingReply;
  send(body: string): unknown;
}

/**
 * SQS's answer to a request whose signature does not pass: 403 InvalidClientTokenId or SignatureDoesNotMatch (400
 * IncompleteSignature), in the protocol it was asked in. On the JSON protocol the SDKs and the CLI read the code from
 * x-amzn-query-error, as SQS sends it for the query protocol's clients.
 */
const refuseSignature = (request: SignedHookRequest, reply: RefusingReply, problem: SignatureProblem, message: string): void => {
  const { code, statusCode } = QUERY_SERVICE_ERRORS[problem];
  const requestId = randomUUID();
  reply.code(statusCode).header("x-amzn-RequestId", requestId);
  if (String(request.headers["content-type"] ?? "").includes("application/x-amz-json")) {
    reply
      .header("content-type", "application/x-amz-json-1.0")
      .header("x-amzn-query-error", `${code};Sender`)
      .send(JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message }));
    return;
  }
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  reply
    .header("content-type", "text/xml")
    .send(`<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escaped}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
};

/**
 * Every request to an SQS action is checked for its SigV4 signature before fauxqs reads it (sigv4.ts): the body is
 * read here, hashed, and handed on to fauxqs's parsers as it came.
 */
const requireSignatures = (app: ReturnType<typeof buildApp>): void => {
  app.addHook("preParsing", async (request: SignedHookRequest, reply: RefusingReply, payload: AsyncIterable<Buffer | string>) => {
    const url = request.raw.url ?? "/";
    if (isFauxqsPage(url)) return payload;
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    const body = Buffer.concat(chunks);
    const verdict = verifySignature({ method: request.raw.method ?? "", url, rawHeaders: request.raw.rawHeaders, bodySha256: sha256Hex(body) }, SIGNATURE_POLICY);
    if (!verdict.ok) {
      refuseSignature(request, reply, verdict.problem, verdict.message);
      return undefined;
    }
    // fastify holds the body to its size limit by this count, as it would have counted the original stream.
    return Object.assign(Readable.from([body]), { receivedEncodedLength: body.length });
  });
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

/**
 * fauxqs wakes every long poll waiting on a queue when one message arrives: the first takes it and the others answer
 * empty at once, long before their wait is over, and their pollers ask again. SQS proper answers a long poll empty only
 * when its wait runs out, so each message costs one receive, not one per waiting poller (with two pollers per service,
 * about half of a turn's receives were such empty answers). Here a standard queue wakes one poll at a time while it has
 * messages ready: the next once the woken one has taken its batch, if some are left.
 */
const wakeOnePollPerMessage = (queue: FauxqsQueue): void => {
  // fauxqs's dequeue first moves due messages to the ready list and notifies: that poll is the one taking them.
  let dequeuing = false;
  const wakeOne = () => {
    if (dequeuing || queue.messages.length === 0) return;
    const waiter = queue.pollWaiters.shift();
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiter.resolve();
  };
  const dequeue = queue.dequeue.bind(queue);
  queue.notifyWaiters = wakeOne;
  queue.dequeue = (...dequeueArgs: unknown[]) => {
    dequeuing = true;
    let received: unknown[];
    try {
      received = dequeue(...dequeueArgs);
    } finally {
      dequeuing = false;
    }
    // What the last poll left (more than its batch, or a send meanwhile) goes to the next one waiting.
    wakeOne();
    return received;
  };
};

/** The part of a standard queue's state fauxqs's timers look at, beside what the journal uses. */
interface TimedQueue {
  delayedMessages: { delayUntil?: number }[];
  processTimers(): void;
  startPollTimerIfNeeded(): void;
  stopPollTimerIfEmpty(): void;
  cancelWaiters(): void;
}

/**
 * fauxqs checks each queue every 20 ms for as long as a long poll waits on it (with Lambda-like pollers, always) to
 * see whether a delay or a visibility timeout has run out. Here a standard queue sets one timer for the earliest such
 * moment instead, and none while nothing is delayed or in flight: the same messages become ready at the same time
 * (fauxqs's own `processTimers` moves them and wakes a poll), without a tick per queue fifty times a second. It does so
 * whether or not a poll waits: on a queue nobody polls (a dead-letter queue, an operator's), a message whose
 * visibility timeout ran out must count as visible again and its old receipt handle no longer change its visibility,
 * as on SQS, not stay in flight until the next receive.
 */
const wakeWhenDue = (queue: FauxqsQueue): void => {
  const timed = queue as unknown as FauxqsQueue & TimedQueue;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerDue = Infinity;
  };
  const nextDue = () => {
    let due = Infinity;
    for (const message of timed.delayedMessages) if (message.delayUntil !== undefined && message.delayUntil < due) due = message.delayUntil;
    for (const entry of timed.inflightMessages.values()) if (entry.visibilityDeadline !== undefined && entry.visibilityDeadline < due) due = entry.visibilityDeadline;
    return due;
  };
  const arm = () => {
    const due = nextDue();
    if (due === Infinity) return disarm();
    if (timer && timerDue <= due) return;
    disarm();
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      timerDue = Infinity;
      timed.processTimers();
      arm();
    }, Math.max(1, due - Date.now()));
    // Bookkeeping only: it never keeps a process alive that would otherwise end.
    timer.unref();
  };
  timed.startPollTimerIfNeeded = arm;
  // The timer serves the queue's deadlines, not its polls: the last poll ending leaves it as it is.
  timed.stopPollTimerIfEmpty = () => undefined;
  const cancelWaiters = timed.cancelWaiters.bind(timed);
  timed.cancelWaiters = () => {
    cancelWaiters();
    disarm();
  };
  // A delayed send, a receive (its messages now in flight) and a changed visibility each add or move a deadline.
  const enqueue = timed.enqueue.bind(timed);
  timed.enqueue = (message) => {
    enqueue(message);
    arm();
  };
  const dequeue = timed.dequeue.bind(timed);
  timed.dequeue = (...dequeueArgs: unknown[]) => {
    const received = dequeue(...dequeueArgs);
    arm();
    return received;
  };
  const changeVisibility = timed.changeVisibility.bind(timed);
  timed.changeVisibility = (receiptHandle, timeoutSeconds) => {
    changeVisibility(receiptHandle, timeoutSeconds);
    arm();
  };
};

/**
 * Makes every standard queue the store creates wake its long polls as SQS would: one poll per message, and when a
 * delay or visibility timeout runs out (FIFO queues are left as fauxqs has them).
 */
export const behaveLikeSqs = (store: FauxqsSqsStore): void => {
  const createQueue = store.createQueue.bind(store);
  store.createQueue = (...args: unknown[]) => {
    const queue = createQueue(...args);
    if (queue.isFifo()) return queue;
    wakeOnePollPerMessage(queue);
    wakeWhenDue(queue);
    return queue;
  };
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
