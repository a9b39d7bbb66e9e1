import type { EvaluatedFinding, Evaluation } from "../evaluation.js";
import { oneLine, quoted } from "../message-text.js";
import {
  artifactLabel,
  dispositionSummary,
  exceptionLabel,
  findingsSummary,
  packageLabel,
  policyLine,
  severitySummary,
  statusLabel,
  versionChange,
} from "./common.js";
import { diffTextLines } from "./diff-text.js";
import { field, shownFinding } from "./fields.js";
import type { RenderOptions, Style } from "./options.js";

const PLAIN: Style = {
  bold: (s) => s,
  red: (s) => s,
  green: (s) => s,
  yellow: (s) => s,
  dim: (s) => s,
};

/** A terminal report: verdict first, then one line per blocking finding. */
export function renderText(e: Evaluation, options: RenderOptions = {}): string {
  const st = options.style ?? PLAIN;
  const max = options.maxRows ?? 100;
  const c = e.counts;
  const verdict = e.passed ? st.green(st.bold("PASS")) : st.red(st.bold("FAIL"));
  const lines = [
    `alpinize gate: ${verdict}  ${artifactLabel(e)}`,
    `  ${findingsSummary(c)}` +
      (c.duplicates
        ? ` (${c.duplicates} duplicate ${c.duplicates === 1 ? "entry" : "entries"} merged)`
        : ""),
    `  blocking: ${e.blocking.length} (${severitySummary(c.blockingBySeverity)})`,
    st.dim(`  policy: ${policyLine(e)}`),
  ];
  const rest = dispositionSummary(e);
  if (rest) lines.push(st.dim(`  not blocking: ${rest}`));
  for (const p of e.problems) lines.push(`  ${st.red("problem")} ${p.message}`);
  if (e.blocking.length) {
    lines.push("", st.bold("Blocking findings:"));
    for (const f of e.blocking.slice(0, max)) lines.push(`  ${findingLine(f, st)}`);
    if (e.blocking.length > max)
      lines.push(st.dim(`  … and ${e.blocking.length - max} more (use --format json for all)`));
  }
  lines.push(...exceptionLines(e, st));
  for (const n of e.notices) lines.push(`  ${st.yellow("note")} ${n}`);
  if (e.diff) lines.push("", ...diffTextLines(e.diff, st, max));
  // ESC is left alone by oneLine: by now it can only come from the colour style.
  return `${lines.map(oneLine).join("\n")}\n`;
}

function findingLine(finding: EvaluatedFinding, st: Style): string {
  const f = shownFinding(finding);
  const sev = f.severity === "CRITICAL" ? st.red(f.severity) : st.yellow(f.severity);
  const extra = f.expiredException
    ? ` ${st.red(`exception expired ${f.expiredException.expires}`)}`
    : "";
  return `${sev.padEnd(8)} ${f.id}  ${packageLabel(f)} ${versionChange(f)}  [${statusLabel(f)}]  severity from ${f.severitySource}  ${st.dim(f.target)}${extra}`;
}

function exceptionLines(e: Evaluation, st: Style): string[] {
  const x = e.exceptions;
  const out: string[] = [];
  for (const s of x.expired)
    out.push(
      `  ${st.red("expired exception")} ${exceptionLabel(s)} expired on ${s.expires}; ${s.matched ? `its ${s.matched} finding(s) are judged without it` : "it matches nothing either"} (${quoted(s.source)} #${s.index + 1})`,
    );
  for (const s of x.stale.filter((s) => !s.expired))
    out.push(
      `  ${st.yellow("stale exception")} ${exceptionLabel(s)} matched no finding; remove it (${quoted(s.source)} #${s.index + 1})`,
    );
  for (const s of x.expiringSoon)
    out.push(
      `  ${st.yellow("expiring exception")} ${exceptionLabel(s)} expires ${s.expires} (${s.daysLeft} day(s) left)`,
    );
  for (const s of x.applied)
    out.push(
      st.dim(`  exception ${exceptionLabel(s)} until ${s.expires}: ${field(s.reason, "reason")}`),
    );
  if (e.vex.statements)
    out.push(
      st.dim(
        `  VEX: ${e.vex.applied} of ${e.vex.statements} statement(s) matched a finding; ${e.counts.byDisposition.vex} finding(s) suppressed`,
      ),
    );
  for (const x of e.vex.ignored)
    out.push(
      `  ${st.yellow("VEX not applied")} ${quoted(x.source)} statements[${x.index}] (${field(x.vulnerability, "id")}, ${field(x.product, "package")}): ${field(x.reason, "reason")}`,
    );
  return out.length ? ["", st.bold("Exceptions and VEX:"), ...out] : [];
}
