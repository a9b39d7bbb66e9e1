import { describe, expect, it } from "vitest";
import { parseSeverityList, parseTrivyReport } from "../src/index.js";
import { reportWithMisconf, reportWithVuln } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// Statuses and severities are read in any ASCII letter case only. JavaScript's own case mapping
// turns the long s (ſ) into S, the dotless ı into I and the ﬁ ligature into FI, so `paſs` once
// read as PASS and let a failed check through.
const parseError = (json: string) => thrown(() => parseTrivyReport(json, { source: "r.json" }));

describe("a misconfiguration Status spelt with look-alike letters", () => {
  it.each([
    ["long s", "pa\u017Fs"],
    ["long s, upper case", "PA\u017F\u017F"],
    ["dotless i", "except\u0131on"],
    ["full-width", "\uFF30\uFF21\uFF33\uFF33"],
    ["st ligature", "pa\uFB06"],
  ])("%s (%j) is an unknown status, exit 2", (_, status) => {
    const err = parseError(reportWithMisconf(status));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("unknown misconfiguration status");
    expect(err.message).toContain("Misconfigurations[0].Status");
  });
});

describe("a vulnerability Status spelt with look-alike letters", () => {
  it.each([
    ["fi ligature", "\uFB01xed"],
    ["full-width", "\uFF26\uFF29\uFF38\uFF25\uFF24"],
    ["dotless i", "f\u0131xed"],
    ["Kelvin sign", "un\u212Anown"],
  ])("%s (%j) is an unknown status, exit 2", (_, status) => {
    const err = parseError(reportWithVuln({ Status: status }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("Vulnerabilities[0].Status");
  });
});

describe("a Severity spelt with look-alike letters", () => {
  it.each(["cr\u0131t\u0131cal", "H\u0131GH", "\uFF28\uFF29\uFF27\uFF28"])(
    "%j in a vulnerability is an unknown severity, exit 2",
    (severity) => {
      const err = parseError(reportWithVuln({ Severity: severity }));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain("unknown severity");
    },
  );

  it.each(["cr\u0131t\u0131cal", "med\u0131um"])(
    "%j in a misconfiguration is an unknown severity, exit 2",
    (severity) => {
      const err = parseError(reportWithMisconf("FAIL", severity));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain("unknown severity");
    },
  );

  it("is refused in a --severity list, as any unknown name is", () => {
    expect(parseSeverityList("cr\u0131t\u0131cal")).toBeUndefined();
    expect(parseSeverityList("high,Critical")).toEqual(["HIGH", "CRITICAL"]);
  });
});
