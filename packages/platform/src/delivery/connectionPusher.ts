// The ConnectionPusher port, and its adapter over the API Gateway @connections API: a gone connection is forgotten.
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { withoutSdkCallLogging } from "../aws/quietClient";
import { AWS_CALL_TIMEOUTS } from "../aws/callTimeouts";

/**
 * A frame is a few hundred bytes: a push that has not answered in 2 s is hung. Two attempts at most, so a hung
 * endpoint fails the push in about 4 s, inside the notifier's 10 s function timeout, and the turn's record is retried
 * rather than the whole batch timing out with it.
 */
const PUSH_TIMEOUTS = { ...AWS_CALL_TIMEOUTS, requestTimeout: 2_000 };
const PUSH_ATTEMPTS = 2;

export type PushResult = "sent" | "gone";

export interface ConnectionPusher {
  push(connectionId: string, frame: string): Promise<PushResult>;
}

/** Closes a client's socket from the server's side (an erased account's, say); one already closed is left as it is. */
export interface ConnectionCloser {
  disconnect(connectionId: string): Promise<void>;
}

const isGone = (error: unknown) => error instanceof GoneException || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410;

export class ApiGatewayConnectionPusher implements ConnectionPusher, ConnectionCloser {
  private readonly client: ApiGatewayManagementApiClient;

  constructor(
    options: { endpoint: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string }; requestTimeoutMs?: number },
    /** Called with the connection that answered 410, so its record is deleted (that one, never the sender's). */
    private readonly onGone: (connectionId: string) => Promise<void> = async () => undefined,
  ) {
    this.client = withoutSdkCallLogging(
      new ApiGatewayManagementApiClient({
        endpoint: options.endpoint,
        region: options.region,
        requestHandler: { ...PUSH_TIMEOUTS, ...(options.requestTimeoutMs === undefined ? {} : { requestTimeout: options.requestTimeoutMs }) },
        maxAttempts: PUSH_ATTEMPTS,
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
    );
  }

  async push(connectionId: string, frame: string): Promise<PushResult> {
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(frame) }));
      return "sent";
    } catch (error) {
      if (isGone(error)) {
        await this.onGone(connectionId);
        return "gone";
      }
      throw error;
    }
  }

  async disconnect(connectionId: string): Promise<void> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  destroy() {
    this.client.destroy();
  }
}
