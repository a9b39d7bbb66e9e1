import { describe, expect, it } from "vitest";
import { parseExceptions, parseVex } from "../src/index.js";
import { gate, notAffected, reportWithVuln, vexDoc } from "./fail-closed-fixtures.js";

// Vulnerability ids are compared in any ASCII letter case (cve-2026-1 is CVE-2026-1), but not
// through JavaScript's full case mapping, which reads the long s (ſ) as S and the dotless ı as
// I: an exception or VEX statement naming "GHſA-…" names no advisory Trivy reports.
const GHSA = "GHSA-aaaa-bbbb-cccc";
const LOOK_ALIKES = ["GH\u017FA-aaaa-bbbb-cccc", "gh\u017Fa-aaaa-bbbb-cccc"];
const report = reportWithVuln({ VulnerabilityID: GHSA });
const exception = (id: string) =>
  parseExceptions(`- id: "${id}"\n  reason: r\n  expires: 2027-01-31\n`, "ex.yaml");
const vex = (id: string) =>
  parseVex(vexDoc([{ ...notAffected("pkg:apk/alpine/zlib"), vulnerability: { name: id } }]));

describe("a vulnerability id spelt with look-alike letters", () => {
  it("matches in another ASCII letter case, as before", () => {
    expect(gate(report, { exceptions: exception("ghsa-AAAA-bbbb-cccc") }).passed).toBe(true);
    expect(gate(report, { vex: vex("ghsa-aaaa-bbbb-CCCC") }).passed).toBe(true);
  });

  it.each(LOOK_ALIKES)("%j in an exception applies to nothing: the finding still blocks", (id) => {
    const e = gate(report, { exceptions: exception(id) });
    expect(e.passed).toBe(false);
    expect(e.findings[0]?.disposition).toBe("blocking");
  });

  it.each(LOOK_ALIKES)(
    "%j in a VEX statement applies to nothing: the finding still blocks",
    (id) => {
      const e = gate(report, { vex: vex(id) });
      expect(e.passed).toBe(false);
      expect(e.findings[0]?.disposition).toBe("blocking");
    },
  );
});
