import type { ShellOptions } from "../shell/command-status.js";
import type { Item, Pipeline, SimpleCommand } from "../shell/script.js";
import {
  commandEnds,
  negatedEnds,
  pipelineEnds,
  SAFE_REDIRECT,
  type Unit,
  worst,
} from "./command-ends.js";

/**
 * What the rest of an and-or list, read from after a pipeline, ends with, given that pipeline's
 * status: `[ifOk, ifFailed]`, true where the list is known to exit 0.
 */
type Tail = readonly [ifOk: boolean, ifFailed: boolean];

/** Nothing after it: the list's status is the pipeline's. */
const END: Tail = [true, false];

/**
 * A `{ …; }`, `( … )`, `if … fi` or loop being read, back to front: the tail after it and how all
 * read in it so far ends.
 */
interface Frame {
  kind: "group" | "if" | "loop" | "case";
  /** Index of the item that opens it (`{`, `(`, `if`, `while`, `until`, a `for` header). */
  opener: number;
  after: Tail;
  unit: Unit;
  /** `( … )`: an `exit` or `${x?}` in it ends only the subshell, which then fails. */
  subshell: boolean;
  /** A redirection on the group that may fail (`( … ) >&3`): the group may not run at all. */
  sealed: boolean;
  /**
   * A group, `for` loop or `case` whose status a `&&` or `||` after it, or a `!` before it,
   * reads: `set -e` does not stop at a failure in it, so `( b; echo x ) || exit 1` goes on past b.
   */
  lax: boolean;
  /** How many pipelines were read before it: those read since are in it. */
  from: number;
  /**
   * How an if ends when the test being read fails: its `else` branch (`ok` when there is none),
   * or the `elif` chain after it; and how its branch read last ends when its test succeeds.
   */
  elseUnit: Unit;
  thenUnit: Unit;
  /** A loop's kind: a while condition's failure ends it, an until one's runs the body. */
  loop?: "while" | "until" | "for";
  /** A loop's `done`. */
  close?: number;
}

/** Keywords a `;` or newline right before does not end a list at: the list goes on to them. */
const LIST_ENDS = new Set(["}", ")", "then", "else", "elif", "fi", "do", "done", "esac"]);

/**
 * The pipelines whose failure a `||` later in their and-or list catches (`useradd app || true`,
 * `useradd app && echo ok || true`, `useradd app || echo x || exit 1`) or whose failure makes the
 * RUN go on all the same; read back to front, once. A `||` catches only when what runs after the
 * failure is known to succeed (`|| true`, `|| echo …`, `|| exit 0`, `|| { echo x >&2; }`,
 * `|| (exit 0)`): `|| exit 1`, `|| false`, `|| if …` or any other command may fail the RUN all
 * the same (fail closed). A group whose list goes on whatever its status (`( b; c ) || true`)
 * catches the failure of every pipeline in it, unless a `{ …; }` may end the shell after it
 * (`{ b; exit 1; } || true`). `! b` turns the status round: b's failure is the success of `! b`,
 * caught only when what runs on success is known to end well (`! b; echo`, not `! b && exit 1`).
 * An if or while condition is read against its branches: `if b; then :; fi` and `while b; do …;
 * done` go on when b fails, `if b; then :; else exit 1; fi` and `if ! b; then exit 1; fi` do not.
 */
