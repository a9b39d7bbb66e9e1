import { InputError } from "@alpinize/errors";
import { formatBytes } from "../size.js";
import {
  type Finding,
  type OsInfo,
  type OtherFinding,
  type Report,
  type ResultSummary,
  SEVERITIES,
  type Severity,
} from "../types.js";
import { knownArtifactType } from "./artifact-type.js";
import { asciiUpper } from "./ascii-case.js";
import { type Checker, checker, invalid, shownKey, shownValue, typeName } from "./check.js";
import { checkEncoding } from "./encoding.js";
import { pathOfKeyAt } from "./json-path.js";
import {
  JsonDuplicateKeyError,
  JsonMisspeltKeyError,
  JsonSyntaxError,
  lineColumn,
  scanJson,
} from "./json-scan.js";
import { mergeFinding } from "./merge.js";
import { osFromResults } from "./os-from-results.js";
import { reportShape } from "./shape.js";
import { placeFinding, toFinding } from "./vulnerability.js";

/** Reports larger than this are refused unless the caller raises the limit. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export interface ParseOptions {
  /** File name (or `<stdin>`) used in error messages. */
  source?: string;
  /** Largest accepted input in bytes (default 512 MiB). */
  maxBytes?: number;
}

/** Parses and validates a Trivy JSON report (SchemaVersion 2, or the legacy top-level array). */
export function parseTrivyReport(input: string | Uint8Array, options: ParseOptions = {}): Report {
  const source = options.source ?? "<report>";
  const buf = typeof input === "string" ? Buffer.from(input, "utf8") : toBuffer(input);
  checkSize(buf.length, source, options.maxBytes);
  checkEncoding(buf, source, "report", "ALPINIZE_GATE_BAD_JSON");
  let doc: unknown;
  const keys: string[] = [];
  const misspelt: JsonMisspeltKeyError[] = [];
  const c = checker(source);
  const onVulnerability = (raw: unknown, at: readonly number[]) => {
    const [i, j] = at;
    return toFinding(c, raw, () => `Results[${i}].Vulnerabilities[${j}]`);
  };
  try {
    const shapeOf = reportShape(onVulnerability);
    const shape = (first: number) => {
      c.nullable = first === 0x5b;
      return shapeOf(first);
    };
    doc = scanJson(buf, shape, keys, misspelt);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw syntaxError(buf, err, source);
    if (err instanceof JsonDuplicateKeyError) throw duplicateKey(buf, err, source);
    if (err instanceof JsonMisspeltKeyError) throw misspeltKey(buf, err, source);
    throw err;
  }
  if (Array.isArray(doc)) return build(c, "legacy", doc, undefined);
  const top = c.object(doc, "(top level)");
  // Another format first: a CycloneDX SBOM's `metadata` is not a misspelt `Metadata`.
  const schemaMisspelt = misspelt.find((m) => m.expected === "SchemaVersion");
  if (top.SchemaVersion === undefined && schemaMisspelt)
    throw misspeltKey(buf, schemaMisspelt, source);
  recogniseAlien(source, top, keys);
  if (misspelt[0]) throw misspeltKey(buf, misspelt[0], source);
  const version = top.SchemaVersion;
  if (version !== 2)
    throw invalid(
      source,
      "SchemaVersion",
      `unsupported schema version${shownVersion(version)} (expected 2)`,
    );
  return build(c, "schema2", c.optArray(top.Results, "Results"), top);
}

/**
 * The SchemaVersion as found: JSON.stringify would print a number past a double's range
 * (1e999, read as Infinity) as "null", and a nested value whole.
 */
function shownVersion(version: unknown): string {
  if (version === undefined) return ": none given";
  if (typeof version === "number" && !Number.isFinite(version))
    return ": a number out of range, such as 1e999";
  return ` ${shownValue(version, 40)}`;
}

export function checkSize(bytes: number, source: string, maxBytes = DEFAULT_MAX_BYTES): void {
  if (bytes > maxBytes)
    throw new InputError(
      "ALPINIZE_GATE_REPORT_TOO_LARGE",
      `${source}: the report is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit`,
      {
        hint: "Scan without --list-all-pkgs, or raise the limit with --max-size.",
        details: { file: source, bytes },
      },
    );
}

function toBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

function syntaxError(buf: Buffer, err: JsonSyntaxError, source: string): InputError {
  const { line, column } = lineColumn(buf, err.offset);
  const code = err.truncated ? "ALPINIZE_GATE_REPORT_TRUNCATED" : "ALPINIZE_GATE_BAD_JSON";
  return new InputError(code, `${source}:${line}:${column}: not valid JSON: ${err.message}`, {
    hint: err.truncated
      ? "The scan output was cut short; re-run Trivy and gate the complete file."
      : "Pass the JSON written by `trivy --format json` unmodified (no log lines before or after it).",
    details: { file: source, line, column, offset: err.offset },
  });
}

