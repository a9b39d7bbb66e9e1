import { InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { writeFailureWords } from "../../write-output/failure-words.js";
import {
  inputWrittenBy,
  type OtherLinksNote,
  otherHardLinks,
  writeOutput,
} from "../../write-output.js";
import type { GateOptions } from "./options.js";

/**
 * Writes the rendered report to --output: a file is replaced atomically; stdout, a pipe or a
 * device is written into, never replaced (see write-output.ts). Returns how many other hard
 * links the replaced file had: they keep the old report.
 */
export async function writeAtomic(path: string, text: string, cwd: string): Promise<number> {
  const others = otherHardLinks(path, cwd);
  try {
    writeOutput(path, text, { cwd });
    return others;
  } catch (err) {
    // Said as migrate --report and shims print --output say it: which path, why, what to do.
    const words = writeFailureWords(path, err, {
      cwd,
      flag: "--output",
      example: "gate.sarif",
      instead: "pass --output another path",
    });
    throw new InputError(
      "ALPINIZE_GATE_OUTPUT_UNWRITABLE",
      `${path}: cannot write the output (${words.reason})${words.untouched ? "; nothing was written" : ""}`,
      {
        hint: words.hint,
        details: { file: path, ...(words.missing ? { missing: words.missing } : {}) },
        cause: err,
      },
    );
  }
}

/**
 * --output must not be a file the gate reads: the report would replace its own input (or the
 * exceptions kept by hand). Checked before anything is read or written.
 */
export function assertOutputIsNoInput(opts: GateOptions, cwd: string): void {
  const roles = new Map<string, string>();
  const add = (path: string | undefined, role: string) => {
    if (path !== undefined && !roles.has(path)) roles.set(path, role);
  };
  add(opts.report, "the report");
  add(opts.baseline, "the --baseline report");
  add(opts.exceptions, "the --exceptions file");
  for (const vex of opts.vex) add(vex, "a --vex document");
  const output = opts.output!;
  const clash = inputWrittenBy(output, [...roles.keys()], cwd);
  if (clash === undefined) return;
  const same = clash === output ? "" : ` ${escapeInline(clash)}`;
  throw new InputError(
    "ALPINIZE_GATE_OUTPUT_CLASH",
    `--output ${escapeInline(output)} is ${roles.get(clash)}${same}, a file the gate reads; nothing was written`,
    {
      hint: "Pass --output a new file name, such as gate.txt or gate.sarif.",
      details: { file: output },
    },
  );
}

/**
 * The gate's JSON document with a `hardLinks` field last, as `migrate DIR --json` and
 * `entrypoint --json` carry it, when --output replaced a file that had other hard links.
 */
export function withHardLinks(json: string, hardLinks: readonly OtherLinksNote[]): string {
  if (hardLinks.length === 0) return json;
  const end = json.lastIndexOf("\n}");
  if (end === -1) throw new Error("gate JSON document without its closing brace");
  return `${json.slice(0, end)},\n  "hardLinks": ${JSON.stringify(hardLinks)}${json.slice(end)}`;
}
