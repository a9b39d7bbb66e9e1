import { assignmentMayFail } from "./assignment-status.js";
import type { Item, Pipeline } from "./script.js";

/**
 * How the lists of a script may leave what they install behind, for conditionalSpans: a list
 * run in the background (`apk add shadow & useradd app` calls useradd before apk is done), a
 * loop left early (`break`), a test before `&&`, a compound whose redirect may fail
 * (`fi >/no/such/dir/f` runs none of it).
 */

/**
 * A command whose failure is a usual answer, not an error a build stops for; `shift` fails where
 * the shell has fewer arguments (a RUN has none).
 */
const TESTS = new Set(["false", "test", "[", "[[", "grep", "shift"]);

/** Closing words of a compound, whose exit status is that of whatever ran last inside it. */
const CLOSERS = new Set(["fi", "done", "esac", "}", ")"]);

/**
 * A `wait` (bare, or for `$!`) is the next command after the `&` at `items[k]`: what the
 * background list installed is there once it returns.
 */
export function waitsNext(items: readonly Item[], k: number): boolean {
  let j = k + 1;
  while (items[j]?.kind === "op" && (items[j] as { op: string }).op === "\n") j++;
  const next = items[j];
  if (next?.kind !== "pipeline" || next.commands.length !== 1) return false;
  const [name, ...rest] = next.commands[0]!.args.map((w) => w.raw);
  return (
    name === "wait" && (rest.length === 0 || (rest.length === 1 && /^"?\$!"?$/.test(rest[0]!)))
  );
}

/**
 * How many loops, innermost first, a `break`/`continue` in `pipeline` leaves (`break 2`: two; a
 * count not written as digits: all of them), or undefined when it holds none.
 */
export function leaves(pipeline: Pipeline): number | undefined {
  for (const cmd of pipeline.commands) {
    const [name, count] = cmd.args.map((w) => w.value);
    if (name !== "break" && name !== "continue") continue;
    if (count === undefined) return 1;
    return /^\d+$/.test(count) ? Number(count) : Number.POSITIVE_INFINITY;
  }
  return undefined;
}

/**
 * What sits before the `&&` at `items[k]` may fail as a usual answer: a test (`[ -n "$A" ]`,
 * `false`, `grep -q`), a command turned round by `!`, a compound, or an assignment alone whose
 * substitution may fail (assignmentMayFail).
 */
export function testBefore(items: readonly Item[], k: number): boolean {
  const before = items[k - 1];
  if (before?.kind === "keyword") return CLOSERS.has(before.word);
  if (before?.kind !== "pipeline") return false;
  const bang = items[k - 2];
  if (bang?.kind === "keyword" && bang.word === "!") return true;
  const last = before.commands.at(-1);
  if (!last) return false;
  // An assignment alone takes its last substitution's status (`X=$(false) && …` never runs
  // what follows); one of plain words or an arch read (`arch="$(apk --print-arch)"`) succeeds.
  if (last.args.length === 0) return assignmentMayFail(last);
  const name = last.args[0]!.value;
  return name !== undefined && TESTS.has(name);
}

/**
 * The item after the closing word at `items[k]` is only redirects on that compound, one of them
 * to a file that may not be there or writable (`fi >/no/such/dir/f`): then none of it runs.
 * `/dev/null` and copies of a descriptor (`2>&1`) never fail.
 */
export function mayFailRedirect(items: readonly Item[], k: number): number | undefined {
  const next = items[k + 1];
  if (next?.kind !== "pipeline" || next.commands.length !== 1) return undefined;
  const cmd = next.commands[0]!;
  if (cmd.args.length > 0 || cmd.assignments.length > 0) return undefined;
  return cmd.redirects.some((r) => !safeRedirect(r.raw)) ? next.end : undefined;
}

function safeRedirect(raw: string): boolean {
  return (
    /^\d*(?:<<|[<>]&)/.test(raw) ||
    /^\d*(?:>>?|<|&>>?|>\|)\s*\/dev\/(?:null|stdout|stderr)$/.test(raw)
  );
}

/** How a command ends the shell it runs in: with a failure, or with a status that may be 0. */
export type ShellEnd = "fails" | "may";

/**
 * How the lone command of `items[k]` ends the shell it runs in, as busybox sh runs it: `"fails"`
 * (`exit 1`, a bare `exit` after `||`, `local` outside a function, which exits 2), `"may"`
 * (`exit 0`, `exit $X`, a bare `exit` elsewhere, `return` outside a function, `exec cmd`, which
 * replaces the shell), or undefined (it goes on; a command in a pipeline or in the background
 * runs in a shell of its own). In a function, `return` and `local` are in place; `exit` still
 * ends the shell.
 */
export function endsShell(
  items: readonly Item[],
  k: number,
  inFunction: boolean,
): ShellEnd | undefined {
  const it = items[k];
  if (it?.kind !== "pipeline" || it.commands.length !== 1 || isOp(items[k + 1], "&"))
    return undefined;
  const args = it.commands[0]!.args;
  const name = args[0]?.value;
  if (name === "exec") return args.length > 1 ? "may" : undefined;
  if (name === "local") return inFunction ? undefined : "fails";
  if (name !== "exit" && (name !== "return" || inFunction)) return undefined;
  if (args.length === 1) return isOp(items[k - 1], "||") ? "fails" : "may";
  const status = args[1]!.value;
  return status !== undefined && /^\d+$/.test(status) && Number(status) % 256 !== 0
    ? "fails"
    : "may";
}

/**
 * `local` before the `&&` at `items[k]`, outside a function: busybox fails it ("not in a
 * function") and what follows the `&&` never runs.
 */
export function localBefore(items: readonly Item[], k: number, inFunction: boolean): boolean {
  const before = items[k - 1];
  return (
    !inFunction &&
    before?.kind === "pipeline" &&
    before.commands.length === 1 &&
    before.commands[0]!.args[0]?.value === "local"
  );
}

function isOp(item: Item | undefined, op: string): boolean {
  return item?.kind === "op" && item.op === op;
}
