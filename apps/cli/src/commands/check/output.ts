import type { AlpinizeError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import type { CheckResult } from "@alpinize/repo";
import type { Io } from "../../io.js";
import { errorFile } from "../../json-errors.js";
import { rawBytesJson } from "../../raw-bytes.js";

/**
 * One line per finding, `file:line: rule-id: what to do` (`file:line:column:` where the rule
 * points inside the line); errors on stdout, warnings on stderr.
 */
export function printFindings(io: Io, result: CheckResult): void {
  for (const f of result.findings) {
    const at = f.column === undefined ? `${f.line}` : `${f.line}:${f.column}`;
    // A path may hold a newline or an escape sequence: one finding stays one harmless line.
    const line = `${escapeInline(f.file)}:${at}: ${f.rule}: ${escapeInline(f.message)}`;
    if (f.severity === "error") io.out(line);
    else io.warn(line);
  }
  for (const u of result.unparsable) {
    io.err(`${io.style.red("error")} ${escapeInline(unparsableText(u))} (not checked)`);
    if (u.hint) io.err(`  ${escapeInline(u.hint)}`);
  }
  io.err(summaryLine(result));
}

/**
 * The last line: "clean" only when nothing was found. A warning may say a file was not checked
 * (script-not-found), so a run with warnings gives the counts instead.
 */
function summaryLine(result: CheckResult): string {
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const files = result.files.length;
  if (result.unparsable.length > 0) {
    // What was checked counts too: "2 could not be checked" alone read as if nothing else was.
    const unchecked = new Set(result.unparsable.map((u) => u.file));
    const checked = result.files.filter((f) => !unchecked.has(f)).length;
    const found = new Set(result.findings.map((f) => f.file)).size;
    const counts = `${found} with findings (${errors} error(s), ${warnings} warning(s))`;
    return `alpinize check: ${checked} file(s) checked, ${counts}; ${unchecked.size} could not be checked (each error above says what to do)`;
  }
  if (errors + warnings === 0) return `alpinize check: ${files} file(s) clean`;
  return `alpinize check: ${files} file(s) checked: ${errors} error(s), ${warnings} warning(s)`;
}

/**
 * The findings, then one `rule: "unparsable"` error entry per file that could not be checked, so
 * a consumer of the array alone does not mistake an unchecked file for a clean one; the error's
 * `code` and `hint` come with it when it has them.
 */
export function findingsJson(result: CheckResult): string {
  const unchecked = result.unparsable.map((u) => ({
    file: u.file,
    line: u.line ?? Number(/:(\d+):/.exec(u.message.slice(u.file.length))?.[1] ?? 0),
    rule: "unparsable",
    severity: "error",
    message: u.message,
    ...(u.code ? { code: u.code } : {}),
    ...(u.hint ? { hint: u.hint } : {}),
  }));
  return rawBytesJson([...result.findings, ...unchecked]);
}

/**
 * The --json array of a check that stopped on an error: one error entry, as for an unparsable
 * file, since an empty array would read as "clean". `code` (and `hint`) tell it from a finding.
 */
export function notCheckedJson(err: AlpinizeError): Record<string, unknown> {
  return {
    file: errorFile(err),
    line: 0,
    rule: "not-checked",
    severity: "error",
    message: err.message,
    code: err.code,
    ...(err.hint ? { hint: err.hint } : {}),
  };
}

/**
 * The message with the file it is about: some errors do not name it themselves. Those that do
 * start with it; a short name such as `s` is found inside almost any message.
 */
export function unparsableText(u: { file: string; message: string }): string {
  return u.file === "" || u.message.startsWith(u.file) ? u.message : `${u.file}: ${u.message}`;
}
