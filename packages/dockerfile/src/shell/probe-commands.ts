import type { Item, Pipeline, SimpleCommand } from "./script.js";

/** Probes that succeed when a program is there: `command -v X`, `which X`, `type X`, `hash X`. */
const NAME_PROBES = new Set(["which", "type", "hash"]);

/** A probe for a program, and whether a `!` before it turns its answer round. */
export interface ProbeCommand {
  program: string;
  negated: boolean;
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
  if (!onlyAndBefore(items, negated ? j - 1 : j)) return undefined;
  const program = pipelineProbe(before);
  return program === undefined ? undefined : { program, negated };
}

/**
 * `command -v X && true || …`, `command -v X && echo have || …`: the stretch after the `||` at
 * `items[k]` runs when the probe fails, as after `command -v X || …`, since what sits between
 * never fails.
 */
export function probeBeforeTrue(items: readonly Item[], k: number): ProbeCommand | undefined {
  const between = items[k - 1];
  const and = items[k - 2];
  if (between?.kind !== "pipeline" || between.commands.length !== 1) return undefined;
  if (and?.kind !== "op" || and.op !== "&&" || !neverFails(between.commands[0]!)) return undefined;
  return loneProbeBefore(items, k - 2);
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
 * The lone probe that is the whole test of the `while`/`until`/`if` at `items[k]`
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
  if (
    open?.kind !== "keyword" ||
    open.word !== (items[k]?.kind === "keyword" && items[k].word === "if" ? "then" : "do")
  )
    return undefined;
  const program = pipelineProbe(test);
  return program === undefined ? undefined : { program, negated, opens: j + 2 };
}

/**
 * The `else` of the `if` whose `then` is `items[k]`: its index, -1 when it has none, undefined
 * when it has an `elif` (whose branches a probe alone does not decide).
 */
export function elseOf(items: readonly Item[], k: number): number | undefined {
  let depth = 0;
  for (let j = k + 1; j < items.length; j++) {
    const it = items[j]!;
    if (it.kind !== "keyword") continue;
    if (it.word === "if") depth++;
    else if (it.word === "fi" && depth-- === 0) return -1;
    else if (depth === 0 && it.word === "else") return j;
    else if (depth === 0 && it.word === "elif") return undefined;
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
  const test =
    name === "[" && rest.at(-1) === "]" ? rest.slice(0, -1) : name === "test" ? rest : undefined;
  if (test?.length === 2 && test[0] === "-x") return test[1]!.slice(test[1]!.lastIndexOf("/") + 1);
  return undefined;
}

function plain(word: string): string | undefined {
  return /^[A-Za-z0-9][\w.+-]*$/.test(word) ? word : undefined;
}
