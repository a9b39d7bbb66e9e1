import { ALWAYS_SUCCEED, MAY_END, MAY_EXIT } from "../shell/command-status.js";
import type { Item, Pipeline, SimpleCommand } from "../shell/script.js";

/**
 * What the rest of an and-or list, read from after a pipeline, ends with, given that pipeline's
 * status: `[ifOk, ifFailed]`, true where the list is known to exit 0.
 */
type Tail = readonly [ifOk: boolean, ifFailed: boolean];

/** Nothing after it: the list's status is the pipeline's. */
const END: Tail = [true, false];

/**
 * How a pipeline or group is known to end: it exits 0, it may fail (its status only), or it may
 * end the shell there (`exit 1`, `${x?}`, `>&3`, a compound command not read), so nothing after it runs.
 */
type Unit = "ok" | "fails" | "ends";

const worst = (a: Unit, b: Unit): Unit =>
  a === "ends" || b === "ends" ? "ends" : a === "fails" ? a : b;

/** A `{ …; }` or `( … )` being read, back to front: the tail after it and how all in it end. */
interface Group {
  after: Tail;
  unit: Unit;
  /** `( … )`: an `exit` or `${x?}` in it ends only the subshell, which then fails. */
  subshell: boolean;
  /** A redirection on the group that may fail (`( … ) >&3`): the group may not run at all. */
  sealed: boolean;
  /** How many pipelines were read before it: those read since are in it. */
  from: number;
}

/**
 * The pipelines whose failure a `||` later in their and-or list catches (`useradd app || true`,
 * `useradd app && echo ok || true`, `useradd app || echo x || exit 1`) or a `!` before them turns
 * round; read back to front, once. A `||` catches only when what runs after the failure is known
 * to succeed (`|| true`, `|| echo …`, `|| exit 0`, `|| { echo x >&2; }`, `|| (exit 0)`):
 * `|| exit 1`, `|| false`, `|| if …` or any other command may fail the RUN all the same (fail closed).
 * A group whose list goes on whatever its status (`( b; c ) || true`) catches the failure of every
 * pipeline in it, unless a `{ …; }` may end the shell after it (`{ b; exit 1; } || true`).
 */
export function failureCaught(items: readonly Item[]): Set<Item> {
  const out = new Set<Item>();
  const groups: Group[] = [];
  let tail: Tail = END;
  let next: Item | undefined;
  // How what follows the op being read ends: one pipeline or group.
  let unit: Unit = "ok";
  const read: Item[] = [];
  const mark = marker(read, out);
  // Only the innermost group: it passes its own on to the group around it when it is closed.
  const seen = (u: Unit) => {
    unit = u;
    const g = groups.at(-1);
    if (g) g.unit = worst(g.unit, u);
  };
  // Only `;` and newlines between here and a group's `)` or `}`: the list goes on to the group's end.
  let closeAhead = false;
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k]!;
    const separator = it.kind === "op" && (it.op === ";" || it.op === "\n");
    if (separator && closeAhead) continue;
    closeAhead = it.kind === "keyword" && (it.word === "}" || it.word === ")");
    if (it.kind === "pipeline") {
      if (tail[1]) out.add(it);
      read.push(it);
      next = it;
      seen(negated(items, k) ? "ends" : pipelineEnds(it));
    } else if (it.kind === "op") {
      tail = afterOp(it.op, unit, tail);
    } else if (it.kind === "keyword" && (it.word === "}" || it.word === ")")) {
      // The group exits with its last list's status, read against what follows the group.
      const sealed = !redirectsOk(items[k + 1]);
      groups.push({
        after: tail,
        unit: "ok",
        subshell: it.word === ")",
        sealed,
        from: read.length,
      });
    } else if (it.kind === "keyword" && (it.word === "{" || it.word === "(") && groups.length > 0) {
      const g = groups.pop()!;
      tail = g.after;
      const u = groupUnit(g);
      if (g.after[0] && g.after[1] && u !== "ends") mark(g.from, read.length);
      seen(negated(items, k) ? "ends" : u);
    } else if (it.kind === "keyword" && it.word === "!") {
      if (next) out.add(next);
    } else {
      // Any other compound command (`if`, `while`, `case`) is not read for success: it may fail.
      tail = [false, false];
      seen("ends");
    }
  }
  return out;
}

