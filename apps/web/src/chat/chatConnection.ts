// The WebSocket to the gateway: connects with the token, reconnects with backoff, notices a dead link, and says how it is.
import type { ClientFrame, ServerFrame, ServerFrameType } from "@innerworld/events/protocol";
import { claimsOf } from "../auth/token";

export type LinkState =
  /** First attempt, or a retry under way. */
  | "connecting"
  | "open"
  /** Dropped; the next attempt is scheduled. */
  | "reconnecting"
  /** The browser says there is no network; retried as soon as it says there is. */
  | "offline"
  /** The server refused the token: signing in again is the only way on. */
  | "unauthorized"
  | "closed";

export interface ChatConnectionOptions {
  websocketUrl: string;
  token: () => string | undefined;
  onFrame: (frame: ServerFrame) => void;
  /** Called on every (re)open, before queued frames go out: the place to resume. */
  onOpen: () => void;
  onState: (state: LinkState) => void;
  /** A ping every this often; a link that answers nothing within `deadAfterMs` of one is treated as dropped. */
  pingEveryMs?: number;
  deadAfterMs?: number;
  /**
   * Asks the HTTP API whether it refuses the token (401): a socket refused before it opens says nothing of why, and a
   * token still in its time is refused for good once its account was erased. Asked after two such refusals in a row.
   */
  tokenRefused?: () => Promise<boolean>;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const SERVER_FRAME_TYPES: readonly ServerFrameType[] = [
  "session_started",
  "message_received",
  "agent_status",
  "stream_start",
  "stream_chunk",
  "stream_end",
  "reply",
  "safety_notice",
  "rate_limit_exceeded",
  "rate_limit_status",
  "session_ended",
  "session_resumed",
  "feedback_request",
  "feedback_recorded",
  "persona_ready",
  "pong",
  "error",
];

const parseServerFrame = (data: unknown): ServerFrame | undefined => {
  if (typeof data !== "string") return undefined;
  try {
    const frame = JSON.parse(data) as { type?: unknown; payload?: unknown };
    if (typeof frame.type !== "string" || !(SERVER_FRAME_TYPES as readonly string[]).includes(frame.type)) return undefined;
    if (typeof frame.payload !== "object" || frame.payload === null) return undefined;
    return frame as ServerFrame;
  } catch {
    return undefined;
  }
};

export class ChatConnection {
  private socket: WebSocket | undefined;
  private state: LinkState = "closed";
  private attempt = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private deadTimer: number | undefined;
  private opened = false;
  private stopped = true;
  /** Sockets in a row that closed before they opened. */
  private refusedInARow = 0;

  constructor(private readonly options: ChatConnectionOptions) {}

  get linkState(): LinkState {
    return this.state;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener("online", this.wentOnline);
    window.addEventListener("offline", this.wentOffline);
    if (navigator.onLine === false) this.setState("offline");
    else this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.wentOnline);
    window.removeEventListener("offline", this.wentOffline);
    this.drop();
    this.setState("closed");
  }

  /** Sends now when open; false when not, so the caller keeps the frame for the next open. */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || this.state !== "open") return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the link and connects again at once (a retry button, or after a new sign-in). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.drop();
    this.attempt = 0;
    this.connect();
  }

  private readonly wentOnline = () => {
    if (this.stopped) return;
    this.attempt = 0;
    if (this.state !== "open") this.reconnectNow();
  };

  /** The socket may look open for minutes after the network went; do not wait for it to notice. */
  private readonly wentOffline = () => {
    if (this.stopped) return;
    this.drop();
    this.setState("offline");
  };

  private connect(): void {
    const token = this.options.token();
    if (!token) {
      this.setState("unauthorized");
      return;
    }
    this.setState(this.attempt === 0 && !this.opened ? "connecting" : "reconnecting");
    const url = new URL(this.options.websocketUrl);
    url.searchParams.set("token", token);
    const socket = new WebSocket(url.toString());
    this.socket = socket;
    let openedThisTime = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      openedThisTime = true;
      this.opened = true;
      this.attempt = 0;
      this.refusedInARow = 0;
      this.setState("open");
      this.heartbeat();
      this.options.onOpen();
    };
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket !== socket) return;
      this.heartbeat();
      const frame = parseServerFrame(message.data);
      if (frame) this.options.onFrame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.clearTimers();
      if (this.stopped) return;
      // A socket refused before it opened, with a token past its time, will be refused again: sign in anew.
      if (!openedThisTime && this.tokenLooksExpired()) {
        this.setState("unauthorized");
        return;
      }
      if (!openedThisTime) this.refusedInARow += 1;
      this.scheduleRetry();
      // Refused twice before opening, with a token still in its time: a network that is down refuses nothing, so ask
      // the HTTP API; a 401 there (an erased account's token) ends the retries.
      if (this.refusedInARow >= 2 && this.options.tokenRefused) void this.checkToken(this.options.tokenRefused);
    };
  }

  private async checkToken(tokenRefused: () => Promise<boolean>): Promise<void> {
    const refused = await tokenRefused().catch(() => false);
    if (!refused || this.stopped || this.state === "open") return;
    this.drop();
    this.setState("unauthorized");
  }

  private scheduleRetry(): void {
    if (navigator.onLine === false) {
      this.setState("offline");
      return;
    }
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 8000;
    this.attempt += 1;
    this.setState("reconnecting");
    // Jitter, so a thousand clients dropped by one blip do not all come back in the same millisecond.
    this.retryTimer = window.setTimeout(() => this.connect(), base / 2 + Math.random() * base);
  }

  /** Any frame proves the link lives; silence after a ping means it does not. */
  private heartbeat(): void {
    window.clearTimeout(this.deadTimer);
    window.clearTimeout(this.pingTimer);
    this.pingTimer = window.setTimeout(() => {
      if (!this.send({ type: "ping" })) return;
      this.deadTimer = window.setTimeout(() => {
        this.drop();
        this.scheduleRetry();
      }, this.options.deadAfterMs ?? 10_000);
    }, this.options.pingEveryMs ?? 25_000);
  }

  private drop(): void {
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close();
    }
  }

  private clearTimers(): void {
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.pingTimer);
    window.clearTimeout(this.deadTimer);
  }

  private tokenLooksExpired(): boolean {
    const token = this.options.token();
    if (!token) return true;
    try {
      const exp = claimsOf(token).exp;
      return typeof exp === "number" && exp * 1000 <= Date.now();
    } catch {
      return false;
    }
  }

  private setState(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }
}
