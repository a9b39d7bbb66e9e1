import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, render } from "../src/index.js";
import { releaseOf } from "../src/policy/os-support.js";
import { cleanOsReport as clean, gate, RUN_DATE, reportJson } from "./fail-closed-fixtures.js";
import { corpusFiles, loadCorpus } from "./helpers.js";

// Trivy writes Metadata.OS.EOSL only when it is true (and Trivy before its EOSL check never
// writes it), so a report of an Alpine 3.14 image without it passed the gate years after the
// branch's support ended. The gate now judges the release against announced dates on the run
// date, and says when it cannot.

const codes = (json: string, policy = {}) => gate(json, policy).problems.map((p) => p.code);

describe("end of support without Metadata.OS.EOSL", () => {
  it.each([
    ["alpine", "3.14.0", "3.14", "2023-05-01"],
    ["alpine", "3.9.4", "3.9", "2020-11-01"],
    ["debian", "9.13", "9", "2022-06-30"],
    ["debian", "10.1", "10", "2024-06-30"],
    ["ubuntu", "18.04", "18.04", "2023-05-31"],
  ])("%s %s: ended on the announced date, fails like EOSL", (family, name, release, ends) => {
    const e = gate(clean(family, name));
    expect(e.passed).toBe(false);
    expect(e.problems).toEqual([
      {
        code: "eosl",
        message: `${family} ${name} is end-of-service-life: support for ${family} ${release} ended on ${ends} (the gate's table of announced dates; the report has no Metadata.OS.EOSL), so it gets no security fixes; move to a supported release (or pass --allow-eosl)`,
      },
    ]);
    expect(e.osSupport).toEqual({ status: "ended", source: "table", release, ends });
    expect(e.warnings).toEqual([]);
  });

  it("--allow-eosl accepts it, as it accepts Trivy's EOSL", () => {
    const e = gate(clean("alpine", "3.14.0"), { allowEosl: true });
    expect([e.passed, e.problems, e.warnings]).toEqual([true, [], []]);
  });

  it("support holds through its last day (UTC), as an exception's expiry does", () => {
    const at = (iso: string) => codes(clean("alpine", "3.21.3"), { now: new Date(iso) });
    expect(at("2026-11-01T23:59:59Z")).toEqual([]);
    expect(at("2026-11-02T00:00:00Z")).toEqual(["eosl"]);
  });

  it("is judged on the run date, not the scan date: a report of a then-supported release fails later", () => {
    const json = clean("alpine", "3.14.0").replace("{", '{"CreatedAt":"2021-08-25T12:00:00Z",');
    expect(codes(json, { now: new Date("2022-01-01T00:00:00Z") })).toEqual([]);
    expect(codes(json)).toEqual(["eosl"]);
  });

  it("a supported release passes without a warning", () => {
    const e = gate(clean("alpine", "3.23.0"));
    expect([e.passed, e.warnings]).toEqual([true, []]);
    expect(e.osSupport).toEqual({
      status: "supported",
      source: "table",
      release: "3.23",
      ends: "2027-11-01",
    });
    expect(gate(clean("debian", "12.11")).osSupport?.status).toBe("supported");
  });

  it("Trivy's EOSL wins over the table (it knows of support the table does not)", () => {
    const e = gate(clean("alpine", "3.23.0", true));
    expect(e.problems.map((p) => p.message)).toEqual([
      "alpine 3.23.0 is end-of-service-life: it gets no security fixes; move to a supported release (or pass --allow-eosl)",
    ]);
    expect(e.osSupport).toMatchObject({ status: "eosl", source: "report" });
  });

  it('an explicit "EOSL": false (Trivy omits it) is read as its absence', () => {
    expect(codes(clean("alpine", "3.14.0", false))).toEqual(["eosl"]);
  });
});