export function failureCaught(
  items: readonly Item[],
  options: ShellOptions = { pipefail: false, nounset: false },
): Set<Item | SimpleCommand> {
  const { pipefail } = options;
  const out = new Set<Item | SimpleCommand>();
  const openers = matchOpeners(items);
  const frames: Frame[] = [];
  let tail: Tail = END;
  // How what follows the op being read ends: one pipeline or group.
  let unit: Unit = "ok";
  const read: Item[] = [];
  const mark = marker(read, out);
  // Only the innermost frame: it passes its own on to the one around it when it is closed.
  const seen = (u: Unit) => {
    unit = u;
    const f = frames.at(-1);
    if (f) f.unit = worst(f.unit, u);
  };
  const push = (kind: Frame["kind"], opener: number, extra: Partial<Frame> = {}) =>
    frames.push({
      kind,
      opener,
      after: tail,
      unit: "ok",
      subshell: false,
      sealed: false,
      lax: false,
      from: read.length,
      elseUnit: "ok",
      thenUnit: "ok",
      ...extra,
    });
  // Only `;` and newlines between here and a keyword the list goes on to (LIST_ENDS).
  let closeAhead = false;
  for (let k = items.length - 1; k >= 0; k--) {
    const it = items[k]!;
    const separator = it.kind === "op" && (it.op === ";" || it.op === "\n");
    if (separator && closeAhead) continue;
    // A case arm's last list before `;;` is read against what follows the case.
    closeAhead =
      (it.kind === "keyword" && LIST_ENDS.has(it.word)) || (it.kind === "op" && it.op === ";;");
    const top = frames.at(-1);
    if (it.kind === "pipeline") {
      const not = negated(items, k);
      if (pipelineCaught(it, not, tail, options)) out.add(it);
      else if (stagesCaught(it, not, tail, options))
        for (const c of it.commands.slice(0, -1)) out.add(c);
      read.push(it);
      seen(not ? negatedEnds(it, options) : pipelineEnds(it, options));
    } else if (it.kind === "op") {
      // In a lax group a list's status is passed over, as in a pipe: what follows runs either way.
      const over = top?.lax === true && PASSED_OVER.has(it.op);
      if (it.op === ";;" && top?.kind === "case") tail = top.after;
      else tail = over ? afterOp("|", unit, tail, false) : afterOp(it.op, unit, tail, pipefail);
    } else if (it.kind === "keyword" && (it.word === "}" || it.word === ")")) {
      // The group exits with its last list's status, read against what follows the group.
      const opener = openers.get(k) ?? -1;
      push("group", opener, {
        subshell: it.word === ")",
        sealed: !redirectsOk(items[k + 1]),
        lax: statusRead(items, k, opener),
      });
      if (negated(items, opener)) tail = [tail[1], tail[0]];
    } else if (it.kind === "keyword" && (it.word === "{" || it.word === "(")) {
      if (top?.kind !== "group" || top.opener !== k) continue;
      const g = frames.pop()!;
      tail = g.after;
      const u = groupUnit(g);
      if (g.after[0] && g.after[1] && u !== "ends") mark(g.from, read.length);
      seen(negated(items, k) ? "ends" : u);
    } else if (it.kind === "keyword" && (it.word === "fi" || it.word === "done")) {
      const opener = openers.get(k) ?? -1;
      const loop = loopWord(items[opener]);
      // A for body runs its lists in turn, each time: read as a group's (a while test may not end).
      const lax = it.word === "done" && loop === "for" && statusRead(items, k, opener);
      // `! if …`, `! for …`: the status after it is turned round for all of its branches.
      if (negated(items, opener)) tail = [tail[1], tail[0]];
      push(it.word === "fi" ? "if" : "loop", opener, { loop, close: k, lax });
      // An if or loop ends with the status of the branch or body that ran last.
    } else if (it.kind === "keyword" && it.word === "esac") {
      // A case ends with the status of its arm that ran (0 when none did): each arm's last list
      // is read against what follows the case.
      const opener = openers.get(k) ?? -1;
      if (negated(items, opener)) tail = [tail[1], tail[0]];
      push("case", opener, { lax: statusRead(items, k, opener) });
    } else if (it.kind === "keyword" && it.word !== "!") {
      const once = it.word === "do" && bodyBreaks(items, k + 1, top?.close ?? k, options);
      tail = compoundTail(it.word, top, once);
    } else if (
      it.kind === "header" &&
      (top?.kind === "loop" || top?.kind === "case") &&
      top.opener === k
    ) {
      frames.pop();
      tail = [false, false];
      seen("ends");
    } else if (it.kind !== "keyword") {
      // A case arm's pattern, or a header with no frame: not read for success, it may fail.
      tail = [false, false];
      seen("ends");
    }
    if (it.kind === "keyword" && COMPOUND_STARTS.has(it.word)) {
      if (top?.opener === k) frames.pop();
      seen("ends");
    }
  }
  return out;
}

/**
 * The tail a compound command's keyword (read back to front) leaves for the list before it: a
 * branch's last list ends the if; a condition is read against the branch its status picks.
 */
function compoundTail(word: string, top: Frame | undefined, once: boolean): Tail {
  const f = top?.kind === "if" || top?.kind === "loop" ? top : undefined;
  if (word === "else" && f) {
    f.elseUnit = f.unit;
    f.unit = "ok";
    return f.after;
  }
  if (word === "elif" && f) {
    // What the test before runs when it fails: this test, then its branch or what follows it.
    f.elseUnit = chainEnds(f.unit, f.thenUnit, f.elseUnit);
    f.unit = "ok";
    return f.after;
  }
  if (word === "then" && f?.kind === "if") {
    f.thenUnit = f.unit;
    f.unit = "ok";
    return [f.thenUnit === "ok" && f.after[0], f.elseUnit === "ok" && f.after[0]];
  }
  if (word === "do" && f?.kind === "loop") {
    // while: a false condition ends the loop with 0; until: a true one. The body may loop or
    // fail, unless it runs once to a `break` (`until b; do break; done`), which ends it with 0.
    if (f.loop === "while") return [once && f.after[0], f.after[0]];
    if (f.loop === "until") return [f.after[0], once && f.after[0]];
  }
  return [false, false];
}

/**
 * How `elif test; then A; else B` (B being the rest of the chain) ends: A when the test is known
 * to succeed, the worst of A and B when it may fail either way.
 */
function chainEnds(test: Unit, then: Unit, rest: Unit): Unit {
  if (test === "ends") return "ends";
  return test === "ok" ? then : worst(then, rest);
}

/** Where a compound command that is not read for success starts, back to front its last item. */
const COMPOUND_STARTS = new Set(["if", "while", "until"]);

function loopWord(it: Item | undefined): Frame["loop"] {
  return it?.kind === "keyword" && (it.word === "while" || it.word === "until") ? it.word : "for";
}

