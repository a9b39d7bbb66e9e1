import { resolve } from "node:path";
import { EXIT } from "@alpinize/errors";
import {
  defaultPolicy,
  diffReports,
  evaluate,
  maskSecrets,
  oneLine,
  type Report,
  render,
} from "@alpinize/trivy-gate";
import type { Io } from "../../io.js";
import { withJsonErrors } from "../../json-errors.js";
import { version } from "../../version.js";
import { otherHardLinks, otherLinksNote, symlinkTarget } from "../../write-output.js";
import { failureJson, jsonOnStdout } from "./failure-json.js";
import { loadExceptions, loadReport, loadVex } from "./input.js";
import { type GateOptions, parseGateArgs } from "./options.js";
import { scanImage } from "./scan.js";
import { assertOutputIsNoInput, withHardLinks, writeAtomic } from "./write.js";

export { help } from "./help.js";

export async function run(argv: string[], io: Io): Promise<number> {
  return await withJsonErrors(jsonOnStdout(argv), io, failureJson, () => gate(argv, io));
}

async function gate(argv: string[], io: Io): Promise<number> {
  const opts = parseGateArgs(argv, io.cwd);
  if (opts.output) assertOutputIsNoInput(opts, io.cwd);
  const scanWarnings: string[] = [];
  const [report, exceptions, vex] = await Promise.all([
    readInput(opts, io, scanWarnings),
    loadExceptions(opts.exceptions, io.cwd),
    loadVex(opts.vex, io.cwd),
  ]);
  const baseline = opts.baseline
    ? await loadReport(opts.baseline, io.cwd, process.stdin, opts.maxBytes)
    : undefined;
  const evaluation = evaluate(
    report,
    defaultPolicy({
      severities: opts.severities,
      severitySource: opts.severitySource,
      ignoreUnfixed: opts.ignoreUnfixed,
      ignoreStatuses: opts.ignoreStatuses,
      allowEosl: opts.allowEosl,
      strictEosl: opts.strictEosl,
      allowUnknownOs: opts.allowUnknownOs,
      vulnerabilitiesOnly: opts.vulnerabilitiesOnly,
      exceptions,
      vex,
      ...(io.now ? { now: io.now } : {}),
    }),
  );
  if (baseline) evaluation.diff = diffReports(baseline, report);
  evaluation.warnings.unshift(...scanWarnings);
  // Masked as render masks the report: a warning can quote the image's name from the report.
  // One line each: a line break from the report would let it print `::error::…` on a line of its
  // own, which a GitHub Actions runner reads as a workflow command.
  for (const warning of evaluation.warnings) io.warn(oneLine(maskSecrets(warning)));
  const text = render(evaluation, opts.format, {
    // Colour only on a terminal: never in a file, nor when stdout is piped.
    ...(!opts.output && (io.stdout.isTTY === true || forced(io.env)) ? { style: io.style } : {}),
    sarifLocation: opts.sarifLocation,
    ...(opts.sarifCategory ? { sarifCategory: opts.sarifCategory } : {}),
    toolVersion: version(),
  });
  if (opts.output) {
    // Counted before the write, so the JSON written can list them as migrate DIR --json does.
    const others = otherHardLinks(opts.output, io.cwd);
    const target = symlinkTarget(resolve(io.cwd, opts.output));
    const notes = others > 0 ? [otherLinksNote(opts.output, others, target, "--output")] : [];
    await writeAtomic(
      opts.output,
      opts.format === "json" ? withHardLinks(text, notes) : text,
      io.cwd,
    );
    for (const note of notes) io.warn(note.message);
    const verdict = evaluation.passed ? io.style.green("passed") : io.style.red("failed");
    io.err(
      `alpinize gate ${verdict}: ${evaluation.blocking.length} blocking, ${evaluation.problems.length} problem(s); ${opts.format} written to ${opts.output}`,
    );
  } else io.out(text);
  return evaluation.passed ? EXIT.OK : EXIT.FINDINGS;
}

const forced = (env: NodeJS.ProcessEnv) => !!env.FORCE_COLOR && env.FORCE_COLOR !== "0";

function readInput(opts: GateOptions, io: Io, warnings: string[]): Promise<Report> {
  if (opts.image)
    return scanImage(opts.image, io.env, opts.maxBytes, (names) =>
      warnings.push(
        `not passed to trivy: ${names.join(", ")} (TRIVY_* settings that change what Trivy reports are ignored; the gate's own flags set the policy)`,
      ),
    );
  return loadReport(opts.report!, io.cwd, process.stdin, opts.maxBytes);
}
