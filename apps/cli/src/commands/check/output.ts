import type { CheckResult } from "@alpinize/repo";
import type { Io } from "../../io.js";

/** One line per finding, `file:line: rule-id: what to do`; errors on stdout, warnings on stderr. */
export function printFindings(io: Io, result: CheckResult): void {
  for (const f of result.findings) {
    const line = `${f.file}:${f.line}: ${f.rule}: ${f.message}`;
    if (f.severity === "error") io.out(line);
    else io.warn(line);
  }
  for (const u of result.unparsable) io.err(`${io.style.red("error")} ${u.message} (not checked)`);
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const warnings = result.findings.length - errors;
  const noted = warnings > 0 ? ` (${warnings} warning(s))` : "";
  const files = result.files.length;
  if (result.unparsable.length > 0) {
    io.err(
      `alpinize check: ${result.unparsable.length} file(s) could not be checked; fix or .gitignore them`,
    );
  } else if (errors > 0) {
    io.err(`alpinize check: ${errors} finding(s) in ${files} file(s)${noted}`);
  } else {
    io.err(`alpinize check: ${files} file(s) clean${noted}`);
  }
}

export function findingsJson(result: CheckResult): string {
  return `${JSON.stringify(result.findings, null, 2)}\n`;
}
