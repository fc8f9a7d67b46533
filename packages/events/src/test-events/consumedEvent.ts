// An event as a consumer receives it from its queue: the envelope, the SQS record it came in and a Lambda context.
import type { ConsumedEvent } from "../consumer";
import type { EventType } from "../catalog";
import type { TypedEnvelope } from "../validate";
import type { Context, SQSRecord } from "aws-lambda";

export const consumedEvent = <T extends EventType>(envelope: TypedEnvelope<T>, options: { receiveCount?: number; replayName?: string } = {}): ConsumedEvent<T> => {
  const receiveCount = options.receiveCount ?? 1;
  const record = {
    messageId: `message-${envelope.metadata.eventId}`,
    receiptHandle: `receipt-${envelope.metadata.eventId}-${receiveCount}`,
    body: JSON.stringify({ "detail-type": envelope.type, detail: { metadata: envelope.metadata, data: envelope.data } }),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.parse(envelope.metadata.occurredAt)), SenderId: "events", ApproximateFirstReceiveTimestamp: String(Date.parse(envelope.metadata.occurredAt)) },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:innerworld-test",
    awsRegion: "us-east-1",
  } satisfies SQSRecord;
  const context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: "innerworld-test",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:innerworld-test",
    memoryLimitInMB: "512",
    awsRequestId: `request-${envelope.metadata.eventId}`,
    logGroupName: "/aws/lambda/innerworld-test",
    logStreamName: "test",
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } satisfies Context;
  return { envelope, receiveCount, record, context, ...(options.replayName ? { replayName: options.replayName } : {}) };
};
