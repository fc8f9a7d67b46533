// One row of the fault table per scenario, and the table itself: what was sent and what broke.

export interface ScenarioResult {
  scenario: string;
  /** Frames, requests, tokens or turns sent. */
  sent: number;
  /** 5xx answers (or INTERNAL_ERROR frames) to bad input. */
  fiveXx: number;
  /** Processes of the cloud that died without being told to. */
  crashes: number;
  /** Acknowledged turns with no reply and no typed error within 30 s. */
  turnsLost: number;
  /** The same reply shown twice on one connection. */
  repliesDuplicated: number;
  /** Tokens accepted that should have been refused. */
  unauthorisedAccepted: number;
  /** Anything else worth a glance: latencies, memory. */
  notes?: string;
}

export const emptyResult = (scenario: string): ScenarioResult => ({ scenario, sent: 0, fiveXx: 0, crashes: 0, turnsLost: 0, repliesDuplicated: 0, unauthorisedAccepted: 0 });

const COLUMNS: { title: string; of: (r: ScenarioResult) => string | number }[] = [
  { title: "scenario", of: (r) => r.scenario },
  { title: "sent", of: (r) => r.sent },
  { title: "5xx", of: (r) => r.fiveXx },
  { title: "crashes", of: (r) => r.crashes },
  { title: "turns lost", of: (r) => r.turnsLost },
  { title: "replies duplicated", of: (r) => r.repliesDuplicated },
  { title: "unauthorised accepted", of: (r) => r.unauthorisedAccepted },
  { title: "notes", of: (r) => r.notes ?? "" },
];

export const totals = (results: readonly ScenarioResult[]): ScenarioResult => ({
  scenario: "total",
  sent: results.reduce((n, r) => n + r.sent, 0),
  fiveXx: results.reduce((n, r) => n + r.fiveXx, 0),
  crashes: results.reduce((n, r) => n + r.crashes, 0),
  turnsLost: results.reduce((n, r) => n + r.turnsLost, 0),
  repliesDuplicated: results.reduce((n, r) => n + r.repliesDuplicated, 0),
  unauthorisedAccepted: results.reduce((n, r) => n + r.unauthorisedAccepted, 0),
});

/** A plain-text table, one row per scenario and a total. */
export const formatTable = (results: readonly ScenarioResult[]): string => {
  const rows = [...results, totals(results)].map((r) => COLUMNS.map((c) => String(c.of(r))));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(COLUMNS.map((c) => c.title)), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
};
