import { describe, expect, it } from "vitest";
import {
  defaultPolicy,
  type EvaluatedFinding,
  evaluate,
  parseExceptions,
  parseTrivyReport,
  parseVex,
  type Status,
} from "../src/index.js";
import { fixture, HAVE_CORPUS, load, loadCorpus, thrown } from "./helpers.js";

const NOW = new Date("2026-12-04T12:00:00Z");
const byId = (list: EvaluatedFinding[]) => Object.fromEntries(list.map((f) => [f.id, f]));
const exceptions = () => parseExceptions(fixture("exceptions.yaml").toString(), "exceptions.yaml");
const vex = () => parseVex(fixture("vex.json").toString(), "vex.json");

describe("severity and Status", () => {
  it("blocks HIGH and CRITICAL except not_affected; every Status is judged", () => {
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW }));
    const d = Object.fromEntries(e.findings.map((f) => [f.id, f.disposition]));
    expect(d).toEqual({
      "CVE-2026-0001": "blocking", // fixed
      "CVE-2026-0002": "blocking", // affected
      "CVE-2026-0003": "not-affected",
      "CVE-2026-0004": "blocking", // will_not_fix: not hidden unless --ignore-unfixed
      "CVE-2026-0005": "blocking", // fix_deferred
      "CVE-2026-0006": "blocking", // under_investigation
      "CVE-2026-0007": "blocking", // end_of_life
      "CVE-2026-0008": "below-threshold", // unknown, MEDIUM
      "CVE-2026-0009": "below-threshold", // fixed, LOW
    });
    expect(e.passed).toBe(false);
    expect(e.counts.duplicates).toBe(1);
  });

  it("--ignore-unfixed leaves only fixable findings blocking", () => {
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW, ignoreUnfixed: true }));
    expect(e.blocking.map((f) => f.id)).toEqual(["CVE-2026-0001"]);
    expect(e.counts.byDisposition.unfixed).toBe(5);
  });

  it("--ignore-status accepts only the statuses named, never inferred ones", () => {
    const e = evaluate(
      load("statuses.json"),
      defaultPolicy({ now: NOW, ignoreStatuses: ["will_not_fix", "end_of_life"] }),
    );
    const d = Object.fromEntries(e.findings.map((f) => [f.id, f.disposition]));
    expect([d["CVE-2026-0004"], d["CVE-2026-0007"], d["CVE-2026-0002"]]).toEqual([
      "ignored-status",
      "ignored-status",
      "blocking",
    ]);
    const legacy = evaluate(
      load("legacy.json"),
      defaultPolicy({ now: NOW, ignoreStatuses: ["affected"] }),
    );
    expect(legacy.blocking.map((f) => f.id)).toEqual(["CVE-2021-3177", "CVE-2019-25013"]);
  });

  it("--ignore-status affected, as documented, unblocks a finding Trivy says is affected", () => {
    const disposition = (ignoreStatuses: Status[]) =>
      evaluate(load("statuses.json"), defaultPolicy({ now: NOW, ignoreStatuses })).findings.find(
        (f) => f.id === "CVE-2026-0002",
      )?.disposition;
    expect(disposition(["will_not_fix"])).toBe("blocking");
    expect(disposition(["affected"])).toBe("ignored-status");
  });

  it("infers fixability from FixedVersion for reports without Status", () => {
    const e = evaluate(load("legacy.json"), defaultPolicy({ now: NOW, ignoreUnfixed: true }));
    expect(e.blocking.map((f) => [f.id, f.fixable])).toEqual([["CVE-2021-3177", true]]);
  });

  it("a severity list is a threshold: LOW blocks LOW and every level above it", () => {
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW, severities: ["LOW"] }));
    expect(e.blocking.map((f) => f.id)).toContain("CVE-2026-0009");
    expect(e.blocking.map((f) => f.id)).toContain("CVE-2026-0001");
    expect(e.counts.byDisposition["below-threshold"]).toBe(0);
    expect(e.policy.severities).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
  });

  it("severity source: max of vendors, or one named vendor, and says which decided", () => {
    const max = byId(
      evaluate(load("statuses.json"), defaultPolicy({ now: NOW, severitySource: "max" })).findings,
    );
    expect([max["CVE-2026-0008"]?.severity, max["CVE-2026-0008"]?.severitySource]).toEqual([
      "CRITICAL",
      "nvd",
    ]);
    expect([max["CVE-2026-0009"]?.severity, max["CVE-2026-0009"]?.severitySource]).toEqual([
      "HIGH",
      "ghsa",
    ]);
    const deb = byId(
      evaluate(load("statuses.json"), defaultPolicy({ now: NOW, severitySource: "debian" }))
        .findings,
    );
    expect([deb["CVE-2026-0004"]?.severity, deb["CVE-2026-0004"]?.disposition]).toEqual([
      "LOW",
      "below-threshold",
    ]);
    // No debian entry: the report's own choice stands, with its source.
    expect(deb["CVE-2026-0005"]?.severitySource).toBe("debian");
  });

  it("warns when no finding carries the named vendor (a typo such as nvdd)", () => {
    const typo = evaluate(
      load("statuses.json"),
      defaultPolicy({ now: NOW, severitySource: "nvdd" }),
    );
    expect(typo.warnings).toHaveLength(1);
    expect(typo.warnings[0]).toMatch(
      /^severity source "nvdd" appears in no finding's VendorSeverity \(vendors in this report: .*nvd/,
    );
    for (const source of ["report", "max", "nvd"]) {
      expect(
        evaluate(load("statuses.json"), defaultPolicy({ now: NOW, severitySource: source }))
          .warnings,
      ).toEqual([]);
    }
    expect(
      evaluate(load("clean.json"), defaultPolicy({ now: NOW, severitySource: "nvdd" })).warnings,
    ).toEqual([]);
  });
});

