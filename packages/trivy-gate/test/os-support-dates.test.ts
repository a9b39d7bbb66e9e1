import { describe, expect, it } from "vitest";
import { cleanOsReport as clean, gate } from "./fail-closed-fixtures.js";

// The table stopped at Alpine 3.23, Debian 12 and Ubuntu 20.04, so Alpine 3.24, Debian 13 and
// Ubuntu 22.04/24.04 images, all supported, got an "unknown" warning (a failure with
// --strict-eosl). A release newer than the table is unknown too, and now says that a newer
// alpinize may know it. Ubuntu 26.04 (released April 2026) was unknown too, though Ubuntu
// had announced its end of standard support: it is judged by that date now.

const TODAY = new Date("2026-12-06T12:00:00Z");

const judged = (family: string, name: string, policy = {}) =>
  gate(clean(family, name), { now: TODAY, ...policy });

describe("the table's newest releases", () => {
  it.each([
    ["alpine", "3.24.1", "3.24", "2028-06-01"],
    ["debian", "13.2", "13", "2030-06-30"],
    ["ubuntu", "22.04", "22.04", "2027-06-30"],
    ["ubuntu", "24.04.3 LTS", "24.04", "2029-05-31"],
    ["ubuntu", "26.04", "26.04", "2031-04-30"],
    ["ubuntu", "26.04.1 LTS", "26.04", "2031-04-30"],
  ])(
    "%s %s is supported until %s's announced date, with no warning",
    (family, name, release, ends) => {
      const e = judged(family, name, { strictEosl: true });
      expect([e.passed, e.problems, e.warnings]).toEqual([true, [], []]);
      expect(e.osSupport).toEqual({ status: "supported", source: "table", release, ends });
    },
  );

  it.each([
    ["alpine", "3.24.1", "2028-06-01T23:59:59Z", "2028-06-02T00:00:00Z"],
    ["debian", "13.2", "2030-06-30T23:59:59Z", "2030-07-01T00:00:00Z"],
    ["ubuntu", "22.04", "2027-06-30T23:59:59Z", "2027-07-01T00:00:00Z"],
    ["ubuntu", "24.04", "2029-05-31T23:59:59Z", "2029-06-01T00:00:00Z"],
    ["ubuntu", "26.04", "2031-04-30T23:59:59Z", "2031-05-01T00:00:00Z"],
  ])("%s %s ends after its last day", (family, name, last, after) => {
    const at = (iso: string) =>
      gate(clean(family, name), { now: new Date(iso) }).problems.map((p) => p.code);
    expect(at(last)).toEqual([]);
    expect(at(after)).toEqual(["eosl"]);
  });
});

describe("on 2026-12-06", () => {
  it.each([
    ["alpine", "3.20.8", "2026-04-01"],
    ["alpine", "3.21.5", "2026-11-01"],
    ["debian", "11.11", "2026-08-31"],
    ["ubuntu", "20.04", "2025-05-31"],
  ])("%s %s has ended (%s)", (family, name, ends) => {
    const e = judged(family, name);
    expect(e.problems.map((p) => p.code)).toEqual(["eosl"]);
    expect(e.osSupport).toMatchObject({ status: "ended", ends });
  });

  it.each([
    ["alpine", "3.22.2"],
    ["alpine", "3.23.0"],
    ["debian", "12.11"],
  ])("%s %s is still supported", (family, name) => {
    expect(judged(family, name).osSupport?.status).toBe("supported");
  });
});

describe("a release newer than the table", () => {
  it.each([
    ["alpine", "3.25.0", "alpine 3.25", "3.24"],
    ["alpine", "4.0.0", "alpine 4.0", "3.24"],
    ["debian", "14.1", "debian 14", "13"],
    ["ubuntu", "26.10", "ubuntu 26.10", "26.04"],
  ])("%s %s: unknown, a warning saying to update alpinize", (family, name, release, newest) => {
    const e = judged(family, name);
    expect([e.passed, e.problems]).toEqual([true, []]);
    expect(e.osSupport).toMatchObject({ status: "unknown", source: "none" });
    expect(e.warnings).toEqual([
      `end-of-life status unknown: the report does not mark ${family} ${name} end-of-service-life (Trivy writes Metadata.OS.EOSL only when it is, and older Trivy never does) and ${release} is newer than the gate's table of announced end-of-support dates (its newest ${family} release is ${newest}): update alpinize, whose newer versions add releases as they are announced, or check that the release is still supported; --strict-eosl makes this fail the gate`,
    ]);
  });

  it("--strict-eosl fails it, and the failure says to update alpinize too", () => {
    const e = judged("debian", "14.1", { strictEosl: true });
    expect([e.passed, e.warnings]).toEqual([false, []]);
    expect(e.problems.map((p) => p.code)).toEqual(["eosl-unknown"]);
    expect(e.problems[0]?.message).toContain(": update alpinize, whose newer versions add");
    expect(e.problems[0]?.message).toMatch(/ \(--strict-eosl\)$/);
  });

  it("a name without a release, or a family the table lacks, does not blame the table", () => {
    for (const [family, name] of [
      ["alpine", "3.21_alpha20240807"],
      ["redhat", "9.4"],
    ] as const) {
      const warning = judged(family, name).warnings[0];
      expect(warning).toContain("the gate has no announced end-of-support date for it");
      expect(warning).not.toContain("update alpinize");
    }
  });
});

// Ubuntu's interim releases (nine months of support) were left out of the table, so 24.10,
// 25.04 and 25.10 images, all past their end of life, passed with an "unknown" warning.
describe("Ubuntu interim releases", () => {
  it.each([
    ["24.10", "2025-07-10"],
    ["25.04", "2026-01-15"],
    ["25.10", "2026-07-09"],
    ["23.10", "2024-07-11"],
  ])("ubuntu %s ended on %s: it fails the gate, with no warning", (name, ends) => {
    const e = judged("ubuntu", name);
    expect([e.passed, e.warnings]).toEqual([false, []]);
    expect(e.osSupport).toEqual({ status: "ended", source: "table", release: name, ends });
    expect(e.problems.map((p) => p.code)).toEqual(["eosl"]);
    expect(e.problems[0]?.message).toContain(`support for ubuntu ${name} ended on ${ends}`);
    expect(judged("ubuntu", name, { allowEosl: true }).passed).toBe(true);
  });

  it("25.10 is supported through its last day", () => {
    const at = (iso: string) =>
      gate(clean("ubuntu", "25.10"), { now: new Date(iso) }).problems.map((p) => p.code);
    expect(at("2026-07-09T23:59:59Z")).toEqual([]);
    expect(at("2026-07-10T00:00:00Z")).toEqual(["eosl"]);
  });
});
