// Dead-letters an SQS record with the reason it failed, as message attributes an operator can read from the DLQ.
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { DeadLetterSink, FailureReason } from "@innerworld/events";
import type { SQSRecord } from "aws-lambda";

export const FAILURE_ATTRIBUTES = {
  service: "innerworld-failed-service",
  code: "innerworld-failure-code",
  message: "innerworld-failure-message",
  receiveCount: "innerworld-receive-count",
  sourceMessageId: "innerworld-source-message-id",
} as const;

export class SqsDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(record: SQSRecord, reason: FailureReason): Promise<void> {
    const text = (value: string) => ({ DataType: "String", StringValue: value.slice(0, 1024) || "-" });
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: record.body || "(empty body)",
        MessageAttributes: {
          [FAILURE_ATTRIBUTES.service]: text(reason.service),
          [FAILURE_ATTRIBUTES.code]: text(reason.code),
          [FAILURE_ATTRIBUTES.message]: text(reason.message),
          [FAILURE_ATTRIBUTES.receiveCount]: { DataType: "Number", StringValue: String(reason.receiveCount) },
          [FAILURE_ATTRIBUTES.sourceMessageId]: text(record.messageId),
        },
      }),
    );
  }
}