describe("coverage", () => {
  it("a clean report passes", () => {
    const e = evaluate(load("clean.json"), defaultPolicy({ now: NOW }));
    expect(e.passed).toBe(true);
    expect(e.problems).toEqual([]);
  });

  it("an image whose OS was not detected is not a pass, unless allowed", () => {
    const e = evaluate(load("no-os.json"));
    expect(e.passed).toBe(false);
    expect(e.problems.map((p) => p.code)).toEqual(["os-not-detected"]);
    expect(evaluate(load("no-os.json"), defaultPolicy({ allowUnknownOs: true })).passed).toBe(true);
  });

  it("a report that does not say what was scanned, with no OS result, is not a pass", () => {
    // `[]` or a bare `{"SchemaVersion": 2}` could come from anything (an empty jq filter, a
    // stub): with no artifact type, OS or OS-package result, nothing shows an OS was scanned.
    for (const text of ["[]", '{"SchemaVersion": 2}']) {
      const e = evaluate(parseTrivyReport(text));
      expect([text, e.passed, e.problems.map((p) => p.code)]).toEqual([
        text,
        false,
        ["os-not-detected"],
      ]);
      expect(evaluate(parseTrivyReport(text), defaultPolicy({ allowUnknownOs: true })).passed).toBe(
        true,
      );
    }
    const fs = '{"SchemaVersion": 2, "ArtifactName": ".", "ArtifactType": "filesystem"}';
    expect(evaluate(parseTrivyReport(fs)).passed).toBe(true);
  });

  it("an end-of-life OS blocks unless --allow-eosl", () => {
    const e = evaluate(load("eosl.json"));
    expect(e.problems[0]?.message).toMatch(/alpine 3\.15\.0 is end-of-service-life/);
    expect(evaluate(load("eosl.json"), defaultPolicy({ allowEosl: true })).passed).toBe(true);
  });

  it.skipIf(!HAVE_CORPUS)(
    "the EOSL golden report fails only for EOSL at the default threshold",
    () => {
      const e = evaluate(loadCorpus("trivy-golden__alpine-310.json.golden"));
      expect([e.passed, e.blocking.length, e.problems.map((p) => p.code)]).toEqual([
        false,
        0,
        ["eosl"],
      ]);
    },
  );

  it("secrets and failed checks at a blocking severity fail the gate; --vulnerabilities-only mentions them", () => {
    const e = evaluate(load("classes.json"), defaultPolicy({ now: NOW }));
    expect(e.problems.map((p) => p.message)).toEqual([
      "1 secret(s) at HIGH and above: aws-access-key-id CRITICAL in /app/.env:1 (--vulnerabilities-only to judge vulnerabilities alone)",
      "1 failed misconfiguration check(s) at HIGH and above: DS002 HIGH in Dockerfile (--vulnerabilities-only to judge vulnerabilities alone)",
    ]);
    expect(e.notices).toEqual([]);
    expect(
      evaluate(
        load("classes.json"),
        defaultPolicy({ now: NOW, severities: ["CRITICAL"] }),
      ).problems.map((p) => p.code),
    ).toEqual(["secrets"]);
    const only = evaluate(
      load("classes.json"),
      defaultPolicy({ now: NOW, vulnerabilitiesOnly: true }),
    );
    expect(only.problems).toEqual([]);
    expect(only.notices).toHaveLength(2);
    expect(e.blocking.map((f) => f.id)).toEqual([
      "CVE-2025-22871",
      "CVE-2022-1471",
      "CVE-2022-1471",
      "CVE-2026-1001",
    ]);
  });
});