function duplicateKey(buf: Buffer, err: JsonDuplicateKeyError, source: string): InputError {
  const { line, column } = lineColumn(buf, err.offset);
  const path = pathOfKeyAt(buf, err.offset);
  return new InputError(
    "ALPINIZE_GATE_REPORT_INVALID",
    `${source}:${line}:${column}: ${path}: duplicate key "${shownKey(err.key)}" (the object already has one)`,
    {
      hint: "Trivy never writes a key twice, so the file was edited or built by another tool; the gate will not guess which copy counts: remove one and gate the report again.",
      details: { file: source, path, line, column },
    },
  );
}

/**
 * A key Trivy writes, in another letter case. Go's decoder (Trivy's) would read it as that
 * field; skipping it as unknown would drop findings, and guessing would accept edits no
 * Trivy wrote, so the gate refuses.
 */
function misspeltKey(buf: Buffer, err: JsonMisspeltKeyError, source: string): InputError {
  const { line, column } = lineColumn(buf, err.offset);
  const path = pathOfKeyAt(buf, err.offset);
  const key = shownKey(err.key);
  return new InputError(
    "ALPINIZE_GATE_REPORT_INVALID",
    `${source}:${line}:${column}: ${path}: key "${key}" is not spelt as Trivy writes it: expected "${err.expected}"`,
    {
      hint: `Trivy reads keys in any letter case, so it would take "${key}" for "${err.expected}"; the gate reads only Trivy's spelling and will not skip it: rename the key to "${err.expected}" (or gate the report as Trivy wrote it).`,
      details: { file: source, path, line, column, key, expected: err.expected },
    },
  );
}

function recogniseAlien(source: string, top: Record<string, unknown>, allKeys: string[]): void {
  if (top.SchemaVersion !== undefined) return;
  const kind = allKeys.includes("runs")
    ? "a SARIF file"
    : allKeys.includes("bomFormat")
      ? "a CycloneDX SBOM"
      : allKeys.includes("spdxVersion")
        ? "an SPDX SBOM"
        : "";
  const keys = allKeys.slice(0, 5).map(shownKey).join(", ") || "none";
  throw new InputError(
    "ALPINIZE_GATE_NOT_TRIVY",
    `${source}: not a Trivy JSON report${kind ? ` (it looks like ${kind})` : ""}: no SchemaVersion at the top level (keys: ${keys})`,
    { hint: "Run Trivy with `--format json` and gate that file.", details: { file: source } },
  );
}