describe("end-of-life status unknown", () => {
  // Names with no release the table keys (Alpine edge, Debian testing, Ubuntu with ESM), and
  // a release past the table's last entry.
  it.each([
    ["alpine", "3.21_alpha20240807"],
    ["alpine", "3.99.0"],
    ["debian", "bookworm/sid"],
    ["debian", "99.1"],
    ["ubuntu", "18.04-ESM"],
    ["redhat", "7.9"],
    ["alpine", ""],
  ])("%s %s: a warning, not a pass in silence", (family, name) => {
    const e = gate(clean(family, name));
    expect(e.passed).toBe(true);
    expect(e.osSupport).toMatchObject({ status: "unknown", source: "none" });
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/^end-of-life status unknown: the report does not mark /);
    expect(e.warnings[0]).toContain("--strict-eosl makes this fail the gate");
    expect(e.osSupport?.warning).toBe(e.warnings[0]);
  });

  it("--strict-eosl fails it (problem eosl-unknown), with no warning besides", () => {
    const e = gate(clean("alpine", "3.21_alpha20240807"), { strictEosl: true });
    expect([e.passed, e.problems.map((p) => p.code), e.warnings]).toEqual([
      false,
      ["eosl-unknown"],
      [],
    ]);
    expect(e.problems[0]?.message).toMatch(/^end-of-life status unknown: .* \(--strict-eosl\)$/);
    expect(e.osSupport?.warning).toBeUndefined();
  });

  it("--allow-eosl: neither warning nor failure", () => {
    const e = gate(clean("alpine", "3.99.0"), { allowEosl: true, strictEosl: true });
    expect([e.passed, e.problems, e.warnings]).toEqual([true, [], []]);
  });

  it("a rolling distribution (Wolfi, Chainguard) has no end of support: nothing to warn", () => {
    const e = gate(clean("wolfi", "20230201"), { strictEosl: true });
    expect([e.passed, e.warnings, e.osSupport?.status]).toEqual([true, [], "rolling"]);
  });

  it("a report with no OS and no OS packages has no osSupport (its coverage is judged elsewhere)", () => {
    const json = reportJson({ meta: { OS: undefined }, results: [] });
    expect(gate(json, { allowUnknownOs: true }).osSupport).toBeUndefined();
  });
});

describe("releaseOf", () => {
  it.each([
    ["alpine", "3.14.0", "3.14"],
    ["alpine", "3.14", "3.14"],
    ["alpine", "3.10.2", "3.10"],
    ["alpine", "3", undefined],
    ["debian", "9", "9"],
    ["debian", "12.11", "12"],
    ["ubuntu", "22.04", "22.04"],
    ["ubuntu", "22.04.5 LTS", "22.04"],
    ["ubuntu", "22", undefined],
    ["centos", "7.9", undefined],
  ])("%s %s -> %s", (family, name, release) => {
    expect(releaseOf(family, name)).toBe(release);
  });
});

describe("every format shows it", () => {
  const ended = gate(clean("alpine", "3.14.0"));
  const unknown = gate(clean("alpine", "3.99.0"));

  it("text: the problem line, as for Trivy's EOSL", () => {
    expect(render(ended, "text")).toContain(
      "problem alpine 3.14.0 is end-of-service-life: support for alpine 3.14 ended on 2023-05-01",
    );
    expect(render(unknown, "text")).toMatch(/^alpinize gate: PASS/);
  });

  it("markdown: a caution when it fails, a warning when unknown", () => {
    expect(render(ended, "markdown")).toContain(
      "> [!CAUTION]\n> alpine 3.14.0 is end-of-service-life: support for alpine 3.14 ended on 2023-05-01",
    );
    expect(render(unknown, "markdown")).toContain(
      "> [!WARNING]\n> end-of-life status unknown: the report does not mark alpine 3.99.0",
    );
  });

  it("json: osSupport next to problems, the warning in warnings", () => {
    const doc = JSON.parse(render(ended, "json"));
    expect(doc.problems[0].code).toBe("eosl");
    expect(doc.osSupport).toEqual({
      status: "ended",
      source: "table",
      release: "3.14",
      ends: "2023-05-01",
    });
    const u = JSON.parse(render(unknown, "json"));
    expect(u.osSupport.status).toBe("unknown");
    expect(u.warnings).toEqual([u.osSupport.warning]);
  });

  it("sarif: run properties, and a tool notification for the unknown status", () => {
    const run = JSON.parse(render(ended, "sarif")).runs[0];
    expect(run.properties.problems[0]).toContain("ended on 2023-05-01");
    expect(run.properties.osSupport.status).toBe("ended");
    const u = JSON.parse(render(unknown, "sarif")).runs[0];
    expect(u.invocations[0].toolExecutionNotifications).toEqual([
      { level: "warning", message: { text: unknown.warnings[0] } },
    ]);
  });
});

describe.runIf(corpusFiles().includes("defectdojo__scheme_2_no_vuln.json"))("corpus", () => {
  it("the Alpine 3.14.0 report without EOSL fails on the run date", () => {
    const e = evaluate(
      loadCorpus("defectdojo__scheme_2_no_vuln.json"),
      defaultPolicy({ now: RUN_DATE }),
    );
    expect([e.passed, e.problems.map((p) => p.code)]).toEqual([false, ["eosl"]]);
  });
});
