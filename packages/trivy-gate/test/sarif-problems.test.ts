import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, type Policy, render } from "../src/index.js";
import { cleanOsReport, gate, RUN_DATE, reportJson } from "./fail-closed-fixtures.js";
import { HAVE_CORPUS, loadCorpus } from "./helpers.js";

// A gate failing on its OS alone (Alpine 3.14, no findings) exited 1 but its SARIF had no
// result: the problem was only in the run's properties, so code scanning showed green.

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string } };
    message: { text: string };
  }[];
  partialFingerprints: Record<string, string>;
}
interface Run {
  tool: {
    driver: {
      rules: { id: string; help: { text: string }; defaultConfiguration: { level: string } }[];
    };
  };
  results: Result[];
}

const sarif = (json: string, policy: Partial<Policy> = {}, location?: string) => {
  const e = gate(json, policy);
  const run = (JSON.parse(render(e, "sarif", { sarifLocation: location })) as { runs: Run[] })
    .runs[0]!;
  for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  return { e, run };
};

const ended = cleanOsReport("alpine", "3.14.2");

describe("SARIF has a result for every OS problem", () => {
  it("an end-of-life OS with no findings: one error at the --sarif-location", () => {
    const { e, run } = sarif(ended, {}, "docker/Dockerfile");
    expect(e.passed).toBe(false);
    expect(run.results).toHaveLength(1);
    const [r] = run.results;
    expect([r!.ruleId, r!.level]).toEqual(["alpinize-gate/eosl", "error"]);
    expect(r!.message.text).toMatch(
      /^alpine 3\.14\.2 is end-of-service-life: .* fails the gate\.$/,
    );
    expect(r!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("docker/Dockerfile");
    expect(r!.locations[0]!.message.text).toBe("ghcr.io/acme/x:1 (alpine 3.14.2)");
    const rule = run.tool.driver.rules[r!.ruleIndex]!;
    expect(rule.defaultConfiguration.level).toBe("error");
    expect(rule.help.text).toContain("--allow-eosl");
  });

  it("--allow-eosl: no problem, no result", () => {
    expect(sarif(ended, { allowEosl: true }).run.results).toEqual([]);
  });

  it("an unknown end-of-life status: a warning, an error under --strict-eosl", () => {
    const newer = cleanOsReport("alpine", "3.99.0");
    const warned = sarif(newer).run.results;
    expect(warned.map((r) => [r.ruleId, r.level])).toEqual([
      ["alpinize-gate/eosl-unknown", "warning"],
    ]);
    expect(warned[0]!.message.text).toMatch(/update alpinize.*does not fail the gate\.$/);
    const strict = sarif(newer, { strictEosl: true }).run.results;
    expect(strict.map((r) => [r.ruleId, r.level])).toEqual([
      ["alpinize-gate/eosl-unknown", "error"],
    ]);
  });

  it("an OS not scanned, and one not detected in an image", () => {
    const notScanned = reportJson({ results: [] });
    expect(sarif(notScanned).run.results.map((r) => r.ruleId)).toEqual([
      "alpinize-gate/os-not-scanned",
    ]);
    const noOs = reportJson({ meta: { OS: undefined }, results: [] });
    expect(sarif(noOs).run.results.map((r) => r.ruleId)).toEqual(["alpinize-gate/os-not-detected"]);
  });

  it("comes first with the findings, keeps its rule index, and survives the result limit", () => {
    const json = reportJson({
      meta: { OS: { Family: "alpine", Name: "3.14.2" } },
    });
    const e = gate(json);
    const run = (JSON.parse(render(e, "sarif", { maxSarifResults: 1 })) as { runs: Run[] })
      .runs[0]!;
    expect(run.results.map((r) => r.ruleId)).toEqual(["alpinize-gate/eosl"]);
    const all = sarif(json).run.results;
    expect(all.map((r) => r.ruleId)).toEqual(["alpinize-gate/eosl", "CVE-2026-1"]);
  });

  it("the fingerprint names the problem and OS, not the message (stable across run dates)", () => {
    const at = (e: ReturnType<typeof gate>) =>
      (JSON.parse(render(e, "sarif")) as { runs: Run[] }).runs[0]!.results[0]!.partialFingerprints;
    expect(at(gate(ended))).toEqual(at(gate(ended, { now: new Date("2027-06-01T00:00:00Z") })));
  });
});

describe.skipIf(!HAVE_CORPUS)("the corpus's Alpine 3.14 report with no findings", () => {
  it("fails the gate and uploads an alert", () => {
    const e = evaluate(
      loadCorpus("defectdojo__scheme_2_no_vuln.json"),
      defaultPolicy({ now: RUN_DATE }),
    );
    expect(e.passed).toBe(false);
    const run = (JSON.parse(render(e, "sarif")) as { runs: Run[] }).runs[0]!;
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([["alpinize-gate/eosl", "error"]]);
  });
});
