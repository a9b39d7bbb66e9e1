import { describe, expect, it } from "vitest";
import { type Policy, render } from "../src/index.js";
import { gate, reportJson, vuln } from "./fail-closed-fixtures.js";

// Holes a fresh tester found in the gate (their finding numbers): each case must block or refuse.

describe("finding 4: --severity is a threshold", () => {
  it("HIGH blocks CRITICAL and never calls it below the threshold", () => {
    const e = gate(reportJson(), { severities: ["HIGH"] });
    expect(e.passed).toBe(false);
    expect(e.findings[0]?.disposition).toBe("blocking");
    expect(e.policy.threshold).toBe("HIGH and above");
    const text = render(e, "text");
    expect(text).toContain("policy: blocks HIGH and above");
    expect(text).not.toContain("below the threshold");
  });

  it("Trivy-style lists keep working; UNKNOWN blocks only when listed", () => {
    const unknown = reportJson({
      results: [
        {
          Target: "t",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [vuln({ Severity: "UNKNOWN" })],
        },
      ],
    });
    expect(gate(reportJson(), { severities: ["HIGH", "CRITICAL"] }).policy.threshold).toBe(
      "HIGH and above",
    );
    expect(gate(unknown, { severities: ["HIGH", "CRITICAL"] }).passed).toBe(true);
    const listed = gate(unknown, { severities: ["UNKNOWN", "CRITICAL"] });
    expect(listed.passed).toBe(false);
    expect(listed.policy.severities).toEqual(["UNKNOWN", "CRITICAL"]);
    expect(listed.policy.threshold).toBe("CRITICAL, and UNKNOWN");
    expect(gate(reportJson(), { severities: ["UNKNOWN"] }).passed).toBe(false);
  });

  it("a threshold below a finding: MEDIUM blocks HIGH and CRITICAL, not LOW", () => {
    const low = reportJson({
      results: [
        {
          Target: "t",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [vuln({ Severity: "LOW" })],
        },
      ],
    });
    expect(gate(low, { severities: ["MEDIUM"] }).findings[0]?.disposition).toBe("below-threshold");
    expect(gate(reportJson(), { severities: ["MEDIUM"] }).passed).toBe(false);
  });
});

describe("finding 5: merged duplicates take the most blocking value, whatever the order", () => {
  type Fields = Record<string, unknown>;
  const copies = (a: Fields, b: Fields) =>
    reportJson({
      results: [
        { Target: "a", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln(a)] },
        { Target: "b", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln(b)] },
      ],
    });
  const both = (a: Fields, b: Fields, policy: Partial<Policy>) => [
    gate(copies(a, b), policy),
    gate(copies(b, a), policy),
  ];

  it("fixability: one copy will_not_fix, one fixed: --ignore-unfixed blocks in both orders", () => {
    const [ab, ba] = both(
      { Status: "will_not_fix", FixedVersion: "", Severity: "HIGH" },
      { Status: "fixed", FixedVersion: "1.1-r0", Severity: "HIGH" },
      { ignoreUnfixed: true },
    );
    for (const e of [ab!, ba!]) {
      expect(e.passed).toBe(false);
      expect(e.findings[0]).toMatchObject({ status: "fixed", fixed: "1.1-r0", fixable: true });
    }
  });

  it("vendor severities: nvd 1 vs nvd 4: --severity-source nvd blocks in both orders", () => {
    const [ab, ba] = both(
      { Severity: "HIGH", VendorSeverity: { nvd: 1 } },
      { Severity: "HIGH", VendorSeverity: { nvd: 4, ghsa: 2 } },
      { severitySource: "nvd" },
    );
    for (const e of [ab!, ba!]) {
      expect(e.passed).toBe(false);
      expect(e.findings[0]?.severity).toBe("CRITICAL");
      expect(e.findings[0]?.vendorSeverity).toEqual({ nvd: "CRITICAL", ghsa: "MEDIUM" });
    }
  });

  it("report severity: LOW vs CRITICAL blocks in both orders", () => {
    for (const e of both({ Severity: "LOW" }, { Severity: "CRITICAL" }, {}))
      expect(e.findings[0]?.severity).toBe("CRITICAL");
  });

  it("status: --ignore-status accepts the merged finding only when every copy's status is accepted", () => {
    const a = { Status: "will_not_fix", FixedVersion: "" };
    const b = { Status: "affected", FixedVersion: "" };
    for (const e of both(a, b, { ignoreStatuses: ["affected"] })) expect(e.passed).toBe(false);
    for (const e of both(a, b, { ignoreStatuses: ["will_not_fix"] })) expect(e.passed).toBe(false);
    for (const e of both(a, b, { ignoreStatuses: ["will_not_fix", "affected"] }))
      expect(e.passed).toBe(true);
  });

  it("not_affected wins only when every copy says so", () => {
    for (const e of both({ Status: "not_affected" }, { Status: "end_of_life" }, {}))
      expect(e.passed).toBe(false);
  });
});
