import { describe, expect, it } from "vitest";
import { parseExceptions, parseVex, render } from "../src/index.js";
import { gate, notAffected, reportJson, vexDoc, vuln } from "./fail-closed-fixtures.js";

// Reports from Trivy < 0.49 have no PkgIdentifier: packages are known by name and result type.
const openssl = (extra: object = {}) =>
  vuln({ PkgName: "openssl", PkgIdentifier: undefined, ...extra });
const osResult = (type = "alpine", extra: object = {}) => ({
  Target: `x (${type})`,
  Class: "os-pkgs",
  Type: type,
  Vulnerabilities: [openssl(extra)],
});
const npmResult = {
  Target: "app/package-lock.json",
  Class: "lang-pkgs",
  Type: "npm",
  Vulnerabilities: [openssl()],
};
/** The report names the OS of its OS packages result, as Trivy's do. */
const withVex = (results: { Class?: string; Type?: string }[], product: string) => {
  const family = results.find((r) => r.Class === "os-pkgs")?.Type ?? "alpine";
  return gate(reportJson({ results, meta: { OS: { Family: family, Name: "1" } } }), {
    vex: parseVex(vexDoc([notAffected({ "@id": product })]), "v.json"),
  });
};

describe("VEX on a report without package URLs: the PURL type must fit the result type", () => {
  it("a statement for npm's openssl does not suppress Alpine's openssl", () => {
    const e = withVex([osResult()], "pkg:npm/openssl");
    expect(e.passed).toBe(false);
    expect(e.blocking.map((f) => f.pkgName)).toEqual(["openssl"]);
    expect(e.vex.unused).toHaveLength(1);
  });

  it.each([
    ["pkg:apk/alpine/openssl", "alpine"],
    ["pkg:apk/ALPINE/OpenSSL", "alpine"],
    ["pkg:apk/openssl", "wolfi"],
    ["pkg:deb/ubuntu/openssl", "ubuntu"],
    ["pkg:rpm/suse/openssl", "suse linux enterprise server"],
    ["pkg:rpm/opensuse/openssl", "opensuse.leap"],
  ])("%s applies to a %s result", (purl, type) => {
    const e = withVex([osResult(type)], purl);
    expect(e.passed).toBe(true);
    expect(e.findings[0]?.disposition).toBe("vex");
  });

  it.each([
    ["pkg:deb/debian/openssl", "alpine"],
    ["pkg:apk/wolfi/openssl", "alpine"],
    ["pkg:deb/debian/openssl", "ubuntu"],
    ["pkg:rpm/redhat/openssl", "alpine"],
  ])("%s does not apply to a %s result", (purl, type) => {
    expect(withVex([osResult(type)], purl).passed).toBe(false);
  });

  it("a statement for npm's openssl applies to the npm result only", () => {
    // The clean OS packages result Trivy writes for a scanned image with no OS findings.
    const cleanOs = { Target: "x (alpine 3.23.0)", Class: "os-pkgs", Type: "alpine" };
    const e = withVex([cleanOs, npmResult], "pkg:npm/openssl");
    expect(e.passed).toBe(true);
  });

  it("copies of one name from two ecosystems merged into one finding need both to fit", () => {
    const e = withVex([osResult(), npmResult], "pkg:apk/alpine/openssl");
    expect(e.counts.duplicates).toBe(1);
    expect(e.passed).toBe(false);
  });

  it("a PURL type the gate cannot place is not applied, and the gate says why", () => {
    const e = withVex([osResult()], "pkg:generic/openssl");
    expect(e.passed).toBe(false);
    expect(e.vex.ignored).toHaveLength(1);
    expect(e.vex.ignored[0]?.reason).toContain(
      '"pkg:generic" is not a package type the gate can tie to a Trivy result',
    );
    expect(e.warnings.join("\n")).toContain("(CVE-2026-1, pkg:generic/openssl) not applied");
    expect(render(e, "text")).toContain("pkg:generic");
  });

  it("a result type the gate cannot place is not matched either, and the gate says why", () => {
    const e = withVex([osResult("bottlerocket")], "pkg:apk/openssl");
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.reason).toContain(
      'the result (target x (bottlerocket)) has type "bottlerocket", which the gate cannot tie to a package ecosystem',
    );
  });

  it("reports with package URLs still compare them whole", () => {
    const results = [
      {
        Target: "x",
        Class: "os-pkgs",
        Type: "alpine",
        Vulnerabilities: [
          vuln({ PkgName: "openssl", PkgIdentifier: { PURL: "pkg:apk/alpine/openssl@1.0-r0" } }),
        ],
      },
    ];
    expect(withVex(results, "pkg:npm/openssl").passed).toBe(false);
    expect(withVex(results, "pkg:apk/alpine/openssl").passed).toBe(true);
  });

  it("a malformed percent escape is compared as written, not a crash", () => {
    expect(withVex([osResult()], "pkg:apk/alpine/openssl%").passed).toBe(false);
    expect(withVex([osResult()], "pkg:apk/alpine/openssl@1%zz").passed).toBe(false);
  });

  it("an exception scoped to npm's openssl does not cover Alpine's", () => {
    const exceptions = parseExceptions(
      "- {id: CVE-2026-1, purl: pkg:npm/openssl, reason: r, expires: 2099-01-01}\n",
      "ex.yaml",
    );
    const e = gate(reportJson({ results: [osResult()] }), { exceptions });
    expect(e.passed).toBe(false);
    expect(e.exceptions.stale).toHaveLength(1);
  });
});
