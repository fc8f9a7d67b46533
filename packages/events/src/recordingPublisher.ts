// The in-memory Publisher: builds and validates envelopes exactly as the EventBridge adapter does, and keeps them to be read back.
import type { EventType } from "./catalog";
import type { ServiceName } from "./envelope";
import { envelopeOf, type PublishRequest, type Publisher } from "./publisher";
import type { TypedEnvelope } from "./validate";

export class RecordingPublisher implements Publisher {
  readonly published: TypedEnvelope<EventType>[] = [];

  constructor(
    private readonly producer: ServiceName,
    private readonly clock: () => number = Date.now,
  ) {}

  async publish(...requests: PublishRequest[]): Promise<TypedEnvelope<EventType>[]> {
    // All envelopes are built before any is kept, so one invalid request publishes nothing, as with EventBridge.
    const envelopes = requests.map((request) => envelopeOf(this.producer, request, new Date(this.clock())));
    this.published.push(...envelopes);
    return envelopes;
  }

  /** Publishes one event and returns its envelope, typed: what a test hands to the next consumer. */
  async publishOne<T extends EventType>(request: PublishRequest<T>): Promise<TypedEnvelope<T>> {
    const envelope = envelopeOf(this.producer, request, new Date(this.clock()));
    this.published.push(envelope as TypedEnvelope<EventType>);
    return envelope;
  }

  /** What was published of one type, in order. */
  ofType<T extends EventType>(type: T): TypedEnvelope<T>[] {
    return this.published.filter((envelope): envelope is TypedEnvelope<T> => envelope.type === type);
  }
}
