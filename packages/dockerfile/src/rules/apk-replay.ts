import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction, ParsedDockerfile } from "../parse/types.js";
import { type Scope, scopeAt, spansAround } from "../shell/conditional-spans.js";
import { probedProgram, type StretchProbe } from "../shell/probe-guard.js";
import { type Script, scriptOrUndefined, simpleCommands } from "../shell/script.js";
import { heredocSource, isHeredocScript, runSource, type ShellSource } from "../shell/source.js";
import { substitutionsInScript } from "../shell/substitutions.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Word } from "../shell/tokens.js";
import type { Stage } from "../stages.js";
import { type ApkChange, apkChange } from "./apk-change.js";
import { type DockerfileText, execRunSource } from "./exec-source.js";
import { execWords } from "./exec-words.js";
import { fedHeredocs } from "./fed-heredocs.js";
import { callsOf } from "./gnu-calls.js";
import { nestedSource, shellStrings } from "./nested.js";

/** An `apk add`/`apk del` of a RUN and where its command word starts in the file. */
export interface ApkCall {
  offset: number;
  change: ApkChange;
  /** The conditional stretches it sits in (`if`, `case`, after `||`…), outermost first. */
  scope: Scope;
  /** The probe that decides the innermost stretch it is in (probedProgram). */
  probed?: StretchProbe;
  /** In a here-document a shell runs: file offset of the command that runs it (runOrder). */
  runsAt?: number;
}

/**
 * The order calls and tools of a RUN run in: a here-document's where the command that runs it
 * stands (`sh <<EOF && useradd app`: before useradd, though its body is below), then in the file.
 */
export function runOrder(
  a: { offset: number; runsAt?: number },
  b: { offset: number; runsAt?: number },
): number {
  return (a.runsAt ?? a.offset) - (b.runsAt ?? b.offset) || a.offset - b.offset;
}

/** How deep here-documents fed to a shell inside each other are followed. */
const MAX_DEPTH = 8;

/**
 * The `apk add`/`apk del` calls of a RUN (its heredoc bodies for `RUN <<EOF` and those fed to a
 * shell, `sh <<EOF`; its `sh -c '…'` strings and `$( )`s; an exec form's words or `sh -c` script), in file order, behind wrappers too (`sudo apk add`); a `$LIST` word is read from an ENV/ARG of the file
 * or an assignment in a RUN (which `values` keeps). A script sh cannot read installs nothing.
 */
export function apkCalls(
  file: DockerfileText,
  ins: Instruction,
  values: Map<string, string>,
): ApkCall[] {
  if (ins.form === "exec") return execCalls(file, ins, values);
  return runSources(file, ins)
    .flatMap((src) => sourceCalls(src, values, [], 0))
    .sort(runOrder);
}

/** An exec form's apk call: its words (`["apk", "add", "dpkg"]`), or its `sh -c` script. */
function execCalls(file: DockerfileText, ins: Instruction, values: Map<string, string>): ApkCall[] {
  const { rest } = splitFlags(ins.args.text);
  let src: ShellSource | undefined;
  try {
    src = execRunSource(file, ins, rest);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return [];
    throw err;
  }
  if (src) return sourceCalls(src, values, [], 0).sort(runOrder);
  const [name, ...args] = execWords(ins.args.text.slice(rest)) ?? [];
  const change = apkChange(
    name?.value,
    args.map((w) => w.value),
  );
  return change ? [{ offset: ins.start, change, scope: [] }] : [];
}

/**
 * The apk calls of a stage's shell-form `ONBUILD RUN` lines, which run first in every stage built
 * FROM it (as `alpinize check` replays them), each at its ONBUILD instruction.
 */
export function onbuildCalls(stage: Stage, values: Map<string, string>): ApkCall[] {
  const out: ApkCall[] = [];
  for (const ins of stage.body) {
    if (ins.keyword !== "ONBUILD") continue;
    const run = /^\s*RUN\s+([\s\S]*)$/i.exec(ins.args.text)?.[1];
    const script =
      run === undefined ? undefined : scriptOrUndefined(run.slice(splitFlags(run).rest));
    if (script)
      out.push(
        ...scriptCalls(
          script,
          values,
          () => ins.start,
          () => [],
        ),
      );
  }
  return out;
}

/**
 * A script's calls, each in its conditional stretches, and those of the scripts it hands a shell:
 * its `sh -c '…'` strings that read as written, its `$( )`s, the here-documents it feeds sh.
 */
