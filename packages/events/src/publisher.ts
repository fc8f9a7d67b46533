// The Publisher port, and its EventBridge adapter: envelopes sent within EventBridge's limits (10 entries and 256 KB a call), failed entries retried.
import { createHash, randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { EVENT_CATALOG, type EventData, type EventType } from "./catalog";
import { sourceOf, type EventMetadata, type ServiceName } from "./envelope";
import { EventContractError } from "./errors";
import { topologyOf } from "./topology";
import { validateEnvelope, type TypedEnvelope } from "./validate";

export const MAX_ENTRIES_PER_PUT = 10;
export const MAX_PUT_BYTES = 256 * 1024;

export interface PublishRequest<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
  correlationId: string;
  causationId?: string;
  userId: string;
  sessionId?: string;
  /**
   * Makes the eventId a function of this key, so a step that runs twice for the same input (at-least-once
   * delivery) publishes the same eventId twice, and consumers deduplicating on eventId see one event.
   */
  deduplicationKey?: string;
}

/** What a service publishes through: EventBridge in Lambda and the local cloud, a RecordingPublisher in unit tests. */
export interface Publisher {
  /** Validates and publishes the events, all or none; returns their envelopes. */
  publish(...requests: PublishRequest[]): Promise<TypedEnvelope<EventType>[]>;
}

/** A UUID (v8 layout) derived from a key: the same producer, type and key always give the same id. */
export const deterministicEventId = (producer: string, type: string, key: string): string => {
  const hex = createHash("sha256").update(`${producer}\u0000${type}\u0000${key}`).digest("hex");
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export interface EventPublisherOptions {
  client: EventBridgeClient;
  busName: string;
  producer: ServiceName;
  /** Attempts for entries EventBridge reports as failed (HTTP 200 with FailedEntryCount). */
  maxAttempts?: number;
  baseDelayMs?: number;
  now?: () => Date;
}

/** Entry size as EventBridge counts it against the 256 KB limit. */
export const entrySize = (entry: PutEventsRequestEntry): number => {
  let size = entry.Time ? 14 : 0;
  for (const part of [entry.Source, entry.DetailType, entry.Detail]) size += part ? Buffer.byteLength(part, "utf8") : 0;
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, "utf8");
  return size;
};

/**
 * Builds and validates the envelope `producer` publishes for a request: refused when the topology does not let the
 * producer publish the type, with a deterministic eventId when the request names a deduplication key.
 */
export const envelopeOf = <T extends EventType>(producer: ServiceName, request: PublishRequest<T>, occurredAt: Date): TypedEnvelope<T> => {
  if (!topologyOf(producer).publishes.includes(request.type)) {
    throw new EventContractError("PUBLISHER_NOT_ALLOWED", `${producer} may not publish ${request.type}`, false);
  }
  const metadata: EventMetadata = {
    eventId: request.deduplicationKey ? deterministicEventId(producer, request.type, request.deduplicationKey) : randomUUID(),
    version: EVENT_CATALOG[request.type].version,
    occurredAt: occurredAt.toISOString(),
    correlationId: request.correlationId,
    userId: request.userId,
    producer,
    ...(request.causationId ? { causationId: request.causationId } : {}),
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
  };
  return validateEnvelope(request.type, { metadata, data: request.data }) as TypedEnvelope<T>;
};

export class EventPublisher implements Publisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: EventPublisherOptions) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 25;
    this.now = options.now ?? (() => new Date());
  }

  /** Builds and validates an envelope without sending it. */
  envelope<T extends EventType>(request: PublishRequest<T>): TypedEnvelope<T> {
    return envelopeOf(this.options.producer, request, this.now());
  }

  async publish(...requests: PublishRequest[]): Promise<TypedEnvelope<EventType>[]> {
    const envelopes = requests.map((r) => this.envelope(r));
    await this.send(envelopes);
    return envelopes;
  }

  /** Sends already-built envelopes (e.g. ones kept in an outbox) in size-bounded batches. */
  async send(envelopes: readonly TypedEnvelope<EventType>[]): Promise<void> {
    const entries = envelopes.map((e) => this.toEntry(e));
    for (const batch of chunkEntries(entries)) await this.putWithRetries(batch);
  }

  private toEntry(envelope: TypedEnvelope<EventType>): PutEventsRequestEntry {
    const entry: PutEventsRequestEntry = {
      EventBusName: this.options.busName,
      Source: sourceOf(this.options.producer),
      DetailType: envelope.type,
      Detail: JSON.stringify({ metadata: envelope.metadata, data: envelope.data }),
      Time: new Date(envelope.metadata.occurredAt),
    };
    const size = entrySize(entry);
    if (size > MAX_PUT_BYTES) {
      throw new EventContractError("EVENT_TOO_LARGE", `${envelope.type} is ${size} bytes; EventBridge takes at most ${MAX_PUT_BYTES}`, false);
    }
    return entry;
  }

  private async putWithRetries(entries: PutEventsRequestEntry[]): Promise<void> {
    let pending = entries;
    let lastErrors: string[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const response = await this.options.client.send(new PutEventsCommand({ Entries: pending }));
      if (!response.FailedEntryCount) return;
      const results = response.Entries ?? [];
      // Entries come back in request order; only the ones with an ErrorCode need another try.
      const failed = pending.filter((_, index) => results[index]?.ErrorCode);
      lastErrors = results.filter((r) => r.ErrorCode).map((r) => `${r.ErrorCode}: ${r.ErrorMessage ?? ""}`);
      pending = failed.length > 0 ? failed : pending;
      if (attempt < this.maxAttempts) await delay(this.baseDelayMs * 2 ** (attempt - 1));
    }
    throw new EventContractError(
      "PUBLISH_FAILED",
      `${pending.length} event(s) still failed after ${this.maxAttempts} attempts: ${lastErrors.join("; ")}`,
      true,
    );
  }
}

/** Splits entries into PutEvents calls of at most 10 entries and 256 KB. */
export const chunkEntries = (entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] => {
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === MAX_ENTRIES_PER_PUT || currentBytes + size > MAX_PUT_BYTES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};
