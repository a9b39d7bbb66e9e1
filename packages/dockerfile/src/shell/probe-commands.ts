import type { Item, Pipeline, SimpleCommand } from "./script.js";

/** Probes that succeed when a program is there: `command -v X`, `which X`, `type X`, `hash X`. */
const NAME_PROBES = new Set(["which", "type", "hash"]);

/** A probe for a program, and whether a `!` before it turns its answer round. */
export interface ProbeCommand {
  program: string;
  negated: boolean;
  /** The path a `[ -x PATH ]`-like test looks at, which may not be where the image has it. */
  path?: string;
}

/**
 * The lone probe right before the `&&`/`||` at `items[k]`, when only `&&` comes before it in its
 * and-or list (`command -v useradd >/dev/null || …`, `! which X && …`, `echo start && command
 * -v X && …`: a build step assumes what is before a `&&` succeeds); one after a `||` decides
 * nothing alone (`false || command -v X && …`).
 */
export function loneProbeBefore(items: readonly Item[], k: number): ProbeCommand | undefined {
  let j = k - 1;
  const before = items[j--];
  if (before?.kind !== "pipeline") return undefined;
  const earlier = items[j];
  const negated = earlier?.kind === "keyword" && earlier.word === "!";
  // The probe test first: the walk back to the list's start, at every `&&` of a long chain
  // of installs (apt-get install -y curl && … 16,000 times), made one RUN quadratic.
  const program = pipelineProbe(before);
  if (program === undefined || !onlyAndBefore(items, negated ? j - 1 : j)) return undefined;
  return { program, negated, ...pathOf(before) };
}

/**
 * `command -v X && true || …`, `command -v X && apk add P || …`: the stretch after the `||` at
 * `items[k]` runs when the probe fails, as after `command -v X || …`; and also when what sits
 * between fails (`orElse`), unless that never fails (`true`, `:`, `echo`).
 */
export function probeBeforeAnd(
  items: readonly Item[],
  k: number,
): { probe: ProbeCommand; orElse: boolean } | undefined {
  let orElse = false;
  for (let j = k - 1; j >= 2; j -= 2) {
    const between = items[j];
    const and = items[j - 1];
    if (between?.kind !== "pipeline" || and?.kind !== "op" || and.op !== "&&") return undefined;
    const only = between.commands.length === 1 ? between.commands[0] : undefined;
    if (!only || !neverFails(only)) orElse = true;
    const probe = loneProbeBefore(items, j - 1);
    if (probe) return { probe, orElse };
  }
  return undefined;
}

/** Up from `items[j]` to the start of its and-or list there is no `||`. */
function onlyAndBefore(items: readonly Item[], j: number): boolean {
  for (; j >= 0; j--) {
    const it = items[j]!;
    if (it.kind === "op") {
      if (it.op === "||") return false;
      if (it.op !== "&&" && it.op !== "|") return true;
    } else if (it.kind !== "pipeline" && !(it.kind === "keyword" && it.word === "!")) return true;
  }
  return true;
}

/** Commands that succeed whatever they are given: `true`, `:`, `echo …`. */
function neverFails(cmd: SimpleCommand): boolean {
  const name = cmd.args[0]?.value;
  return cmd.redirects.length === 0 && (name === "true" || name === ":" || name === "echo");
}

/**
 * The program a pipeline probes for: one probe (`command -v X`), or one whose output a `grep`
 * tests for a line (`command -v X | grep -q .`), which succeeds just when the probe prints it.
 */
function pipelineProbe(p: Pipeline): string | undefined {
  const [first, grep, ...rest] = p.commands;
  if (!first || rest.length > 0) return undefined;
  const program = probed(first);
  if (program === undefined || grep === undefined) return program;
  const words = grep.args.map((w) => w.value);
  if (words[0] !== "grep") return undefined;
  const operands = words.slice(1).filter((w) => !/^-[qsFEx]+$/.test(w ?? ""));
  const pattern = operands[0];
  return operands.length === 1 && (pattern === "." || pattern === "^" || pattern === program)
    ? program
    : undefined;
}

/**
 * The lone probe that is the whole test of the `while`/`until`/`if`/`elif` at `items[k]`
 * (`while ! command -v X >/dev/null; do`, `if command -v X; then`), nothing else before its
 * `do`/`then`, and that keyword's index.
 */
