import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { type ShellOptions, shellOptions } from "../shell/command-status.js";
import { type Scope, scopeAt } from "../shell/conditional-spans.js";
import type { Item, SimpleCommand } from "../shell/script.js";
import { heredocSource, isHeredocScript, runSource, type ShellSource } from "../shell/source.js";
import { substitutionsOf } from "../shell/substitutions.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Word } from "../shell/tokens.js";
import { runOrder } from "./apk-replay.js";
import { isDebianTool, TOOL_WORD } from "./debian-tools.js";
import { type DockerfileText, execRunSource } from "./exec-source.js";
import { type ExecWord, execWords } from "./exec-words.js";
import { failureCaught } from "./failure-caught.js";
import { fedHeredocs } from "./fed-heredocs.js";
import { callsOf } from "./gnu-calls.js";
import { nestedSource, shellStrings } from "./nested.js";

/** A Debian tool a RUN runs, and where its name starts in the file. */
export interface ToolUse {
  tool: string;
  offset: number;
  /** The conditional stretches it sits in (`if`, `case`, after `||`…), outermost first. */
  scope: Scope;
  /** In a here-document a shell runs: file offset of the command that runs it (runOrder). */
  runsAt?: number;
  /**
   * Its failure does not stop the RUN: a `||` follows it in its and-or list (`useradd app ||
   * true`), or a `!` turns it round, here or around the `sh -c` string or `$( )` that runs it.
   */
  accepted?: true;
}

/** How deep `sh -c` strings and `$( )` inside each other are followed. */
const MAX_DEPTH = 8;

const base = (name: string | undefined) => name?.replace(/^.*\//, "") ?? "";

/**
 * The Debian tools (`isDebianTool`) a RUN runs, in file order: its commands (behind `sudo`,
 * `env`, `xargs`, `find -exec`…), its `sh -c` strings and command substitutions, and an
 * exec form's decoded JSON words (`"apt\u002dget"` is apt-get, as Docker runs it), and the
 * here-documents fed to a shell as its script (`sh <<EOF`, `cat <<EOF | sh`). Text sh
 * cannot read (and a `-c` string or substitution that is not read exactly) is searched for a
 * tool's name as a command word instead. What it only names (`echo apt-get`, `/var/lib/apt`)
 * does not count. `options`: what the RUN's stage sets (stageShellOptions); the whole file's
 * text by default.
 */
export function toolsInRun(
  file: DockerfileText,
  ins: Instruction,
  options: ShellOptions = shellOptions(file.text),
): ToolUse[] {
  const found = new Map<number, ToolUse>();
  const add: Add = (tool, offset, scope = NO_SCOPE, runsAt, accepted) => {
    if (!found.has(offset))
      found.set(offset, {
        tool,
        offset,
        scope: scope(),
        ...(runsAt === undefined ? {} : { runsAt }),
        ...(accepted ? { accepted: true as const } : {}),
      });
  };
  if (ins.form === "exec") execTools(file, ins, add, options);
  else shellTools(file, ins, add, options);
  return [...found.values()].sort(runOrder);
}

type Add = (
  tool: string,
  offset: number,
  scope?: LazyScope,
  runsAt?: number,
  accepted?: boolean,
) => void;

/**
 * A scope worked out only when a tool is found in it: most commands are not Debian tools, and
 * each scope costs its depth (thousands of nested `if`s made every command's quadratic).
 */
type LazyScope = () => Scope;
const NO_SCOPE: LazyScope = () => [];

function lazyScope(src: ShellSource, at: number, outer: LazyScope): LazyScope {
  let scope: Scope | undefined;
  return () => {
    scope ??= scopeAt(src, at, outer());
    return scope;
  };
}

function shellTools(file: DockerfileText, ins: Instruction, add: Add, options: ShellOptions): void {
  const { rest } = splitFlags(ins.args.text);
  const command = ins.args.text.slice(rest);
  const escapeChar = file.doc.escape;
  try {
    const sources =
      ins.heredocs.length > 0 && isHeredocScript(command)
        ? ins.heredocs.map((h) => heredocSource(file.text, h, escapeChar))
        : [runSource(file.text, ins, rest, escapeChar)];
    for (const src of sources) scriptTools(src, add, 0, NO_SCOPE, undefined, false, options);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    const from = ins.start + ins.keyword.length;
    wordsIn(file.text.slice(from, ins.end), (tool, at) => add(tool, from + at));
  }
}

function scriptTools(
  src: ShellSource,
  outerAdd: Add,
  depth: number,
  outer: LazyScope,
  runsAt?: number,
  accepted = false,
  options: ShellOptions = { pipefail: false, nounset: false },
): void {
  const at = (word: Word, k = 0) => src.span(word.start + k, word.start + k + 1)[0];
  const caught = failureCaught(src.script.items, options);
  const okAt = (p: Item | undefined) => accepted || (p !== undefined && caught.has(p));
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    const scope = lazyScope(src, item.start, outer);
    const ok = okAt(item);
    for (const cmd of item.commands) {
      // A stage before the last may be caught on its own (`b | true`).
      const okHere = ok || caught.has(cmd);
      const add = (tool: string, offset: number) => outerAdd(tool, offset, scope, runsAt, okHere);
      commandTools(cmd, (tool, word) => add(tool, at(word)));
      for (const { word } of shellStrings(cmd)) {
        const inner = depth < MAX_DEPTH ? nestedSource(src, word) : undefined;
        if (inner) scriptTools(inner, outerAdd, depth + 1, scope, runsAt, okHere, options);
        else wordsIn(word.raw, (tool, k) => add(tool, at(word, k)));
      }
      // eval's words are a script the shell reads again.
      if (base(cmd.name) === "eval")
        for (const w of cmd.args.slice(1)) wordsIn(w.raw, (tool, k) => add(tool, at(w, k)));
    }
  }
  for (const sub of substitutionsOf(src)) {
    const scope = sub.pipeline ? lazyScope(src, sub.pipeline.start, outer) : outer;
    const ok = okAt(sub.pipeline);
    if (sub.src && depth < MAX_DEPTH)
      scriptTools(sub.src, outerAdd, depth + 1, scope, runsAt, ok, options);
    else wordsIn(sub.text, (tool) => outerAdd(tool, sub.at[0], scope, runsAt, ok));
  }
  for (const fed of fedHeredocs(src)) {
    const scope = lazyScope(src, fed.at, outer);
    const fedAt = runsAt ?? src.span(fed.at, fed.at + 1)[0];
    if (fed.src && depth < MAX_DEPTH)
      scriptTools(fed.src, outerAdd, depth + 1, scope, fedAt, accepted, options);
    else wordsIn(fed.text, (tool, k) => outerAdd(tool, fed.fileAt(k), scope, fedAt, accepted));
  }
}

