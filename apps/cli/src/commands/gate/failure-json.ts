import type { AlpinizeError } from "@alpinize/errors";
import { errorJson, flagValue } from "../../json-errors.js";
import { version } from "../../version.js";

/** --output values that are standard output itself, where the JSON report would have gone. */
const STDOUT_PATHS = new Set(["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]);

/**
 * Whether a failed run owes a JSON document on stdout: `--json`, or `--format json`, written to
 * stdout. `--json` owes one whatever `--format` says (`--json --format sarif` is refused, and
 * the README promises one document under `--json`): an error document is no SARIF, so an upload
 * of it fails rather than closing alerts. `--format sarif` alone is left out on purpose: an
 * empty SARIF run uploaded to code scanning would close open alerts.
 */
export function jsonOnStdout(argv: string[]): boolean {
  const json = argv.includes("--json") || flagValue(argv, "--format") === "json";
  if (!json) return false;
  const output = flagValue(argv, "--output");
  return output === undefined || STDOUT_PATHS.has(output);
}

/**
 * The `alpinize.gate/v1` document of a gate that could not decide (bad flag, unreadable report,
 * Trivy failing): `passed` false, the error in `error` and as the one problem, no findings.
 */
export function failureJson(err: AlpinizeError) {
  return {
    schema: "alpinize.gate/v1",
    toolVersion: version(),
    passed: false,
    error: errorJson(err),
    blocking: [],
    problems: [{ code: err.code, message: err.message }],
    findings: [],
  };
}
