// The fault suite within CI's budget: real processes on 127.0.0.1, every scenario, and the targets the table must meet.
import { describe, expect, it } from "vitest";
import { CI_BUDGET, formatTable, runSuite, totals } from "../src/runSuite";

describe("fault suite (CI budget)", () => {
  it("keeps every target: no crash, no 5xx, no lost or doubled turn, nobody let in", { timeout: 600_000 }, async () => {
    const report = await runSuite(CI_BUDGET);
    console.log(formatTable(report.results));
    const total = totals(report.results);

    expect(total.sent).toBeGreaterThanOrEqual(CI_BUDGET.fuzzFrames + CI_BUDGET.awsRequests + 40);
    expect({ crashes: total.crashes, fiveXx: total.fiveXx, turnsLost: total.turnsLost, repliesDuplicated: total.repliesDuplicated, unauthorisedAccepted: total.unauthorisedAccepted }).toEqual({
      crashes: 0,
      fiveXx: 0,
      turnsLost: 0,
      repliesDuplicated: 0,
      unauthorisedAccepted: 0,
    });
    // Live users' ack p99 and the gateway's memory after the burst are printed in the table (`pnpm chaos` holds
    // them to 200 ms and 20%); on a shared CI machine they measure the neighbours as much as the gateway.
  });
});