describe("exceptions", () => {
  it("applies a valid one, re-blocks on an expired one, and reports a stale one", () => {
    const e = evaluate(
      load("statuses.json"),
      defaultPolicy({ now: NOW, exceptions: exceptions() }),
    );
    const f = byId(e.findings);
    expect(f["CVE-2026-0002"]?.disposition).toBe("exception");
    expect(f["CVE-2026-0002"]?.exception?.reason).toMatch(/iconv/);
    expect(f["CVE-2026-0005"]?.disposition).toBe("blocking");
    expect(f["CVE-2026-0005"]?.expiredException?.expires).toBe("2020-01-31");
    expect(e.exceptions.expired.map((x) => [x.id, x.matched])).toEqual([["CVE-2026-0005", 1]]);
    expect(e.exceptions.stale.map((x) => x.id)).toEqual(["CVE-1999-0001"]);
    expect(e.exceptions.applied.map((x) => x.id)).toEqual(["CVE-2026-0002"]);
  });

  it("an exception is valid through its expiry day (UTC), and flagged when expiring soon", () => {
    const [ex] = parseExceptions("- {id: CVE-2026-0002, reason: r, expires: 2026-12-04}\n");
    const today = evaluate(load("statuses.json"), defaultPolicy({ now: NOW, exceptions: [ex!] }));
    expect(today.exceptions.expiringSoon.map((x) => x.daysLeft)).toEqual([0]);
    const tomorrow = evaluate(
      load("statuses.json"),
      defaultPolicy({ now: new Date("2026-12-05T00:00:01Z"), exceptions: [ex!] }),
    );
    expect(tomorrow.exceptions.expired).toHaveLength(1);
  });

  it("package and purl scopes must match", () => {
    const list = parseExceptions(
      "- {id: CVE-2026-0002, package: libc-bin, reason: r, expires: 2099-01-01}\n- {id: CVE-2026-0001, purl: 'pkg:deb/debian/libssl3@3.0.15-1', reason: r, expires: 2099-01-01}\n",
    );
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW, exceptions: list }));
    expect(e.exceptions.stale.map((x) => x.id)).toEqual(["CVE-2026-0002"]);
    expect(byId(e.findings)["CVE-2026-0001"]?.disposition).toBe("exception");
  });

  it.each([
    ["- {id: CVE-1, reason: r}\n", "exceptions[0].expires: is required"],
    ["- {id: CVE-1, expires: 2099-01-01}\n", "exceptions[0].reason: is required"],
    ["- {id: CVE-1, reason: r, expiry: 2099-01-01}\n", "exceptions[0].expiry: unknown key"],
    [
      "- {id: CVE-1, reason: r, expires: 2099-02-30}\n",
      'exceptions[0].expires: "2099-02-30" is not a date',
    ],
    ["- {id: CVE-1, reason: r, expires: 2099-01-01, purl: openssl}\n", "is not a package URL"],
    ["exceptions: {id: CVE-1}\n", "exceptions: expected a list"],
    [
      // A "billion laughs" alias bomb: refused as bad input, not an internal error.
      `a: &a [x, x, x, x, x, x, x, x, x]\n${"bcdefghi"
        .split("")
        .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)
        .join("\n")}\nexceptions: []\n`,
      "too many YAML aliases",
    ],
    [
      "- id: [unclosed\n",
      "line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  ])("rejects %j", (text, message) => {
    const err = thrown(() => parseExceptions(text, "x.yaml"));
    expect(err.code).toBe("ALPINIZE_GATE_EXCEPTIONS_INVALID");
    expect(err.message).toContain(message);
  });
});

describe("OpenVEX", () => {
  it("not_affected suppresses with its justification; affected does not; unused are listed", () => {
    const e = evaluate(load("statuses.json"), defaultPolicy({ now: NOW, vex: vex() }));
    const f = byId(e.findings);
    expect(f["CVE-2026-0006"]?.disposition).toBe("vex");
    expect(f["CVE-2026-0006"]?.vex?.justification).toBe("vulnerable_code_not_in_execute_path");
    expect(f["CVE-2026-0007"]?.disposition).toBe("blocking");
    expect(e.vex.unused.map((s) => s.vulnerability)).toEqual(["CVE-2030-9999"]);
  });

  it("the newest statement wins, and a fixed statement suppresses", () => {
    const doc = (status: string, ts: string) => ({
      vulnerability: { name: "CVE-2026-0002" },
      products: [{ "@id": "pkg:deb/debian/libc6" }],
      status,
      timestamp: ts,
      action_statement: "x",
    });
    const text = (a: object, b: object) =>
      JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [a, b] });
    const fixedLater = parseVex(
      text(doc("affected", "2026-01-01T00:00:00Z"), doc("fixed", "2026-02-01T00:00:00Z")),
    );
    expect(
      byId(evaluate(load("statuses.json"), defaultPolicy({ vex: fixedLater })).findings)[
        "CVE-2026-0002"
      ]?.disposition,
    ).toBe("vex");
    const affectedLater = parseVex(
      text(doc("fixed", "2026-03-01T00:00:00Z"), doc("affected", "2026-02-01T00:00:00Z")),
    );
    expect(
      byId(evaluate(load("statuses.json"), defaultPolicy({ vex: affectedLater })).findings)[
        "CVE-2026-0002"
      ]?.disposition,
    ).toBe("vex");
  });

  it.each([
    ['{"statements":[]}', "@context: not an OpenVEX document"],
    [
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"products":[],"status":"not_affected"}]}',
      "needs a justification",
    ],
    [
      '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"status":"maybe"}]}',
      "statements[0].status",
    ],
    ["{", "not valid JSON"],
  ])("rejects %s", (text, message) => {
    const err = thrown(() => parseVex(text, "v.json"));
    expect(err.code).toBe("ALPINIZE_GATE_VEX_INVALID");
    expect(err.message).toContain(message);
  });
});
