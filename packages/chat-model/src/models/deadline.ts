// An abort signal that fires after a quiet period, combined with the caller's own signal.
//
// The OpenAI SDK's `timeout` stops counting once response headers arrive, so a stream (or a body)
// that stalls after the headers would hang the turn; this deadline covers the whole call.

export class Deadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired = false;
  /** Aborts when the deadline passes or the caller aborts. */
  readonly signal: AbortSignal;

  constructor(
    private readonly ms: number | undefined,
    callerSignal?: AbortSignal,
  ) {
    this.signal = callerSignal ? AbortSignal.any([callerSignal, this.controller.signal]) : this.controller.signal;
    this.restart();
  }

  /** Whether this deadline (not the caller) ended the call. */
  get timedOut(): boolean {
    return this.expired;
  }

  /** Starts the quiet period again, e.g. after each streamed chunk. */
  restart(): void {
    this.pause();
    if (this.ms === undefined || this.expired) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new DOMException(`No answer within ${this.ms} ms`, "TimeoutError"));
    }, this.ms);
  }

  /** Ends the call for a reason that is nobody's fault (the consumer went away). */
  cancel(): void {
    this.pause();
    if (!this.controller.signal.aborted) this.controller.abort(new DOMException("Cancelled", "AbortError"));
  }

  /** Stops counting, e.g. while the consumer handles a sentence: its slowness is not the model's. */
  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
