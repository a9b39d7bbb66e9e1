import type { Diff, DiffEntry, EvaluatedFinding, Evaluation } from "../evaluation.js";
import { oneLine, quoted } from "../message-text.js";
import { type OsInfo, SEVERITIES } from "../types.js";
import {
  DESCENDING,
  dispositionSummary,
  exceptionLabel,
  findingsSummary,
  osSuffix,
  packageLabel,
  policyLine,
  severitySummary,
  statusLabel,
} from "./common.js";
import { FIELD_LIMITS, field, shownEntry, shownFinding } from "./fields.js";
import type { RenderOptions } from "./options.js";

/**
 * Text from the report in Markdown (tables, headings, quotes, SARIF help): one line, and inert.
 * HTML is escaped, since GitHub renders tags such as `<img onerror=…>` in PR comments and
 * summaries; every character that starts inline Markdown (links, images, code spans, emphasis,
 * strikethrough, math, headings, table pipes) is backslash-escaped, so a title or an image name
 * cannot add a `javascript:` link or a tracking image; and `@name` and `#123` get a zero-width
 * joiner after the sign: GitHub links mentions and issues in the rendered text, escapes or not,
 * and would notify whoever a report names.
 */
export const cell = (s: string | undefined): string =>
  oneLine(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]()!|#~$]/g, "\\$&")
    .replace(/([@#])(?=[\p{L}\p{N}_])/gu, "$1\u200d");
/** A code span in a table cell: HTML is inert there and entities would show as typed. */
const code = (s: string | undefined) =>
  s
    ? `\`${s
        .replace(/`/g, "'")
        .replace(/\|/g, "\\|")
        .replace(/[\r\n]+/g, " ")}\``
    : "";

/** A link target only for http(s) URLs: `javascript:` and the like stay plain text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

/**
 * `[text](url)` for an http(s) URL, else the escaped text alone. Characters that could end the
 * destination, open a code span or split a table row are percent-encoded (`URL` leaves
 * `()|[]` and a backtick in the query as they are).
 */
export function link(text: string, url: string | undefined): string {
  const href = url && url.length <= FIELD_LIMITS.url ? safeUrl(url) : undefined;
  const encode = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  return href ? `[${cell(text)}](${href.replace(/[()|[\]`]/g, encode)})` : cell(text);
}

/** "name (family version)" with the report's parts escaped and the gate's parentheses kept. */
const label = (name: string, os: OsInfo | undefined): string =>
  `${cell(quoted(name))}${osSuffix(os, cell)}`;

/** GitHub refuses PR comments over 65,536 characters; leave room for a wrapper's own text. */
export const MARKDOWN_LIMIT = 60_000;

/**
 * For a PR comment or $GITHUB_STEP_SUMMARY: verdict, counts, blocking table, exceptions, diff.
 * Tables shrink until the whole report fits in one comment.
 */
export function renderMarkdown(e: Evaluation, options: RenderOptions = {}): string {
  let rows = options.maxRows ?? 100;
  let text = markdownWith(e, rows);
  while (text.length > MARKDOWN_LIMIT && rows > 5) {
    rows = Math.floor(rows / 2);
    text = markdownWith(e, rows);
  }
  return text;
}

function markdownWith(e: Evaluation, max: number): string {
  const out: string[] = [];
  const icon = e.passed ? "✅" : "❌";
  out.push(
    `## ${icon} alpinize gate ${e.passed ? "passed" : "failed"}: ${label(e.report.artifactName ?? e.report.source, e.report.os)}`,
    "",
  );
  out.push(
    `**${e.blocking.length} blocking** (${severitySummary(e.counts.blockingBySeverity)}) of ${findingsSummary(e.counts)}.`,
    "",
    `Policy: ${cell(policyLine(e))}.`,
  );
  const rest = dispositionSummary(e);
  if (rest) out.push(`Not blocking: ${rest}.`);
  out.push("");
  for (const p of e.problems) out.push("> [!CAUTION]", `> ${cell(p.message)}`, "");
  out.push(...warningBox(e.warnings, max));
  out.push(...severityTable(e), "");
  if (e.blocking.length)
    out.push("### Blocking findings", "", ...findingTable(e.blocking, max), "");
  out.push(...exceptionSection(e, max));
  for (const n of e.notices) out.push(`> [!NOTE]`, `> ${cell(n)}`, "");
  if (e.diff) out.push(...diffSection(e.diff, max));
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * Every warning of the run (unknown end of life, a severity source no finding carries, VEX not
 * applied, exceptions dated over a year ahead, settings not passed to Trivy) in one box: stderr,
 * where the CLI prints them, is not in a job summary or PR comment. At most `max` are listed, so
 * the comment still fits when thousands of VEX statements were ignored.
 */
function warningBox(warnings: string[], max: number): string[] {
  if (!warnings.length) return [];
  const shown = warnings.slice(0, max).map((w) => `> ${cell(w)}`);
  if (warnings.length > max)
    shown.push(`> … and ${warnings.length - max} more warning(s); the JSON output lists them all.`);
  return ["> [!WARNING]", ...shown.flatMap((line, i) => (i ? [">", line] : [line])), ""];
}

const NOT_SCANNED =
  "No vulnerabilities listed, but the OS packages were not shown to be scanned (see above): this is not a clean result.";