export function testProbe(
  items: readonly Item[],
  k: number,
): (ProbeCommand & { opens: number }) | undefined {
  let j = k + 1;
  const bang = items[j];
  const negated = bang?.kind === "keyword" && bang.word === "!";
  if (negated) j++;
  const test = items[j];
  const end = items[j + 1];
  const open = items[j + 2];
  if (test?.kind !== "pipeline") return undefined;
  if (end?.kind !== "op" || (end.op !== ";" && end.op !== "\n")) return undefined;
  const opener = items[k]?.kind === "keyword" ? items[k].word : undefined;
  const opens = opener === "if" || opener === "elif" ? "then" : "do";
  if (open?.kind !== "keyword" || open.word !== opens) return undefined;
  const program = pipelineProbe(test);
  return program === undefined ? undefined : { program, negated, opens: j + 2, ...pathOf(test) };
}

/** The tests and branch bodies of an `if`: its `if` and each `elif`, then the `else` if any. */
export interface IfClauses {
  /** Per test, the lone probe that is all of it, or undefined. */
  tests: (ProbeCommand | undefined)[];
  /** `[start, end)` script offsets of each branch's body, the `else` body last. */
  bodies: [number, number][];
  hasElse: boolean;
}

/** The clauses of the `if` at `items[k]`; undefined when its `fi` is missing. */
export function ifClauses(items: readonly Item[], k: number): IfClauses | undefined {
  const out: IfClauses = { tests: [testProbe(items, k)], bodies: [], hasElse: false };
  let depth = 0;
  let open: number | undefined;
  for (let j = k + 1; j < items.length; j++) {
    const it = items[j]!;
    if (it.kind !== "keyword") continue;
    if (it.word === "if") depth++;
    else if (it.word === "fi" && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (it.word === "then" || it.word === "else") {
      out.hasElse ||= it.word === "else";
      if (it.word === "else" && open !== undefined) out.bodies.push([open, it.start]);
      open = it.end;
    } else if (it.word === "elif") {
      if (open !== undefined) out.bodies.push([open, it.start]);
      open = undefined;
      out.tests.push(testProbe(items, j));
    } else if (it.word === "fi") {
      if (open !== undefined) out.bodies.push([open, it.start]);
      return out;
    }
  }
  return undefined;
}

/** The program a command probes for, by name or by its path (`[ -x /usr/sbin/useradd ]`). */
function probed(cmd: SimpleCommand): string | undefined {
  const words = cmd.args.map((w) => w.value);
  if (words.some((w) => w === undefined)) return undefined;
  const [name, ...rest] = words as string[];
  if (name === "command" && rest.length === 2 && /^-[vV]$/.test(rest[0]!)) return plain(rest[1]!);
  if (name !== undefined && NAME_PROBES.has(name) && rest.length === 1) return plain(rest[0]!);
  const path = testedPath(words as string[]);
  return path === undefined ? undefined : path.slice(path.lastIndexOf("/") + 1);
}

/** Folders of programs: a file test there (`[ -e /usr/bin/grep ]`) looks for a program too. */
const PROGRAM_DIR = /^\/(?:usr\/(?:local\/)?)?s?bin\/[^/]+$/;

/**
 * The path of `[ -x PATH ]`, `test -x PATH`, or `-e`/`-f` on a path in a folder of programs (a
 * test for another file, `[ -e /etc/app.conf ]`, is no probe: a COPY may have put it there).
 */
function testedPath([name, ...rest]: readonly string[]): string | undefined {
  const test =
    name === "[" && rest.at(-1) === "]" ? rest.slice(0, -1) : name === "test" ? rest : undefined;
  if (test?.length !== 2) return undefined;
  const [flag, path] = test as [string, string];
  if (flag === "-x") return path;
  return (flag === "-e" || flag === "-f") && PROGRAM_DIR.test(path) ? path : undefined;
}

/** `{ path }` of a pipeline whose probe is a path test (probed), else nothing. */
function pathOf(p: Pipeline): { path: string } | Record<string, never> {
  const words = p.commands[0]?.args.map((w) => w.value);
  if (!words || words.some((w) => w === undefined)) return {};
  const path = testedPath(words as string[]);
  return path === undefined ? {} : { path };
}

function plain(word: string): string | undefined {
  return /^[A-Za-z0-9][\w.+-]*$/.test(word) ? word : undefined;
}
