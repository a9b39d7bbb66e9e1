import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, FORMATS, parseExceptions, render } from "../src/index.js";
import { gate, reportWithVuln } from "./fail-closed-fixtures.js";
import { load } from "./helpers.js";

const NOW = new Date("2026-12-04T12:00:00Z");

function withException(purl: string) {
  const exceptions = parseExceptions(
    `- id: CVE-2026-2002\n  purl: ${purl}\n  reason: r\n  expires: 2027-01-31\n`,
    "ex.yaml",
  );
  return evaluate(
    load("alpine.json"),
    defaultPolicy({ now: NOW, severities: ["CRITICAL"], exceptions }),
  );
}

describe("a package URL is no user:password@host", () => {
  it.each(FORMATS)("%s prints an exception's versioned purl as written", (format) => {
    const e = withException("pkg:apk/alpine/zlib@1.3.1-r2");
    expect(e.exceptions.applied[0]?.matched).toBe(1);
    const out = render(e, format);
    expect(out).not.toMatch(/\*\*\*|\\\*\\\*\\\*/);
    // SARIF names no exception's purl (a suppression gives its reason); Markdown breaks `@name`
    // mentions, so only the part before the `@` is compared there.
    if (format === "sarif") return;
    const shown = format === "markdown" ? "pkg:apk/alpine/zlib" : "pkg:apk/alpine/zlib@1.3.1-r2";
    expect(out).toContain(shown);
  });

  it("still masks a password in a purl's qualifiers", () => {
    const e = withException(
      "pkg:apk/alpine/zlib@1.3.1-r2?repository_url=https://u:S3CRET@r.example/a",
    );
    const out = render(e, "json");
    expect(out).not.toContain("S3CRET");
    expect(out).toContain("pkg:apk/alpine/zlib@1.3.1-r2?repository_url=https://***@r.example/a");
  });

  it.each(FORMATS)(
    "%s never prints a report's purl holding user:password before a host",
    (format) => {
      const e = gate(
        reportWithVuln({ PkgIdentifier: { PURL: "pkg:docker/u:PURLPW@r.example:5000" } }),
      );
      expect(render(e, format)).not.toMatch(/purlpw/i);
    },
  );

  it("masks only the credential of such a purl, keeping its type", () => {
    const e = gate(
      reportWithVuln({ PkgIdentifier: { PURL: "pkg:docker/u:PURLPW@r.example:5000" } }),
    );
    expect(e.findings[0]?.purl).toBe("pkg:docker/***");
    expect(render(e, "json")).toContain('"purl":"pkg:docker/***"');
  });

  it("keeps a real purl's base, qualifiers and version dropped", () => {
    const e = gate(reportWithVuln({}));
    expect(render(e, "json")).toContain('"purl":"pkg:apk/alpine/zlib"');
  });
});

describe("a Debian package URL with an epoch", () => {
  // Trivy writes the epoch into the version (`zlib1g@1:1.2.13`): no credential shape, so the
  // finding keeps its purl in --json rather than `***`.
  it("keeps the finding's purl base in the JSON output", () => {
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW }));
    const zlib = e.findings.find((f) => f.pkgName === "zlib1g");
    expect(zlib?.purl).toBe("pkg:deb/debian/zlib1g");
    expect(render(e, "json")).toContain('"purl":"pkg:deb/debian/zlib1g"');
  });
});
