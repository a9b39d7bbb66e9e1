import { sourceSpan } from "../parse/logical.js";
import type { Heredoc, Instruction } from "../parse/types.js";
import { parseScript, type Script } from "./script.js";

/** A shell script inside a Dockerfile, with a way back from script offsets to file offsets. */
export interface ShellSource {
  script: Script;
  /** The whole Dockerfile text. */
  file: string;
  escapeChar: string;
  /** File span of script span `[from, to)`. */
  span(from: number, to: number): [number, number];
  /** Whether file offsets run through the script one to one (heredoc bodies). */
  direct: boolean;
}

/** The shell-form body of a RUN, starting at `offset` in its logical arguments. */
export function runSource(
  file: string,
  ins: Instruction,
  offset: number,
  escapeChar: string,
): ShellSource {
  const text = ins.args.text.slice(offset);
  return {
    script: parseScript(text),
    file,
    escapeChar,
    span: (from, to) => sourceSpan(ins.args, from + offset, to + offset),
    direct: false,
  };
}

export function heredocSource(file: string, doc: Heredoc, escapeChar: string): ShellSource {
  const text = file.slice(doc.bodyStart, doc.bodyEnd);
  return {
    script: parseScript(text),
    file,
    escapeChar,
    span: (from, to) => [doc.bodyStart + from, doc.bodyStart + to],
    direct: true,
  };
}
