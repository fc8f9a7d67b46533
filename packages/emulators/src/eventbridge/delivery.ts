// Sends matched events to SQS targets: resolves queue URLs once, retries failed sends with backoff, and tracks sends in flight for close().
import { setTimeout as sleep } from "node:timers/promises";
import { channel } from "node:diagnostics_channel";
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { localCredentials } from "../net";
import type { InProcessSqs } from "../sqs.js";
import { parseSqsQueueArn } from "./arns.js";
import { applyInputPath } from "./inputPath.js";
import type { AwsEvent, EmulatorLogger, TargetRecord } from "./types.js";

/**
 * Each in-process SendMessage is announced here ({ sqsEndpoint }): it is the SendMessage AWS bills per delivery, and
 * with no request on the SQS port a meter of the local cloud's calls hears of it only this way.
 */
export const IN_PROCESS_SEND_CHANNEL = "innerworld.emulators.sqs.send";
const inProcessSends = channel(IN_PROCESS_SEND_CHANNEL);

export interface DeliveryOptions {
  sqsEndpoint: string;
  /**
   * When the target queues' SQS runs in this process (the local cloud's fauxqs), deliveries go straight to it, as
   * SendMessage calls without the SDK and socket; sqsEndpoint is used otherwise.
   */
  inProcessSqs?: InProcessSqs;
  log: EmulatorLogger;
  /** Attempts per send, first one included. AWS keeps trying for 24 h; locally a stuck queue must not hold close() for long. */
  maxAttempts?: number;
  baseDelayMs?: number;
}

export class TargetDelivery {
  private readonly clients = new Map<string, SQSClient>();
  private readonly queueUrls = new Map<string, Promise<string>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(private readonly options: DeliveryOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 50;
  }

  /**
   * Sends one event to one target. Never rejects: a send that still fails after the retries is
   * logged and dropped, as AWS drops it after its retry policy when no DLQ is set.
   */
  deliver(target: TargetRecord, event: AwsEvent, ruleArn: string): Promise<void> {
    return this.start(target, event, ruleArn).settled;
  }

  /**
   * Like deliver, and also tells when the first attempt is over: PutEvents answers then, so an event acknowledged
   * while its queue is up is already in the queue (and the queue's journal).
   */
  deliverAcknowledged(target: TargetRecord, event: AwsEvent, ruleArn: string): Promise<void> {
    return this.start(target, event, ruleArn).firstAttempt;
  }

  private start(target: TargetRecord, event: AwsEvent, ruleArn: string): { settled: Promise<void>; firstAttempt: Promise<void> } {
    let firstAttemptOver: () => void = () => undefined;
    const firstAttempt = new Promise<void>((resolve) => (firstAttemptOver = resolve));
    const sending = this.sendWithRetries(target, event, ruleArn, firstAttemptOver).finally(firstAttemptOver);
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
    return { settled: sending, firstAttempt };
  }

  /** Resolves when every send started so far, retries included, has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.queueUrls.clear();
  }

  private async sendWithRetries(target: TargetRecord, event: AwsEvent, ruleArn: string, firstAttemptOver: () => void = () => undefined): Promise<void> {
    const queue = parseSqsQueueArn(target.Arn);
    if (!queue) {
      this.options.log(`[eventbridge] rule ${ruleArn} target ${target.Id}: ${target.Arn} is not an SQS queue ARN; event ${event.id} dropped`);
      return;
    }
    const raw = messageBody(target, event);
    if (raw === undefined) return; // InputPath selected nothing: AWS sends nothing either.
    const body = escapeForSqs(raw);
    const isFifo = queue.queueName.endsWith(".fifo");
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      try {
        const fifo = isFifo
          ? {
              ...(target.SqsParameters?.MessageGroupId !== undefined ? { MessageGroupId: target.SqsParameters.MessageGroupId } : {}),
              // The event id keeps retries of one send from duplicating, with or without content-based dedup on the queue.
              MessageDeduplicationId: event["replay-name"] ? `${event.id}-${event["replay-name"]}`.slice(0, 128) : event.id,
            }
          : {};
        const inProcess = this.options.inProcessSqs;
        if (inProcess) {
          const queueUrl = inProcess.queueUrlOf(queue.queueName);
          if (!queueUrl) throw new Error(`queue ${queue.queueName} does not exist`);
          inProcess.sendMessage({ QueueUrl: queueUrl, MessageBody: body, ...fifo });
          if (inProcessSends.hasSubscribers) inProcessSends.publish({ sqsEndpoint: this.options.sqsEndpoint });
          return;
        }
        const client = this.clientFor(queue.region);
        const queueUrl = await this.queueUrlOf(target.Arn, client, queue.queueName, queue.accountId);
        await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, ...fifo }));
        return;
      } catch (error) {
        lastError = error;
        firstAttemptOver();
        // The queue may have been deleted and created again: resolve its URL afresh next time.
        this.queueUrls.delete(target.Arn);
        if (attempt < this.maxAttempts) await sleep(this.baseDelayMs * 2 ** (attempt - 1));
      }
    }
    const reason = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    this.options.log(
      `[eventbridge] giving up on event ${event.id} for rule ${ruleArn} target ${target.Id} (${target.Arn}) after ${this.maxAttempts} attempts: ${reason}`,
    );
  }

  private clientFor(region: string): SQSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new SQSClient({
        region,
        endpoint: this.options.sqsEndpoint,
        // fauxqs queue URLs name a host that does not resolve; the explicit endpoint must win.
        useQueueUrlAsEndpoint: false,
        credentials: localCredentials,
        // Retries are ours (above), so the SDK's own must not multiply them.
        maxAttempts: 1,
      });
      this.clients.set(region, client);
    }
    return client;
  }

  private queueUrlOf(arn: string, client: SQSClient, queueName: string, accountId: string): Promise<string> {
    let url = this.queueUrls.get(arn);
    if (!url) {
      url = client.send(new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: accountId })).then((output) => {
        if (!output.QueueUrl) throw new Error(`GetQueueUrl returned no URL for ${arn}`);
        return output.QueueUrl;
      });
      // A failed lookup must not stay cached.
      const pending = url;
      pending.catch(() => {
        if (this.queueUrls.get(arn) === pending) this.queueUrls.delete(arn);
      });
      this.queueUrls.set(arn, url);
    }
    return url;
  }
}

/** The message body AWS would send: the `Input` constant, the `InputPath` selection, or the whole event. */
export const messageBody = (target: TargetRecord, event: AwsEvent): string | undefined => {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const selected = applyInputPath(target.InputPath, event);
    return selected === undefined ? undefined : JSON.stringify(selected);
  }
  return JSON.stringify(event);
};

/**
 * Characters SQS refuses in a body (it takes tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF): other
 * control characters, U+FFFE, U+FFFF and lone surrogates. Inside an event's JSON they can only stand in strings,
 * where a \uXXXX escape reads the same to every parser.
 */
const SQS_REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * The body as SQS will take it, the same JSON to any reader. Emoji and the rest above U+FFFF stay as they are, as
 * EventBridge sends them (the fauxqs this project installs is patched to take them, as SQS does: patches/).
 */
export const escapeForSqs = (body: string): string => body.replace(SQS_REFUSED, unicodeEscape);
