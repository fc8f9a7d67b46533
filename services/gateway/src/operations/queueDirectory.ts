// Finds each consuming service's queue and dead-letter queue by URL, whether the config named them by URL or by name.
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { consumingServices, type ServiceName } from "@innerworld/events";
import type { ServiceQueueRefs } from "@innerworld/platform/runtime";

export interface ServiceQueueUrls {
  service: ServiceName;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

export class UnknownServiceError extends Error {
  override readonly name = "UnknownServiceError";
  readonly code = "UNKNOWN_SERVICE";
  constructor(readonly service: string) {
    super(`No consuming service "${service}"; services with queues: ${consumingServices().map((t) => t.service).join(", ")}`);
  }
}

export const isUnknownServiceError = (error: unknown): error is UnknownServiceError =>
  error instanceof Error && error.name === "UnknownServiceError";

const isUrl = (ref: string) => /^https?:\/\//.test(ref);

export class QueueDirectory {
  private readonly urls = new Map<string, Promise<string>>();
  private readonly arns = new Map<string, Promise<string>>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly refs: ServiceQueueRefs,
  ) {}

  /** Services in topology order that have queues configured here. */
  services(): ServiceName[] {
    return consumingServices()
      .map((t) => t.service)
      .filter((service) => this.refs[service]);
  }

  private resolve(ref: string): Promise<string> {
    if (isUrl(ref)) return Promise.resolve(ref);
    let url = this.urls.get(ref);
    if (!url) {
      url = this.sqs.send(new GetQueueUrlCommand({ QueueName: ref })).then((r) => r.QueueUrl ?? "");
      // A failed lookup is not remembered: the next request tries again.
      url.catch(() => this.urls.delete(ref));
      this.urls.set(ref, url);
    }
    return url;
  }

  async of(service: string): Promise<ServiceQueueUrls> {
    // Own properties only: a name from the path such as "__proto__" or "constructor" is a service like any unknown one.
    const refs = Object.hasOwn(this.refs, service) ? (this.refs as Record<string, { queue: string; deadLetterQueue: string } | undefined>)[service] : undefined;
    if (!refs) throw new UnknownServiceError(service);
    const [queueUrl, deadLetterQueueUrl] = await Promise.all([this.resolve(refs.queue), this.resolve(refs.deadLetterQueue)]);
    return { service: service as ServiceName, queueUrl, deadLetterQueueUrl };
  }

  arnOf(queueUrl: string): Promise<string> {
    let arn = this.arns.get(queueUrl);
    if (!arn) {
      arn = this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] })).then((r) => {
        const found = r.Attributes?.QueueArn;
        if (!found) throw new Error(`queue ${queueUrl} has no ARN`);
        return found;
      });
      arn.catch(() => this.arns.delete(queueUrl));
      this.arns.set(queueUrl, arn);
    }
    return arn;
  }
}
