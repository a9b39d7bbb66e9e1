import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, parseTrivyReport, render } from "../src/index.js";
import { fixture } from "./helpers.js";

const NOW = new Date("2026-12-04T12:00:00Z");

/** statuses.json with strings an attacker controls through the scanned image or its name. */
function hostile(edit: (doc: TrivyDoc) => void) {
  const doc = JSON.parse(fixture("statuses.json").toString()) as TrivyDoc;
  edit(doc);
  const report = parseTrivyReport(JSON.stringify(doc), { source: "hostile.json" });
  return evaluate(report, defaultPolicy({ now: NOW }));
}

interface TrivyDoc {
  ArtifactName: string;
  Results: { Vulnerabilities: Record<string, unknown>[] }[];
}
const first = (doc: TrivyDoc) => doc.Results[0]!.Vulnerabilities[0]!;

describe("strings from the report cannot inject markup or links", () => {
  it("Markdown escapes <, > and & outside code spans", () => {
    const e = hostile((doc) => {
      doc.ArtifactName = "<img src=x onerror=alert(1)> & co";
    });
    const md = render(e, "markdown");
    expect(md).not.toContain("<img");
    expect(md).toMatch(
      /^## ❌ alpinize gate failed: &lt;img src=x onerror=alert\(1\)&gt; &amp; co/,
    );
  });

  it("links only http(s) URLs, in Markdown and in SARIF helpUri", () => {
    const e = hostile((doc) => {
      first(doc).PrimaryURL = "javascript:alert(1)";
    });
    const md = render(e, "markdown");
    expect(md).not.toContain("](javascript:");
    expect(md).toMatch(/\| CVE-2026-0001 \|/);
    const sarif = JSON.parse(render(e, "sarif")) as {
      runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[];
    };
    const rules = sarif.runs[0]!.tool.driver.rules;
    const rule = rules.find((r) => r.id === "CVE-2026-0001")!;
    expect(rule.helpUri).toBeUndefined();
    expect(JSON.stringify(rule)).not.toContain("](javascript:");
    // An ordinary https URL is still a link.
    const other = rules.find((r) => r.id === "CVE-2026-0002")!;
    expect(other.helpUri).toBe("https://avd.aquasec.com/nvd/cve-2026-0002");
    expect(render(e, "markdown")).toContain(
      "[CVE-2026-0002](https://avd.aquasec.com/nvd/cve-2026-0002)",
    );
  });

  it("text output keeps one finding per line when fields hold newlines or tabs", () => {
    const e = hostile((doc) => {
      first(doc).InstalledVersion = "1\n2";
      first(doc).PkgName = "lib\tssl\u2028x";
      doc.ArtifactName = "app\nFAKE: PASS";
    });
    const text = render(e, "text");
    const lines = text.split("\n");
    expect(lines[0]).toBe("alpinize gate: FAIL  app FAKE: PASS (debian 12.11)");
    const line = lines.find((l) => l.includes("CVE-2026-0001"))!;
    expect(line).toContain("lib ssl x 1 2 -> 3.0.16-1");
    expect(lines.some((l) => l.startsWith("2 "))).toBe(false);
  });
});
