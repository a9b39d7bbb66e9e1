import { describe, expect, it } from "vitest";
import { FORMATS, parseTrivyReport, render } from "../src/index.js";
import { gate, reportJson } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

describe("a bare word that is not JSON is an invalid literal, wherever it ends", () => {
  it.each(["xyz", "aaaa", "trux", "hello world", "nulll", '{"a": yes}', "e"])("%j", (text) => {
    const err = thrown(() => parseTrivyReport(text, { source: "r.json" }));
    expect(err.code).toBe("ALPINIZE_GATE_BAD_JSON");
    expect(err.message).toMatch(/^r\.json:\d+:\d+: not valid JSON: invalid literal '/);
    expect(err.message).not.toContain("truncated");
  });

  // What more bytes could still complete is cut short: the file looks truncated.
  it.each(["tru", "fals", "n", '{"a": nu', "[-", "[1e", "[1.", "[1e+"])("%j", (text) => {
    expect(thrown(() => parseTrivyReport(text)).code).toBe("ALPINIZE_GATE_REPORT_TRUNCATED");
  });
});

describe("a report naming no OS release", () => {
  // No Metadata.OS, and a Target without a version: the family comes from the result's Type.
  const json = reportJson({
    meta: { OS: undefined },
    results: [{ Target: "x (debian)", Class: "os-pkgs", Type: "debian", Vulnerabilities: [] }],
  });

  it.each(FORMATS.filter((f) => f !== "json" && f !== "sarif"))(
    "%s: the header shows (debian) with no trailing space",
    (format) => {
      const out = render(gate(json), format);
      expect(out).toContain("(debian)");
      expect(out).not.toContain("(debian )");
    },
  );
});
