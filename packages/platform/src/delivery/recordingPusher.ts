// The in-memory ConnectionPusher: keeps every frame pushed to each connection, and answers "gone" for connections marked closed.
import type { ConnectionCloser, ConnectionPusher, PushResult } from "./connectionPusher";

export interface PushedFrame {
  connectionId: string;
  /** The frame as parsed JSON: `{ type, payload }`. */
  frame: { type: string; payload: Record<string, unknown> };
}

export class RecordingPusher implements ConnectionPusher, ConnectionCloser {
  readonly pushed: PushedFrame[] = [];
  /** The connections the server closed, in order. */
  readonly disconnected: string[] = [];
  private readonly gone = new Set<string>();

  /** From now on pushes to this connection answer "gone", as @connections answers 410 for a closed socket. */
  close(connectionId: string): void {
    this.gone.add(connectionId);
  }

  async disconnect(connectionId: string): Promise<void> {
    this.disconnected.push(connectionId);
    this.gone.add(connectionId);
  }

  async push(connectionId: string, frame: string): Promise<PushResult> {
    if (this.gone.has(connectionId)) return "gone";
    this.pushed.push({ connectionId, frame: JSON.parse(frame) as PushedFrame["frame"] });
    return "sent";
  }

  /** The frames one connection received, in order. */
  framesTo(connectionId: string): PushedFrame["frame"][] {
    return this.pushed.filter((p) => p.connectionId === connectionId).map((p) => p.frame);
  }
}
