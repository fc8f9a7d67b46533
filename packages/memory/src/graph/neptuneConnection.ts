// A Gremlin RemoteConnection to Neptune that signs every WebSocket handshake afresh, so reconnects survive credential rotation.
//
// The driver's own connection reuses the headers it was built with when it reopens a dropped socket, and a SigV4
// signature is only accepted for a few minutes (and only while its credentials live). So this connection never lets
// the driver reopen: when the socket is gone it builds a new driver connection with newly signed headers.
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { gremlinDriver, type GremlinBytecode } from "./gremlin";
import { signNeptuneHandshake, type AwsCredentialsProvider } from "./neptuneSigner";

/** The part of gremlin's DriverRemoteConnection this class drives. */
export interface DriverConnection {
  open(): Promise<void>;
  readonly isOpen: boolean;
  submit(bytecode: GremlinBytecode): Promise<unknown>;
  close(): Promise<void>;
}

export interface NeptuneConnectionOptions {
  /** `wss://<cluster endpoint>:8182/gremlin`. */
  url: string;
  region: string;
  /** Defaults to the AWS SDK's default provider chain (environment, SSO, profile, container and instance roles). */
  credentials?: AwsCredentialsProvider;
  /** The signing time; injectable so a test can tell one signature from the next. */
  clock?: () => Date;
  /** Builds the driver connection for signed headers; defaults to gremlin's DriverRemoteConnection. */
  connect?: (url: string, options: { headers: Record<string, string> }) => DriverConnection;
}

const MAX_RECONNECTS_PER_CALL = 3;

export class NeptuneConnection extends gremlinDriver.RemoteConnection {
  private readonly credentials: AwsCredentialsProvider;
  private readonly clock: () => Date;
  private readonly connect: NonNullable<NeptuneConnectionOptions["connect"]>;
  private current: Promise<DriverConnection> | undefined;
  private closed = false;
  /** How many handshakes were signed: one per (re)connect. */
  signedHandshakes = 0;

  constructor(private readonly config: NeptuneConnectionOptions) {
    super(config.url, {});
    this.credentials = config.credentials ?? defaultProvider();
    this.clock = config.clock ?? (() => new Date());
    this.connect = config.connect ?? ((url, options) => new gremlinDriver.DriverRemoteConnection(url, options) as unknown as DriverConnection);
  }

  get isOpen(): boolean {
    return !this.closed && this.current !== undefined;
  }

  override async open(): Promise<void> {
    await this.connection();
  }

  override async submit(bytecode: GremlinBytecode): Promise<unknown> {
    const connection = await this.connection();
    return connection.submit(bytecode);
  }

  override async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    if (current) await (await current.catch(() => undefined))?.close();
  }

  /** The open driver connection, or a new one on freshly signed headers when there is none or its socket closed. */
  private async connection(replaced = 0): Promise<DriverConnection> {
    if (this.closed) throw new Error("The Neptune connection was closed");
    const pending = this.current;
    if (pending) {
      const existing = await pending.catch(() => undefined);
      if (existing?.isOpen) return existing;
      // A server that drops every socket at once must not keep one call reconnecting forever.
      if (replaced >= MAX_RECONNECTS_PER_CALL) throw new Error(`Neptune closed the connection ${replaced} times in a row`);
      // Callers that find the same dead connection: the first replaces it, the others then wait for the replacement.
      if (this.current === pending) {
        this.current = undefined;
        void existing?.close().catch(() => undefined);
      }
      return this.connection(replaced + 1);
    }
    const opening = this.openSigned();
    this.current = opening;
    // A failed handshake must not stick: the next call signs and tries again.
    opening.catch(() => {
      if (this.current === opening) this.current = undefined;
    });
    return opening;
  }

  private async openSigned(): Promise<DriverConnection> {
    const headers = await signNeptuneHandshake({ url: this.config.url, region: this.config.region, credentials: this.credentials, signingDate: this.clock() });
    this.signedHandshakes += 1;
    const driver = this.connect(this.config.url, { headers });
    await driver.open();
    return driver;
  }
}

/** The connection factory for production: Neptune with IAM auth, credentials from the default chain. */
export const createNeptuneConnection = (options: NeptuneConnectionOptions) => new NeptuneConnection(options);
