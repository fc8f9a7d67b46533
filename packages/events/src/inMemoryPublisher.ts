// The publisher's in-memory twin: the same envelopes, ids, validation and permissions as on the bus, kept in a list.
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { EventType } from "./catalog";
import type { ServiceName } from "./envelope";
import { EventPublisher, type PublishRequest, type Publisher } from "./publisher";
import type { TypedEnvelope } from "./validate";

/** Envelopes are built by the real publisher, which never calls its client for that. */
const NO_CLIENT = { send: () => Promise.reject(new Error("the in-memory publisher sends nothing")) } as unknown as EventBridgeClient;

export class InMemoryPublisher implements Publisher {
  readonly published: TypedEnvelope<EventType>[] = [];
  private readonly builder: EventPublisher;

  constructor(producer: ServiceName, now?: () => Date) {
    this.builder = new EventPublisher({ client: NO_CLIENT, busName: "in-memory", producer, ...(now ? { now } : {}) });
  }

  async publish(...requests: PublishRequest[]): Promise<TypedEnvelope<EventType>[]> {
    const envelopes = requests.map((request) => this.builder.envelope(request));
    this.published.push(...envelopes);
    return envelopes;
  }

  /** Publishes one event and returns its envelope, typed: what a test hands to the next consumer. */
  async publishOne<T extends EventType>(request: PublishRequest<T>): Promise<TypedEnvelope<T>> {
    const envelope = this.builder.envelope(request);
    this.published.push(envelope as TypedEnvelope<EventType>);
    return envelope;
  }

  ofType<T extends EventType>(type: T): TypedEnvelope<T>[] {
    return this.published.filter((e): e is TypedEnvelope<T> => e.type === type);
  }
}
