import { describe, expect, it } from "vitest";
import { parseTrivyReport } from "../src/index.js";
import { gate, reportWithMisconf, reportWithVuln } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// Severity has always been read in any letter case; statuses now are too, mapped to the value
// Trivy writes, so one report is not half accepted and half refused for its letter case.
describe("a vulnerability's Status in another letter case", () => {
  it.each([
    ["FIXED", "fixed"],
    ["Fixed", "fixed"],
    ["WILL_NOT_FIX", "will_not_fix"],
    ["Not_Affected", "not_affected"],
  ])("%j is read as %j", (given, status) => {
    const e = gate(reportWithVuln({ Status: given, Severity: "high" }));
    expect(e.findings[0]?.status).toBe(status);
    expect(e.findings[0]?.severity).toBe("HIGH");
    expect(e.findings[0]?.statusInferred).toBe(false);
  });

  it("counts as the status it names: NOT_AFFECTED does not block, FIXED does", () => {
    expect(gate(reportWithVuln({ Status: "FIXED" })).passed).toBe(false);
    expect(gate(reportWithVuln({ Status: "NOT_AFFECTED" })).passed).toBe(true);
    expect(
      gate(reportWithVuln({ Status: "Will_Not_Fix" }), { ignoreStatuses: ["will_not_fix"] }).passed,
    ).toBe(true);
  });

  it.each(["fixedd", "wontfix", "FIXED "])("%j is still exit 2", (status) => {
    const err = thrown(() =>
      parseTrivyReport(reportWithVuln({ Status: status }), { source: "r.json" }),
    );
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("Results[0].Vulnerabilities[0].Status");
  });
});

describe("a misconfiguration's Status in another letter case", () => {
  it.each(["FAIL", "fail", "Fail"])("%j blocks", (status) => {
    expect(gate(reportWithMisconf(status, "critical")).passed).toBe(false);
  });

  it.each(["pass", "Exception"])("%j does not block", (status) => {
    expect(gate(reportWithMisconf(status)).passed).toBe(true);
  });
});