/** The tools one command runs: itself, behind its wrappers, and what find -exec runs. */
function commandTools(cmd: SimpleCommand, add: (tool: string, word: Word) => void): void {
  for (const call of callsOf(cmd)) {
    const name = base(call.args[0]?.value);
    if (isDebianTool(name)) add(name, call.args[0]!);
  }
}

/** Each tool named as a command word in text sh cannot read, with its index there. */
function wordsIn(text: string, add: (tool: string, at: number) => void): void {
  for (const m of text.matchAll(TOOL_WORD)) add(m[2]!, m.index + m[0].length - m[1]!.length);
}

/** An exec form's words are one command; a shell's `-c` string among them is a script. */
function execTools(file: DockerfileText, ins: Instruction, add: Add, options: ShellOptions): void {
  const { rest } = splitFlags(ins.args.text);
  const words = execWords(ins.args.text.slice(rest));
  const fileAt = (i: number) => sourceSpan(ins.args, rest + i, rest + i + 1)[0];
  if (!words) {
    wordsIn(ins.args.text.slice(rest), (tool, i) => add(tool, fileAt(i)));
    return;
  }
  const first = (w: ExecWord) => fileAt(w.at[0] ?? w.start);
  const byWord = new Map<Word, ExecWord>();
  const args = words.map((w) => {
    const word: Word = { kind: "word", raw: w.value, value: w.value, start: w.start, end: w.start };
    byWord.set(word, w);
    return word;
  });
  const cmd: SimpleCommand = {
    assignments: [],
    args,
    redirects: [],
    start: 0,
    end: 0,
    name: args[0]?.value,
  };
  commandTools(cmd, (tool, word) => add(tool, first(byWord.get(word)!)));
  let src: ShellSource | undefined;
  try {
    src = execRunSource(file, ins, rest);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    // The `-c` string is no sh: its words, decoded, where they stand in the JSON.
    for (const w of words.slice(1))
      wordsIn(w.value, (tool, k) => add(tool, fileAt(w.at[k] ?? w.start)));
    return;
  }
  if (src) scriptTools(src, add, 1, NO_SCOPE, undefined, false, options);
}
