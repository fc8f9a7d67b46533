// The operator's board of recent turns: each turn replaced as newer frames of it arrive, newest first, a bounded number kept.
import type { TapStep, TapTurn } from "./tapFrames";

export const MAX_TURNS_SHOWN = 40;

export class TurnBoard {
  private readonly turns = new Map<string, TapTurn>();

  /** Keeps the newer picture of a turn (more steps, or a later last step); returns whether anything changed. */
  upsert(turn: TapTurn): boolean {
    const known = this.turns.get(turn.correlationId);
    if (known && known.steps.length > turn.steps.length) return false;
    if (known && JSON.stringify(known) === JSON.stringify(turn)) return false;
    this.turns.set(turn.correlationId, turn);
    if (this.turns.size > MAX_TURNS_SHOWN) {
      const oldest = this.list().at(-1);
      if (oldest) this.turns.delete(oldest.correlationId);
    }
    return true;
  }

  /** Newest first, by when each turn started. */
  list(): TapTurn[] {
    return [...this.turns.values()].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  }
}

/** Where a step's bar sits on its turn's time axis, in percent: it starts where its cause ended and lasts its hop. */
export const barOf = (step: TapStep, totalMs: number): { left: number; width: number } => {
  if (totalMs <= 0) return { left: 0, width: 100 };
  const hop = step.hopMs ?? 0;
  const start = Math.max(0, step.sinceStartMs - hop);
  return { left: (start / totalMs) * 100, width: Math.max(0.5, (hop / totalMs) * 100) };
};

/** `12 ms`, `1.4 s`. */
export const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
