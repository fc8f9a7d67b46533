// A circuit breaker per remote dependency (a chat model, the moderation endpoint), so one that keeps failing is skipped at once instead of costing every turn a timeout.
//
// closed: requests flow; `failureThreshold` consecutive failures open the circuit.
// open: requests are refused until `resetMs` has passed since it opened.
// half-open: exactly one trial request is let through; its success closes the circuit, its failure
// reopens it for another `resetMs`. State is per process: each Lambda container learns on its own,
// which costs at most `failureThreshold` slow calls per container.

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetMs: number;
  /** Clock in milliseconds; injectable so tests control time instead of sleeping. */
  now?: () => number;
  /** Told each time the circuit opens (or reopens after a failed trial): operators count these. */
  onOpen?: () => void;
}

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly resetMs: number;
  private readonly now: () => number;
  private readonly onOpen: () => void;
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    }
    if (!(options.resetMs >= 0)) throw new RangeError(`resetMs must be >= 0, got ${options.resetMs}`);
    this.failureThreshold = options.failureThreshold;
    this.resetMs = options.resetMs;
    this.now = options.now ?? Date.now;
    this.onOpen = options.onOpen ?? (() => undefined);
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return "closed";
    return this.now() - this.openedAt >= this.resetMs ? "half-open" : "open";
  }

  /** Whether a request may go out now. In half-open, true means "you are the trial": report its outcome. */
  allowRequest(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  onFailure(): void {
    // A call started before the circuit opened and failing after it says nothing new: the circuit stays open as it
    // was, neither reopened later nor counted again.
    if (this.openedAt !== undefined && !this.trialInFlight) return;
    this.consecutiveFailures += 1;
    // A failed trial reopens at once; in closed state it takes `failureThreshold` in a row.
    if (this.openedAt !== undefined || this.consecutiveFailures >= this.failureThreshold) {
      this.openedAt = this.now();
      this.onOpen();
    }
    this.trialInFlight = false;
  }

  /** The request ended without telling us anything about the model (the caller gave up): free the trial slot. */
  onCancel(): void {
    this.trialInFlight = false;
  }
}