/**
 * For each `}`, `)`, `fi` and `done`, the index of the item that opens it (`{`, `(`, `if`,
 * `while`, `until`, a `for` header); one pass forward.
 */
function matchOpeners(items: readonly Item[]): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (const [k, it] of items.entries()) {
    if (it.kind === "header") open.push(k);
    else if (it.kind !== "keyword") continue;
    else if (["{", "(", "if", "while", "until"].includes(it.word)) open.push(k);
    else if (["}", ")", "fi", "done", "esac"].includes(it.word)) {
      const o = open.pop();
      if (o !== undefined) out.set(k, o);
    }
  }
  return out;
}
/**
 * The tail read from before `op`, given how the unit after it ends and the tail after that:
 * `|| false || true` exits 0, `|| exit 1 || true` does not (nothing after exit runs).
 */
function afterOp(op: string, unit: Unit, t: Tail, pipefail: boolean): Tail {
  // A unit that may fail may also succeed (`|| ls && exit 1 || true` exits 1 when ls succeeds).
  const run = unit === "ok" ? t[0] : unit === "fails" && t[0] && t[1];
  // With pipefail a stage's failure is the pipeline's, as before `&&`.
  if (op === "&&" || (op === "|" && pipefail)) return [run, t[1]];
  if (op === "||") return [t[0], run];
  // In a pipeline only the last command's status counts.
  if (op === "|") return [run, run];
  // `;;` ends a case arm: what follows runs or not by the case's word (fail closed).
  return op === ";" || op === "\n" || op === "&" ? END : [false, false];
}

/**
 * Whether a loop body `items[from, to)` is commands known to succeed, one a line or after `;`,
 * then a bare `break`: run once, it ends the loop with 0 (`until b; do echo; break; done`).
 */
function bodyBreaks(
  items: readonly Item[],
  from: number,
  to: number,
  options: ShellOptions,
): boolean {
  let last: Pipeline | undefined;
  for (let i = from; i < to; i++) {
    const it = items[i]!;
    if (it.kind === "op" && (it.op === ";" || it.op === "\n")) continue;
    // A compound, `!`, `&&`, `&` or pipe: stop at once (each item is looked at by one loop).
    if (it.kind !== "pipeline" || it.commands.length !== 1) return false;
    if (last && pipelineEnds(last, options) !== "ok") return false;
    last = it;
  }
  const cmd = last?.commands[0];
  if (cmd?.name !== "break" || cmd.assignments.length > 0 || cmd.redirects.length > 0) return false;
  return cmd.args.length === 1 || (cmd.args.length === 2 && cmd.args[1]!.raw === "1");
}

/** Separators after which the next list runs whatever the list before ended with. */
const PASSED_OVER = new Set([";", "\n", "&"]);

/**
 * Whether the status of the group closed at `close` is read by a `&&` or `||` after it (past a
 * redirection) or a `!` before it: `set -e` then does not stop inside it. A pipe does not count:
 * the group runs in a subshell of its own, where `set -e` does.
 */
function statusRead(items: readonly Item[], close: number, opener: number): boolean {
  if (negated(items, opener)) return true;
  let next = items[close + 1];
  const cmd = next?.kind === "pipeline" ? next.commands[0] : undefined;
  if (cmd && cmd.name === undefined && cmd.args.length === 0) next = items[close + 2];
  return next?.kind === "op" && (next.op === "&&" || next.op === "||");
}

/** How a group ends for the list it is in: a subshell's `exit 1` ends only the subshell. */
function groupUnit(g: Frame): Unit {
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
function marker(
  read: readonly Item[],
  out: Set<Item | SimpleCommand>,
): (from: number, to: number) => void {
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

/**
 * Whether a failure in pipeline `p` lets the RUN go on: its last command's failure is the
 * pipeline's (turned round by `!`); an earlier one's is not, the pipeline's status being the last
 * command's (busybox sh has no pipefail by default): `b | cat && exit 1` fails when cat succeeds.
 */
function pipelineCaught(p: Pipeline, not: boolean, tail: Tail, options: ShellOptions): boolean {
  const [ifOk, ifFailed] = not ? [tail[1], tail[0]] : tail;
  if (!ifFailed) return false;
  if (p.commands.length < 2) return true;
  return commandEnds(p.commands.at(-1)!, options) === "ok" ? ifOk : ifOk && ifFailed;
}

/**
 * Whether the failure of a stage before the last (`b | true`, `b | cat`) lets the RUN go on: the
 * pipeline's status is the last command's, whatever b did, unless pipefail makes it b's.
 */
function stagesCaught(p: Pipeline, not: boolean, tail: Tail, options: ShellOptions): boolean {
  if (p.commands.length < 2) return false;
  const [ifOk, ifFailed] = not ? [tail[1], tail[0]] : tail;
  if (options.pipefail) return ifFailed;
  return commandEnds(p.commands.at(-1)!, options) === "ok" ? ifOk : ifOk && ifFailed;
}

function negated(items: readonly Item[], k: number): boolean {
  const before = items[k - 1];
  return before?.kind === "keyword" && before.word === "!";
}
