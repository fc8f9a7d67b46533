// A real WebSocket chat client for tests: connects with a dev-issuer token, sends frames, waits for frames.
import WebSocket from "ws";
import type { LocalEndpoints } from "@innerworld/local";

/**
 * How long a client waits for a frame unless told otherwise: generous, as a busy machine may take many seconds over a
 * turn that takes a fraction of one on an idle one; spent only when the frame never comes.
 */
const FRAME_WAIT_MS = 20_000;

export interface Frame {
  type: string;
  payload: Record<string, unknown>;
}

export const mintToken = async (endpoints: Pick<LocalEndpoints, "tokenUrl">, claims: { sub: string; audience?: string; expiresInSeconds?: number; groups?: string[] }): Promise<string> => {
  const response = await fetch(endpoints.tokenUrl, { method: "POST", body: JSON.stringify(claims) });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

export class ChatClient {
  readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closeCode: number | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        frame = { type: "(not json)", payload: { raw: data.toString() } };
      }
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    socket.on("close", (code) => (this.closeCode = code));
  }

  static async connect(endpoints: LocalEndpoints, userId: string): Promise<ChatClient> {
    return ChatClient.connectWithToken(endpoints, await mintToken(endpoints, { sub: userId }));
  }

  static connectWithToken(endpoints: LocalEndpoints, token: string | undefined): Promise<ChatClient> {
    const url = token ? `${endpoints.websocketUrl}?token=${encodeURIComponent(token)}` : endpoints.websocketUrl;
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new ChatClient(socket)));
      socket.once("unexpected-response", (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      socket.once("error", reject);
    });
  }

  send(type: string, payload?: Record<string, unknown>) {
    this.socket.send(JSON.stringify(payload === undefined ? { type } : { type, payload }));
  }

  sendRaw(text: string) {
    this.socket.send(text);
  }

  /** Resolves with the first frame, already received or still to come, that matches. */
  waitFor(type: string, match: (payload: Record<string, unknown>) => boolean = () => true, timeoutMs = FRAME_WAIT_MS): Promise<Frame> {
    const matches = (f: Frame) => f.type === type && match(f.payload);
    const seen = this.frames.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(", ")}`)), timeoutMs);
      this.waiters.push({ match: matches, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  /** Sends a frame and waits for the next frame of the given type that arrives after it. */
  async request(type: string, payload: Record<string, unknown> | undefined, answer: string | string[], match: (p: Record<string, unknown>) => boolean = () => true): Promise<Frame> {
    const before = this.frames.length;
    const answers = Array.isArray(answer) ? answer : [answer];
    const waiting = new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${answers.join("/")} after ${type}; got ${this.frames.slice(before).map((f) => f.type).join(", ")}`)), FRAME_WAIT_MS);
      this.waiters.push({ match: (f) => answers.includes(f.type) && match(f.payload) && this.frames.indexOf(f) >= before, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
    this.send(type, payload);
    return waiting;
  }

  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}