function build(
  c: Checker,
  format: Report["format"],
  results: unknown[],
  top: Record<string, unknown> | undefined,
): Report {
  const report: Report = {
    source: c.source,
    format,
    repoDigests: [],
    repoTags: [],
    results: [],
    findings: [],
    others: [],
    duplicates: 0,
  };
  const stated = top ? readTop(c, top, report) : undefined;
  const byKey = new Map<string, Finding>();
  results.forEach((raw, i) => {
    const path = `Results[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw invalid(c.source, path, `expected an object, found ${typeName(raw)}`);
    const r = raw as Record<string, unknown>;
    const ctx = {
      target: c.string(r.Target, `${path}.Target`),
      resultClass: c.optString(r.Class, `${path}.Class`) ?? "",
      resultType: c.optString(r.Type, `${path}.Type`) ?? "",
    };
    const vulns = c.optArray(r.Vulnerabilities, `${path}.Vulnerabilities`);
    for (const skipped of ["Packages", "Licenses"]) c.optArray(r[skipped], path, skipped);
    const summary: ResultSummary = {
      target: ctx.target,
      class: ctx.resultClass || inferClass(ctx.resultType),
      type: ctx.resultType,
      vulnerabilities: vulns.length,
      misconfigurations: 0,
      secrets: 0,
    };
    if (summary.class === "os-pkgs" && !summary.type) throw untypedOsResult(c, path);
    for (const kind of ["secret", "misconfiguration"] as const) {
      const others = readOthers(c, r, path, kind, ctx.target);
      summary[kind === "secret" ? "secrets" : "misconfigurations"] = others.length;
      report.others.push(...others);
    }
    report.results.push(summary);
    const placed = { ...ctx, resultClass: summary.class };
    for (const v of vulns) {
      // Converted while the file was read (the `each` hook in shape.ts).
      const f = v as Finding;
      placeFinding(f, placed);
      mergeFinding(byKey, f, report);
    }
  });
  report.findings = [...byKey.values()];
  if (!report.os) {
    const os = osFromResults(report.results, stated);
    if (os) report.os = os;
  }
  return report;
}

/**
 * Trivy writes the OS family it scanned as the `Type` of the OS packages result. Without it
 * nothing ties the findings to the OS the report names, so a report edited or merged from
 * another scan could pass: the result is refused as malformed rather than trusted.
 */
function untypedOsResult(c: Checker, path: string) {
  return invalid(
    c.source,
    path,
    'an OS packages result (Class "os-pkgs") with no Type: Trivy writes the OS family it scanned there (e.g. "alpine"), so the report was edited or not written by Trivy',
    "Type",
  );
}

// Distributions Trivy scans as OS packages; reports before v0.20 had no `Class` to say so.
const OS_TYPES = new Set([
  "alma",
  "alpine",
  "amazon",
  "azurelinux",
  "bottlerocket",
  "cbl-mariner",
  "centos",
  "chainguard",
  "debian",
  "echo",
  "fedora",
  "minimos",
  "opensuse",
  "opensuse.leap",
  "opensuse.tumbleweed",
  "oracle",
  "photon",
  "redhat",
  "rocky",
  "sles",
  "suse linux enterprise server",
  "ubuntu",
  "wolfi",
]);

function inferClass(type: string): string {
  if (!type) return "";
  return OS_TYPES.has(type.toLowerCase()) ? "os-pkgs" : "lang-pkgs";
}

/** What Trivy writes in a misconfiguration's `Status`; read in any ASCII letter case, as `Severity` is. */
const MISCONF_STATUSES = ["FAIL", "PASS", "EXCEPTION"];

function readOthers(
  c: Checker,
  r: Record<string, unknown>,
  path: string,
  kind: OtherFinding["kind"],
  target: string,
): OtherFinding[] {
  const field = kind === "secret" ? "Secrets" : "Misconfigurations";
  const out: OtherFinding[] = [];
  c.optArray(r[field], path, field).forEach((raw, i) => {
    const at = `${path}.${field}[${i}]`;
    const m = c.object(raw, at);
    // Trivy lists passed checks too (with --include-non-failures); only FAIL counts (`fail` and
    // `Fail` too). A status Trivy never writes in any case ("FAILED") is refused rather than
    // read as a pass.
    const given = c.optString(m.Status, at, "Status");
    if (kind === "misconfiguration" && given !== undefined) {
      const status = asciiUpper(given);
      if (!MISCONF_STATUSES.includes(status))
        throw invalid(
          c.source,
          at,
          `unknown misconfiguration status ${shownValue(given)} (expected one of ${MISCONF_STATUSES.join(", ")})`,
          "Status",
        );
      if (status !== "FAIL") return;
    }
    const givenSeverity = c.string(m.Severity, at, "Severity");
    const severity = asciiUpper(givenSeverity) as Severity;
    if (!SEVERITIES.includes(severity))
      throw invalid(c.source, at, `unknown severity ${shownValue(givenSeverity)}`, "Severity");
    const id = c.optString(m.RuleID ?? m.ID ?? m.AVDID, at, "RuleID") ?? "";
    const other: OtherFinding = {
      kind,
      id,
      title: c.optString(m.Title, at, "Title") ?? id,
      severity,
      target,
    };
    // Secrets carry StartLine; misconfigurations carry it in CauseMetadata.
    const cause = c.optObject(m.CauseMetadata, at, "CauseMetadata");
    const line =
      c.optNumber(m.StartLine, at, "StartLine") ??
      (cause ? c.optNumber(cause.StartLine, `${at}.CauseMetadata`, "StartLine") : undefined);
    if (line !== undefined && Number.isInteger(line) && line > 0) other.line = line;
    out.push(other);
  });
  return out;
}

/** Reads the top-level fields; returns `Metadata.OS` when it has no family, for osFromResults. */
function readTop(c: Checker, top: Record<string, unknown>, report: Report): OsInfo | undefined {
  const name = c.optString(top.ArtifactName, "ArtifactName");
  if (name) report.artifactName = name;
  const type = c.optString(top.ArtifactType, "ArtifactType");
  if (type) report.artifactType = knownArtifactType(c.source, type);
  const meta = c.optObject(top.Metadata, "Metadata");
  if (!meta) return undefined;
  report.repoDigests = c.optStrings(meta.RepoDigests, "Metadata.RepoDigests") ?? [];
  report.repoTags = c.optStrings(meta.RepoTags, "Metadata.RepoTags") ?? [];
  const imageId = c.optString(meta.ImageID, "Metadata.ImageID");
  if (imageId) report.imageId = imageId;
  const os = c.optObject(meta.OS, "Metadata.OS");
  if (os) {
    const eosl = c.optBoolean(os.EOSL, "Metadata.OS.EOSL");
    const info: OsInfo = {
      family: c.optString(os.Family, "Metadata.OS.Family") ?? "",
      name: c.optString(os.Name, "Metadata.OS.Name") ?? "",
      eosl: eosl ?? false,
      ...(eosl === undefined ? {} : { eoslStated: true as const }),
    };
    if (!info.family) return info;
    report.os = info;
  }
  return undefined;
}
