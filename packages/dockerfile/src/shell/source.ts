import { sourceSpan } from "../parse/logical.js";
import type { Heredoc, Instruction } from "../parse/types.js";
import { assertWholeScript } from "./grammar.js";
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
  /**
   * The here-document bodies the script's redirections read, when they sit in the file apart
   * from its text (a RUN line's `cat <<EOF`: Docker keeps the body below the line).
   */
  heredocs?: readonly Heredoc[];
}

const SH = String.raw`(?:\/usr)?(?:\/bin\/)?(?:ba|a|da)?sh(?:\s+-\S+)*`;
/** `RUN <<EOF`, `RUN sh -e <<EOF` and `RUN <<EOF bash` (the opener may come before the shell). */
const HEREDOC_SCRIPT = new RegExp(String.raw`^(?:${SH}\s+)?<<-?\s*["']?\w+["']?(?:\s+${SH})?$`);

/** Whether a RUN's command (past its flags) hands its here-documents to a shell as the script. */
export function isHeredocScript(command: string): boolean {
  return HEREDOC_SCRIPT.test(command.trim());
}

/** The shell-form body of a RUN, starting at `offset` in its logical arguments. */
export function runSource(
  file: string,
  ins: Instruction,
  offset: number,
  escapeChar: string,
): ShellSource {
  const text = ins.args.text.slice(offset);
  const src: ShellSource = {
    script: wholeScript(text),
    file,
    escapeChar,
    span: (from, to) => sourceSpan(ins.args, from + offset, to + offset),
    direct: false,
  };
  if (ins.heredocs.length > 0 && !isHeredocScript(text)) src.heredocs = ins.heredocs;
  return src;
}

export function heredocSource(file: string, doc: Heredoc, escapeChar: string): ShellSource {
  const text = file.slice(doc.bodyStart, doc.bodyEnd);
  return {
    script: wholeScript(text),
    file,
    escapeChar,
    span: (from, to) => [doc.bodyStart + from, doc.bodyStart + to],
    direct: true,
  };
}

/** What a script read out of another text leads its offsets back through: a script, or the file. */
export type Parent = Pick<ShellSource, "file" | "escapeChar" | "span" | "direct">;

/** A RUN's or here-document's whole script: sh reads none of it when its compounds do not close. */
function wholeScript(text: string): Script {
  const script = parseScript(text);
  assertWholeScript(script);
  return script;
}

/** A script read on its own, its offsets its own (a `$( )` found in it is placed in its text). */
export function textSource(script: Script): ShellSource {
  return { script, file: script.text, escapeChar: "\\", span: (a, b) => [a, b], direct: true };
}

/** A script written as it is at `offset` of a parent's text (`$( … )`'s). */
export function offsetSource(parent: Parent, script: Script, offset: number): ShellSource {
  return {
    script,
    file: parent.file,
    escapeChar: parent.escapeChar,
    span: (a, b) => parent.span(offset + a, offset + b),
    direct: parent.direct,
  };
}

/**
 * A script read out of a parent's text, character `k` of it written at `[from[k], to[k])` of the
 * parent; `close`: where the parent's text goes on after it (an insertion at the script's end).
 */
export function mappedSource(
  parent: Parent,
  script: Script,
  from: readonly number[],
  to: readonly number[],
  close: number,
): ShellSource {
  const startOf = (k: number) => (k < from.length ? from[k]! : close);
  const endOf = (k: number) => (k === 0 ? (from[0] ?? close) : to[k - 1]!);
  return {
    script,
    file: parent.file,
    escapeChar: parent.escapeChar,
    span: (a, b) =>
      b <= a ? parent.span(startOf(a), startOf(a)) : parent.span(startOf(a), endOf(b)),
    direct: false,
  };
}
