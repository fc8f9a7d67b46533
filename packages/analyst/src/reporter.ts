// Where a command says what it did (lines), warns, and shows progress; the CLI writes to the terminal, tests keep lines.

export interface Reporter {
  /** What the command did or found: one line each. */
  say(line: string): void;
  warn(line: string): void;
  /** Progress of a long step, 0..1, with a short label; `done` ends the bar. */
  progress(fraction: number, label: string): void;
  done(): void;
}

const BAR_WIDTH = 30;

export const progressBar = (fraction: number): string => {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * BAR_WIDTH);
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(clamped * 100)).padStart(3)}%`;
};

/**
 * Lines go to `lines` (stdout, or stderr when stdout carries data such as exported events); warnings and progress go
 * to stderr. On a terminal the bar redraws in place; elsewhere (CI logs, pipes) a line is printed every 10%.
 */
export const terminalReporter = (lines: NodeJS.WritableStream = process.stdout, errors: NodeJS.WriteStream = process.stderr): Reporter => {
  let barShown = false;
  let lastDecile = -1;
  const clearBar = () => {
    if (barShown && errors.isTTY) errors.write("\n");
    barShown = false;
  };
  return {
    say(line) {
      clearBar();
      lines.write(`${line}\n`);
    },
    warn(line) {
      clearBar();
      errors.write(`warning: ${line}\n`);
    },
    progress(fraction, label) {
      if (errors.isTTY) {
        errors.write(`\r${progressBar(fraction)} ${label}`.padEnd(100).slice(0, Math.max(40, (errors.columns ?? 100) - 1)));
        barShown = true;
        return;
      }
      const decile = Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        errors.write(`${progressBar(fraction)} ${label}\n`);
      }
    },
    done() {
      clearBar();
      lastDecile = -1;
    },
  };
};

export interface MemoryReporter extends Reporter {
  lines: string[];
  warnings: string[];
  progressLabels: { fraction: number; label: string }[];
}

/** Keeps everything, for tests and for callers that print a summary of their own. */
export const memoryReporter = (): MemoryReporter => {
  const lines: string[] = [];
  const warnings: string[] = [];
  const progressLabels: { fraction: number; label: string }[] = [];
  return {
    lines,
    warnings,
    progressLabels,
    say: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    progress: (fraction, label) => progressLabels.push({ fraction, label }),
    done: () => undefined,
  };
};