/**
 * The tail read from before `op`, given how the unit after it ends and the tail after that:
 * `|| false || true` exits 0, `|| exit 1 || true` does not (nothing after exit runs).
 */
function afterOp(op: string, unit: Unit, t: Tail): Tail {
  // A unit that may fail may also succeed (`|| ls && exit 1 || true` exits 1 when ls succeeds).
  const run = unit === "ok" ? t[0] : unit === "fails" && t[0] && t[1];
  if (op === "&&") return [run, t[1]];
  if (op === "||") return [t[0], run];
  // In a pipeline only the last command's status counts.
  if (op === "|") return [run, run];
  return END;
}

/** How a group ends for the list it is in: a subshell's `exit 1` ends only the subshell. */
function groupUnit(g: Group): Unit {
  if (g.sealed) return "ends";
  return g.subshell && g.unit === "ends" ? "fails" : g.unit;
}

/**
 * Whether what follows a group's `)` or `}` on the same command is no redirection, or only ones
 * that cannot fail: the parser reads `( … ) >&3` as the group and a pipeline of no command.
 */
function redirectsOk(after: Item | undefined): boolean {
  if (after?.kind !== "pipeline") return true;
  const [cmd, ...rest] = after.commands;
  if (!cmd || rest.length > 0 || cmd.name !== undefined || cmd.args.length > 0) return true;
  return cmd.assignments.length === 0 && cmd.redirects.every((r) => SAFE_REDIRECT.test(r.raw));
}

/**
 * Adds `read[from, to)` to `out`, each once: a range marked before inside it (an inner group,
 * read first) is skipped, so groups nested n deep cost n, not n².
 */
function marker(read: readonly Item[], out: Set<Item>): (from: number, to: number) => void {
  const done: [number, number][] = [];
  return (from, to) => {
    let end = to;
    while (done.length > 0 && done.at(-1)![0] >= from) {
      const [s, e] = done.pop()!;
      for (let i = e; i < end; i++) out.add(read[i]!);
      end = s;
    }
    for (let i = from; i < end; i++) out.add(read[i]!);
    done.push([from, to]);
  };
}

function negated(items: readonly Item[], k: number): boolean {
  const before = items[k - 1];
  return before?.kind === "keyword" && before.word === "!";
}

/**
 * A redirection that cannot fail: to /dev/null or onto standard output or error. `>&3` fails
 * (busybox sh: bad file descriptor, exit 1), a file may be in no folder.
 */
const SAFE_REDIRECT = /^\d*(>&[12]|>>?\s*\/dev\/null)$/;

/** `true`, `:`, `echo …`, `printf …`, `exit 0`, `return 0` exit 0. */
function pipelineEnds(p: Pipeline): Unit {
  if (p.commands.length === 0) return "ends";
  return p.commands.map(commandEnds).reduce(worst);
}

/** A substitution in its words (`echo $(false)`) runs, but its status is not the command's. */
function commandEnds(cmd: SimpleCommand): Unit {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  if (!cmd.redirects.every((r) => SAFE_REDIRECT.test(r.raw))) return "ends";
  if ([...cmd.assignments, ...cmd.args].some((w) => MAY_EXIT.test(w.raw))) return "ends";
  if (ALWAYS_SUCCEED.has(name)) return "ok";
  // `exit` alone exits with the failed command's status.
  if ((name === "exit" || name === "return") && cmd.args.length === 2 && cmd.args[1]!.value === "0")
    return "ok";
  return cmd.name === undefined || MAY_END.has(name) ? "ends" : "fails";
}