/** "No vulnerabilities found" would read as clean when the OS packages were never scanned. */
const UNSCANNED = new Set(["os-not-scanned", "os-not-detected", "os-type-mismatch"]);
const unscanned = (e: Evaluation) => e.problems.some((p) => UNSCANNED.has(p.code));

function severityTable(e: Evaluation): string[] {
  const rows = DESCENDING.filter((s) => e.counts.bySeverity[s] > 0).map(
    (s) => `| ${s} | ${e.counts.bySeverity[s]} | ${e.counts.blockingBySeverity[s]} |`,
  );
  if (!rows.length) return [unscanned(e) ? NOT_SCANNED : "No vulnerabilities found."];
  return ["| Severity | Findings | Blocking |", "| --- | ---: | ---: |", ...rows];
}

function findingTable(list: EvaluatedFinding[], max: number): string[] {
  const rows = list.slice(0, max).map((finding) => {
    const f = shownFinding(finding);
    const id = link(f.id, f.primaryUrl);
    const sev = `${f.severity} (${cell(f.severitySource)})`;
    const note = f.expiredException ? ` ⚠️ exception expired ${f.expiredException.expires}` : "";
    return `| ${id} | ${code(packageLabel(f))} | ${code(f.installed)} | ${code(f.fixed) || "no fix"} | ${sev} | ${cell(statusLabel(f))}${note} | ${cell(f.target)} |`;
  });
  const more =
    list.length > max
      ? ["", `… and ${list.length - max} more; the JSON and SARIF outputs list every finding.`]
      : [];
  return [
    "| Vulnerability | Package | Installed | Fixed | Severity (source) | Status | Target |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    ...more,
  ];
}

function exceptionSection(e: Evaluation, max: number): string[] {
  const x = e.exceptions;
  const rows: string[] = [];
  const reason = (s: { reason: string }) => cell(field(s.reason, "reason"));
  for (const s of x.expired)
    rows.push(
      `| ❌ expired ${s.expires} | ${cell(exceptionLabel(s))} | ${s.matched} | ${reason(s)} |`,
    );
  for (const s of x.stale.filter((s) => !s.expired))
    rows.push(`| ⚠️ stale (matched nothing) | ${cell(exceptionLabel(s))} | 0 | ${reason(s)} |`);
  for (const s of x.applied) {
    const soon = s.daysLeft <= e.policy.expiringSoonDays ? ` ⏳ ${s.daysLeft} day(s) left` : "";
    rows.push(
      `| applied until ${s.expires}${soon} | ${cell(exceptionLabel(s))} | ${s.matched} | ${reason(s)} |`,
    );
  }
  const out: string[] = [];
  const more =
    rows.length > max
      ? ["", `… and ${rows.length - max} more; the JSON output lists every exception.`]
      : [];
  if (rows.length)
    out.push(
      "### Exceptions",
      "",
      "| State | Exception | Findings | Reason |",
      "| --- | --- | ---: | --- |",
      ...rows.slice(0, max),
      ...more,
      "",
    );
  // Each statement not applied is one of the warnings shown at the top.
  if (e.vex.statements)
    out.push(`VEX: ${e.vex.applied} of ${e.vex.statements} statement(s) applied.`, "");
  return out;
}

function diffSection(d: Diff, max: number): string[] {
  const high = (list: DiffEntry[]) =>
    list.filter((x) => x.severity === "HIGH" || x.severity === "CRITICAL").length;
  const row = (label: string, list: DiffEntry[]) => `| ${label} | ${list.length} | ${high(list)} |`;
  const out = [
    `### Compared with ${label(d.baseline.artifactName ?? d.baseline.source, d.baseline.os)}`,
    "",
    "| Change | Findings | HIGH + CRITICAL |",
    "| --- | ---: | ---: |",
    row("Removed", d.removed),
    row("Added", d.added),
    row("Unchanged", d.unchanged),
    row("Now fixable", d.nowFixable),
    row("Severity changed", d.severityChanged),
    "",
    `By CVE id only (package names differ between distributions): **${d.cves.removed.length}** gone, **${d.cves.added.length}** new, ${d.cves.unchanged.length} in both.`,
    "",
  ];
  for (const [title, list] of [
    ["Added", d.added],
    ["Now fixable", d.nowFixable],
    ["Removed", d.removed],
  ] as const) {
    if (!list.length) continue;
    out.push(
      `<details><summary>${title} (${list.length})</summary>`,
      "",
      ...diffTable(list, max),
      "",
      "</details>",
      "",
    );
  }
  return out;
}

function diffTable(list: DiffEntry[], max: number): string[] {
  const order = (a: DiffEntry) => SEVERITIES.length - SEVERITIES.indexOf(a.severity);
  const rows = [...list]
    .sort((a, b) => order(a) - order(b))
    .slice(0, max)
    .map(shownEntry)
    .map((x) => {
      const was = x.before && x.before.severity !== x.severity ? ` (was ${x.before.severity})` : "";
      return `| ${cell(x.id)} | ${code(x.package)} | ${code(x.installed)} | ${code(x.fixed) || "no fix"} | ${x.severity}${was} |`;
    });
  const more = list.length > max ? ["", `… and ${list.length - max} more.`] : [];
  return [
    "| Vulnerability | Package | Installed | Fixed | Severity |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    ...more,
  ];
}
