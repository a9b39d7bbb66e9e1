import { maskSecrets as imageRefMaskSecrets } from "@alpinize/image-ref";
import { describe, expect, it } from "vitest";
import { diffReports } from "../diff.js";
import { maskSecrets } from "../index.js";
import { parseTrivyReport } from "../parse/report.js";
import { defaultPolicy, evaluate } from "../policy/evaluate.js";
import { FORMATS, render } from "./index.js";

const NOW = new Date("2026-12-04T12:00:00Z");

const vuln = (id: string, pkg: string, extra: Record<string, unknown> = {}) => ({
  VulnerabilityID: id,
  PkgName: pkg,
  InstalledVersion: "1.0",
  FixedVersion: "1.1",
  Status: "fixed",
  Severity: "HIGH",
  ...extra,
});

/** A report whose every string the gate prints carries a password somewhere. */
function report(artifact: string, password: string) {
  return {
    SchemaVersion: 2,
    ArtifactName: `u:${password}ART@127.0.0.1:9/x:1`,
    ArtifactType: "container_image",
    Metadata: {
      OS: { Family: "alpine", Name: "3.22.2" },
      RepoDigests: [`u:${password}DIG@127.0.0.1:9/x@sha256:${"ab".repeat(32)}`],
    },
    Results: [
      {
        Target: `https://u:${password}TGT@127.0.0.1:9/x:1 (alpine 3.22.2)`,
        Class: "os-pkgs",
        Type: "alpine",
        Vulnerabilities: [
          vuln("CVE-2026-1", "libssl3", {
            PrimaryURL: `https://tok:${password}URL@avd.example/cve?lang=en&token=${password}Q`,
            Title: `fetch of https://${password}TOK@git.example/o/r.git fails`,
          }),
        ],
        Secrets: [
          { RuleID: "aws-access-key-id", Severity: "CRITICAL", Title: "AWS key", StartLine: 3 },
        ],
      },
      {
        Target: `${artifact}/app/package-lock.json`,
        Class: "lang-pkgs",
        Type: "npm",
        Vulnerabilities: [
          // Two copies of one library whose paths differ only in the password: two findings.
          vuln("CVE-2026-2", "left-pad", { PkgPath: `https://u:${password}1@h.example/lp` }),
          vuln("CVE-2026-2", "left-pad", { PkgPath: `https://u:${password}2@h.example/lp` }),
          vuln("CVE-2026-3", "@types/node", {
            PkgPath: "app/node_modules/@types/node/package.json",
            PrimaryURL: "https://registry.npmjs.org/@types/node?key=",
          }),
        ],
      },
      // Two secret results whose targets differ only in the password.
      ...["a", "b"].map((p) => ({
        Target: `https://u:${password}${p}@h.example/env`,
        Class: "secret",
        Secrets: [{ RuleID: "github-pat", Severity: "HIGH", Title: "GitHub PAT", StartLine: 1 }],
      })),
    ],
  };
}

const parse = (doc: unknown, source: string) =>
  parseTrivyReport(Buffer.from(JSON.stringify(doc)), { source });

function evaluation() {
  const current = parse(report("app", "S3CRET"), "alpine.json");
  const e = evaluate(current, defaultPolicy({ now: NOW }));
  e.diff = diffReports(parse(report("base", "S3CRET"), "debian.json"), current);
  return e;
}

describe("every format masks credentials in the strings it takes from the report", () => {
  it.each(FORMATS)("%s", (format) => {
    const out = render(evaluation(), format);
    expect(out).not.toContain("S3CRET");
    expect(out).toContain("127.0.0.1:9");
    // Markdown escapes the mask's `*` and breaks `@name` mentions; the others show it as is.
    if (format !== "markdown") expect(out).toContain("***@127.0.0.1:9/x");
  });

  it("keeps paths and URLs whose @ is no credential as written", () => {
    const out = render(evaluation(), "json");
    expect(out).toContain("app/node_modules/@types/node/package.json");
    expect(out).toContain("https://registry.npmjs.org/@types/node?key=");
  });
});

describe("masking is for display only", () => {
  it("leaves the evaluation, and so the verdict and its keys, as the report wrote them", () => {
    const e = evaluation();
    render(e, "json");
    expect(e.report.artifactName).toBe("u:S3CRETART@127.0.0.1:9/x:1");
    expect(e.findings.some((f) => f.key.includes("S3CRET1"))).toBe(true);
  });

  it("never merges two findings that differ only in a masked password", () => {
    const e = evaluation();
    expect(e.passed).toBe(false);
    const lines = render(e, "json")
      .split("\n")
      .filter((l) => l.trim().startsWith('{"id"') && l.includes('"left-pad"'));
    expect(lines).toHaveLength(2);
    const keys = lines.map((l) => (JSON.parse(l.trim().replace(/,$/, "")) as { key: string }).key);
    expect(new Set(keys).size).toBe(2);
    expect(keys.join()).not.toContain("S3CRET");

    const sarif = JSON.parse(render(e, "sarif")) as {
      runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(e.findings.length + e.others.length);
    const prints = results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(prints).size).toBe(prints.length);
  });
});

describe("maskSecrets", () => {
  // Its cases live with the code, in @alpinize/image-ref's credentials.test.ts.
  it("is @alpinize/image-ref's masker, re-exported", () => {
    expect(maskSecrets).toBe(imageRefMaskSecrets);
  });
});
