// One client connection: its socket, what API Gateway knows of it, its idle and lifetime limits, and its single end.
import type { RawData, WebSocket } from "ws";
import type { ConnectionFacts } from "./lambdaEvents.js";
import type { WebSocketAuthorizerContext } from "./types.js";

export interface ConnectionEnd {
  statusCode: number;
  reason: string;
}

export interface ConnectionHooks {
  onMessage(connection: Connection, data: RawData, isBinary: boolean): void;
  /** Called exactly once, after the socket has closed, whoever closed it. */
  onClosed(connection: Connection, end: ConnectionEnd): void;
}

/**
 * The `disconnectReason` API Gateway reports for a close code when the closing side gave no reason text.
 * 1000 and 1001 are what AWS logs show; the others are this emulator's wording.
 */
const DISCONNECT_REASONS: Record<number, string> = {
  1000: "Connection Closed Normally",
  1001: "Going away",
  1005: "Client-side close frame status not set",
  1006: "Connection was closed abnormally",
  1009: "Message too big",
};

/** How long a server-side close waits for the client's close frame before dropping the TCP connection. */
const CLOSE_HANDSHAKE_GRACE_MS = 2_000;

export class Connection {
  public readonly id: string;
  public lastActiveAt: number;
  /** Settles once the socket has closed and onClosed has run. */
  public readonly ended: Promise<void>;
  private markEnded: () => void = () => undefined;
  private closingWith: ConnectionEnd | undefined;
  private hasEnded = false;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly lifetimeTimer: NodeJS.Timeout;
  private graceTimer: NodeJS.Timeout | undefined;

  public constructor(
    private readonly socket: WebSocket,
    public readonly facts: ConnectionFacts,
    public readonly authorizer: WebSocketAuthorizerContext | undefined,
    limits: { idleTimeoutMs: number; maxConnectionMs: number },
    hooks: ConnectionHooks,
  ) {
    this.id = facts.connectionId;
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
    this.lastActiveAt = facts.connectedAt;
    this.idleTimer = setTimeout(() => this.close(1001, "Going away"), limits.idleTimeoutMs);
    this.lifetimeTimer = setTimeout(() => this.close(1001, "Going away"), limits.maxConnectionMs);
    socket.on("message", (data, isBinary) => {
      this.markActive();
      hooks.onMessage(this, data, isBinary);
    });
    // Clients that keep a connection alive with ping frames count as active.
    socket.on("ping", () => this.markActive());
    // ws reports protocol violations here and closes the socket itself, with the code the violation calls for
    // (1009 for an oversize message); its 'close' event then says 1006, so the code is remembered here.
    socket.on("error", (error: Error & { code?: string }) => {
      const statusCode = protocolErrorCode(error.code);
      if (statusCode !== undefined && this.closingWith === undefined) this.closingWith = describeEnd(statusCode, "");
    });
    socket.on("close", (code, reason) => {
      if (this.hasEnded) return;
      this.hasEnded = true;
      clearTimeout(this.idleTimer);
      clearTimeout(this.lifetimeTimer);
      clearTimeout(this.graceTimer);
      try {
        hooks.onClosed(this, this.closingWith ?? describeEnd(code, reason.toString("utf8")));
      } finally {
        this.markEnded();
      }
    });
  }

  /** False from the moment either side starts closing: @connections then answers 410, as AWS does. */
  public get isOpen(): boolean {
    return this.closingWith === undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends one text frame, as API Gateway delivers every @connections POST. */
  public send(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.send(data, { binary: false }, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Server-initiated close; the code and reason are what $disconnect will be told. */
  public close(statusCode: number, reason: string): void {
    if (this.hasEnded || this.graceTimer !== undefined) return;
    // A close the client (or a protocol error) already began keeps its own code; this one only hurries it.
    if (this.closingWith === undefined && this.socket.readyState === this.socket.OPEN) {
      this.closingWith = { statusCode, reason };
      this.socket.close(statusCode, reason);
    }
    // A client that never answers the close frame must not hold $disconnect back for ws's 30 s default.
    this.graceTimer = setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_GRACE_MS);
  }

  private markActive(): void {
    this.lastActiveAt = Date.now();
    this.idleTimer.refresh();
  }
}

/** The close code ws sends for one of its WS_ERR_* errors; undefined for transport errors such as ECONNRESET. */
function protocolErrorCode(code: string | undefined): number | undefined {
  if (code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return 1009;
  if (code === "WS_ERR_INVALID_UTF8") return 1007;
  return code?.startsWith("WS_ERR_") ? 1002 : undefined;
}

function describeEnd(code: number, reason: string): ConnectionEnd {
  return { statusCode: code, reason: reason !== "" ? reason : (DISCONNECT_REASONS[code] ?? "") };
}
