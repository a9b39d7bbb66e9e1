import { createHash } from "node:crypto";
import type { Evaluation, Problem } from "../evaluation.js";
import { named } from "../policy/os-support.js";
import { field } from "./fields.js";
import { sarifLocation } from "./sarif-uri.js";

/**
 * Problems of the image's OS as SARIF results. Kept only in the run's properties, a gate that
 * failed on one alone (an end-of-life Alpine 3.14 with no findings) uploaded with no alert, so
 * code scanning showed green while the job failed. Secrets and misconfigurations are results of
 * their own already.
 */
type OsProblemCode = Exclude<Problem["code"], "secrets" | "misconfigurations">;

interface RuleText {
  name: string;
  short: string;
  help: string;
}

const RULES: Record<OsProblemCode, RuleText> = {
  eosl: {
    name: "EndOfServiceLifeOs",
    short: "The image's operating system is end-of-service-life",
    help: "The image's OS release gets no security fixes any more: Trivy marks it end-of-service-life (Metadata.OS.EOSL), or its announced end of support has passed (the gate's table of dates). Move the image to a supported release; `alpinize gate --allow-eosl` accepts it.",
  },
  "eosl-unknown": {
    name: "OsEndOfLifeUnknown",
    short: "The end-of-life status of the image's operating system is unknown",
    help: "Neither the Trivy report nor the gate's table of announced dates says whether the image's OS release still gets security fixes. Check that the release is supported, and update alpinize when the release is newer than its table. It warns, and fails the gate under `--strict-eosl`.",
  },
  "os-not-detected": {
    name: "OsNotDetected",
    short: "Trivy did not detect the image's operating system",
    help: "With no OS detected, the OS packages were not scanned, so the report does not show the image clean. Gate the report of `trivy image --format json`; `alpinize gate --allow-unknown-os` accepts an image with no OS (scratch, distroless).",
  },
  "os-not-scanned": {
    name: "OsNotScanned",
    short: "The image's operating system packages were not scanned",
    help: "The report names an OS but has no OS packages result, so its packages were not scanned for vulnerabilities. Re-run `trivy image --scanners vuln` (with no `--pkg-types` that leaves out os) and check that Trivy supports the OS.",
  },
  "os-type-mismatch": {
    name: "OsTypeMismatch",
    short: "The OS packages result is of another OS than the report names",
    help: "Trivy writes the report's OS and the OS packages result's Type from the one OS it scanned, so a report where they differ was edited or merged from two scans. Gate the report Trivy wrote for this image.",
  },
};

const isOsProblem = (code: Problem["code"]): code is OsProblemCode => Object.hasOwn(RULES, code);

export const osProblemRuleId = (code: OsProblemCode): string => `alpinize-gate/${code}`;

interface Item {
  code: OsProblemCode;
  message: string;
  level: "error" | "warning";
}

/** What fails the gate (level error), then the end-of-life warning that does not (warning). */
function items(e: Evaluation): Item[] {
  const out: Item[] = e.problems.flatMap((p) =>
    isOsProblem(p.code) ? [{ code: p.code, message: p.message, level: "error" as const }] : [],
  );
  const warning = e.osSupport?.warning;
  if (warning) out.push({ code: "eosl-unknown", message: warning, level: "warning" });
  return out;
}

/** Results and rules for the OS problems; `firstIndex` is the index of the first new rule. */
export function osProblemResults(
  e: Evaluation,
  uri: string,
  firstIndex: number,
): { results: Record<string, unknown>[]; rules: Record<string, unknown>[] } {
  const rules: Record<string, unknown>[] = [];
  const indexOf = new Map<OsProblemCode, number>();
  const where = target(e);
  const results = items(e).map((item) => {
    let index = indexOf.get(item.code);
    if (index === undefined) {
      index = firstIndex + rules.length;
      indexOf.set(item.code, index);
      rules.push(rule(item));
    }
    const verdict = item.level === "error" ? "fails the gate" : "does not fail the gate";
    return {
      ruleId: osProblemRuleId(item.code),
      ruleIndex: index,
      level: item.level,
      message: { text: `${item.message}; ${verdict}.` },
      locations: [sarifLocation(uri, 1, where)],
      // The code and the OS, not the message (whose dates and wording change): one alert per
      // problem of this image's OS, closed when it is mended.
      partialFingerprints: { "alpinizeProblem/v1": fingerprint(e, item.code) },
      properties: { problem: item.code, blocking: item.level === "error" },
    };
  });
  return { results, rules };
}

function rule(item: Item): Record<string, unknown> {
  const text = RULES[item.code];
  return {
    id: osProblemRuleId(item.code),
    name: text.name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.help },
    help: { text: text.help, markdown: `**${text.short}**\n\n${text.help}` },
    defaultConfiguration: { level: item.level },
    properties: { tags: ["security", "operating-system"], precision: "very-high" },
  };
}

/** The image and its OS, as Trivy names an OS packages target (`app:1 (alpine 3.14.2)`). */
function target(e: Evaluation): string {
  const name = field(e.report.artifactName ?? e.report.source, "target");
  const os = e.report.os;
  return os ? `${name} (${named(os)})` : name;
}

function fingerprint(e: Evaluation, code: OsProblemCode): string {
  const os = e.report.os;
  const key = `${code}|${os?.family ?? ""}|${e.osSupport?.release ?? os?.name ?? ""}`;
  return createHash("sha256").update(key).digest("hex");
}