function sourceCalls(
  src: ShellSource,
  values: Map<string, string>,
  outer: Scope,
  depth: number,
  outerProbe?: StretchProbe,
  runsAt?: number,
): ApkCall[] {
  // The probe of the innermost stretch: this script's own, else that of the string's command.
  const probeAt = (at: number) =>
    spansAround(src.script, at).length > 0 ? probedProgram(src.script, at) : outerProbe;
  const out = scriptCalls(
    src.script,
    values,
    (word) => src.span(word.start, word.start + 1)[0],
    (at) => scopeAt(src, at, outer),
    probeAt,
  ).map((call) => (runsAt === undefined ? call : { ...call, runsAt }));
  if (depth >= MAX_DEPTH) return out;
  for (const item of src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands)
      for (const { word } of shellStrings(cmd)) {
        const inner = nestedSource(src, word);
        if (inner) {
          const scope = scopeAt(src, item.start, outer);
          out.push(...sourceCalls(inner, values, scope, depth + 1, probeAt(item.start), runsAt));
        }
      }
  }
  for (const sub of substitutionsInScript(src.script)) {
    const inner = sub.src && placedIn(src, sub.src);
    if (inner) {
      const scope = scopeAt(src, sub.at[0], outer);
      out.push(...sourceCalls(inner, values, scope, depth + 1, probeAt(sub.at[0]), runsAt));
    }
  }
  for (const fed of fedHeredocs(src))
    if (fed.src) {
      const scope = scopeAt(src, fed.at, outer);
      const at = runsAt ?? src.span(fed.at, fed.at + 1)[0];
      out.push(...sourceCalls(fed.src, values, scope, depth + 1, probeAt(fed.at), at));
    }
  return out;
}

/** A `$( )` of `src`'s script (its offsets placed in that script), placed in the file. */
export function placedIn(src: ShellSource, sub: ShellSource): ShellSource {
  return {
    script: sub.script,
    file: src.file,
    escapeChar: src.escapeChar,
    span: (a, b) => {
      const [s, e] = sub.span(a, b);
      return src.span(s, e);
    },
    direct: src.direct && sub.direct,
  };
}

function scriptCalls(
  script: Script,
  values: Map<string, string>,
  offsetOf: (word: Word) => number,
  scopeOf: (at: number) => Scope,
  probeOf: (at: number) => StretchProbe | undefined = () => undefined,
): ApkCall[] {
  const out: ApkCall[] = [];
  for (const cmd of simpleCommands(script)) {
    for (const a of cmd.assignments) {
      const eq = a.raw.indexOf("=");
      if (a.value !== undefined) values.set(a.raw.slice(0, eq), a.value.slice(eq + 1));
    }
    for (const call of callsOf(cmd)) {
      const [name, ...args] = call.args;
      const words = args.flatMap((w) => expand(w.value ?? w.raw, values));
      const change = apkChange(name?.value, words);
      if (!change || !name) continue;
      const probed = probeOf(cmd.start);
      out.push({
        offset: offsetOf(name),
        change,
        scope: scopeOf(cmd.start),
        ...(probed === undefined ? {} : { probed }),
      });
    }
  }
  return out;
}

/** The scripts of a shell-form RUN (its heredoc bodies for `RUN <<EOF`), those sh can read. */
export function runSources(file: DockerfileText, ins: Instruction): ShellSource[] {
  const { rest } = splitFlags(ins.args.text);
  const command = ins.args.text.slice(rest);
  const escapeChar = file.doc.escape;
  const read = (make: () => ShellSource) => {
    try {
      return [make()];
    } catch (err) {
      if (err instanceof ShellSyntaxError) return [];
      throw err;
    }
  };
  if (ins.heredocs.length > 0 && isHeredocScript(command))
    return ins.heredocs.flatMap((h) => read(() => heredocSource(file.text, h, escapeChar)));
  return read(() => runSource(file.text, ins, rest, escapeChar));
}

/** A word that is one variable (`$DEPS`, `"${DEPS}"`) stands for the words of its value. */
function expand(word: string, values: ReadonlyMap<string, string>): string[] {
  const variable = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(word)?.[1];
  const value = variable === undefined ? undefined : values.get(variable);
  // An unknown one stays as written: it names no package, and `-t $GROUP` keeps its value.
  return value === undefined ? [word] : value.split(/\s+/).filter(Boolean);
}

/** ENV and ARG values of the file, by name (the last one written wins). */
export function fileValues(doc: ParsedDockerfile): Map<string, string> {
  const values = new Map<string, string>();
  for (const ins of doc.instructions) {
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    const words = splitWords(ins.args.text);
    const first = words[0];
    if (!first) continue;
    if (ins.keyword === "ENV" && !first.text.includes("=")) {
      values.set(
        first.text,
        ins.args.text
          .slice(first.end)
          .replace(/\\\s*\n/g, " ")
          .trim(),
      );
      continue;
    }
    for (const w of words) {
      const eq = w.text.indexOf("=");
      if (eq > 0)
        values.set(w.text.slice(0, eq), w.text.slice(eq + 1).replace(/^(["'])(.*)\1$/s, "$2"));
    }
  }
  return values;
}
