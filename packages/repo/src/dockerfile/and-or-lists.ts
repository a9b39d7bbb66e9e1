/**
 * What the rest of an and-or list, read from after one of its parts, ends with, given that part's
 * status: `[ifOk, ifFailed]`, true where the list is known to exit 0.
 */
type Tail = readonly [ifOk: boolean, ifFailed: boolean];

/** Nothing after it: the list's status is the part's. */
const END: Tail = [true, false];

/** After a group followed by `&& exit 1 || true`: its failure is caught, its success is not. */
const FAIL_CAUGHT: Tail = [false, true];

/**
 * The commands a group's last list guards when the group's failure is caught and its success is
 * not (`( c; b ) && exit 1 || true` guards b): known when the group closes, used when the list
 * holding the group ends; `inner` are such groups in that last list, each applied once.
 */
interface IfFailCaught {
  ranges: [from: number, to: number][];
  inner: IfFailCaught[];
  applied?: true;
}

/** One part of an and-or list (a command, a pipeline stage or a group), after `op`. */
interface Part {
  op: string;
  /** Index of its first command. */
  start: number;
  /** Compound commands and `!` seen before it: one inside it makes it not known to succeed. */
  taint: number;
  /** It is a `( … )` (an `exit` in it ends only the subshell) or a `{ …; }`. */
  group?: "(" | "{";
  /** A redirection on its group that may fail (`( … ) >&3`): the group may not run at all. */
  sealed?: true;
  ifFailCaught?: IfFailCaught;
}

/** What opened a nested list: a subshell, a brace group, or a `$(…)` in a word. */
export type Opener = "(" | "{" | "$(";

/**
 * How a command found is known to end: it exits 0, it may fail (its status only), it may end the
 * shell there (`exit 1`, `${x?}`, `>&3`), or it runs in another command's word (`echo $(false)`).
 */
export type CommandStatus = "ok" | "fails" | "ends" | "word";

/** How a part ends, all its commands read. */
type Unit = Exclude<CommandStatus, "word">;

/**
 * The and-or lists of a scanned script, nested in `( … )` and `{ …; }`: when one ends, the parts
 * whose failure it catches, read back to front as busybox sh runs it. A `||` catches only when what
 * runs after the failure is known to succeed (`|| true`, `|| echo x || exit 1`, `|| { echo x; }`,
 * `|| (exit 0)`, `|| false || true`); `|| exit 1 || true` does not (exit ends the shell), nor
 * `|| if …` (fail closed). A group's failure caught guards all in it only when its list goes on
 * whatever its status (`( b; c ) || true`, not `( b; c ) && exit 1 || true`) and nothing in it
 * may end the shell (a `{ b; exit 1; }` may; an `exit` in a subshell ends only the subshell).
 */
export class AndOrLists {
  private parts: Part[] = [{ op: "", start: 0, taint: 0 }];
  private readonly outer: Part[][] = [];
  private readonly openers: Opener[] = [];
  private taints = 0;

  constructor(
    private readonly status: (k: number) => CommandStatus,
    private readonly guard: (from: number, to: number) => void,
  ) {}

  /** `&&`, `||` or `|` before a part starting at command `count`. */
  join(op: string, count: number): void {
    this.parts.push({ op, start: count, taint: this.taints });
  }

  /** A compound command or `!`: the part it is in is not known to succeed. */
  taint(): void {
    this.taints++;
  }

  /** A list ends at `count` (`;`, a newline, a reserved word) and the next starts there. */
  restart(count: number): void {
    this.endList(count);
    this.parts = [{ op: "", start: count, taint: this.taints }];
  }

  open(count: number, opener: Opener = "("): void {
    this.openers.push(opener);
    this.outer.push(this.parts);
    this.parts = [{ op: "", start: count, taint: this.taints }];
  }

  close(count: number): void {
    const opener = this.openers.pop();
    let ifFailCaught: IfFailCaught | undefined;
    if (opener === "(" || opener === "{") {
      const d: IfFailCaught = { ranges: [], inner: [] };
      this.end(
        count,
        FAIL_CAUGHT,
        (from, to) => d.ranges.push([from, to]),
        (i) => d.inner.push(i),
      );
      ifFailCaught = d;
    }
    this.endList(count);
    this.parts = this.outer.pop() ?? [{ op: "", start: count, taint: this.taints }];
    if (opener === "(" || opener === "{")
      Object.assign(this.parts.at(-1)!, { group: opener, ifFailCaught });
  }

  /** A redirection that may fail right after a group (`( … ) >&3`, `{ …; } > /no/such/f`). */
  seal(): void {
    const last = this.parts.at(-1)!;
    if (last.group) last.sealed = true;
  }

  /** The current list ends: what it guards is marked now. */
  private endList(count: number): void {
    this.end(count, END, this.guard, (d) => this.apply(d));
  }

  /** Each once, and without recursion: groups may nest thousands deep. */
  private apply(first: IfFailCaught): void {
    const todo = [first];
    for (let d = todo.pop(); d; d = todo.pop()) {
      if (d.applied) continue;
      d.applied = true;
      for (const [from, to] of d.ranges) this.guard(from, to);
      for (const inner of d.inner) todo.push(inner);
    }
  }

  /**
   * Reads the current list back to front from `start`, the tail after it: `guard` gets the
   * commands whose failure it catches, `defer` the groups whose own last list decides that.
   */
  private end(
    count: number,
    start: Tail,
    guard: (from: number, to: number) => void,
    defer: (d: IfFailCaught) => void,
  ): void {
    const parts = this.parts;
    const caught = new Uint8Array(parts.length);
    let tail = start;
    let to = count;
    let taintTo = this.taints;
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = parts[i]!;
      const unit = this.partUnit(p, to, taintTo);
      // A group goes on after a failure inside it: its list must go on whatever the group ends with.
      if (p.group ? tail[0] && tail[1] && unit !== "ends" : tail[1]) caught[i] = 1;
      else if (p.ifFailCaught && !p.sealed && !tail[0] && tail[1]) defer(p.ifFailCaught);
      tail = afterOp(p.op, unit, tail);
      [to, taintTo] = [p.start, p.taint];
    }
    // Front to back and merged, so commands marked in an inner list are not marked again.
    for (let i = 0; i < parts.length; i++) {
      if (!caught[i]) continue;
      const from = parts[i]!.start;
      while (caught[i + 1]) i++;
      const end = parts[i + 1]?.start ?? count;
      if (end > from) guard(from, end);
    }
  }

  /** How a part `[p.start, to)` ends; an `exit` in a subshell ends only the subshell. */
  private partUnit(p: Part, to: number, taintTo: number): Unit {
    const u = p.sealed || p.taint !== taintTo ? "ends" : this.unit(p.start, to);
    return p.group === "(" && u === "ends" && !p.sealed ? "fails" : u;
  }

  /** How commands `[from, to)` end, those in their words aside; none at all (`x=${y?}`) may end it. */
  private unit(from: number, to: number): Unit {
    this.count(to);
    const [ends, fails, oks] = this.counts;
    if (ends[to]! > ends[from]!) return "ends";
    if (fails[to]! > fails[from]!) return "fails";
    return oks[to]! > oks[from]! ? "ok" : "ends";
  }

  /**
   * Running counts of commands that may end the shell, may fail, and succeed: a part holding a
   * group is read from them, not command by command, so `a || ( b || ( c || … ) )` nested n deep
   * costs n, not n² (each level's part holds every command inside it).
   */
  private readonly counts: [number[], number[], number[]] = [[0], [0], [0]];

  private count(to: number): void {
    const [ends, fails, oks] = this.counts;
    for (let k = ends.length - 1; k < to; k++) {
      const s = this.status(k);
      ends.push(ends[k]! + (s === "ends" ? 1 : 0));
      fails.push(fails[k]! + (s === "fails" ? 1 : 0));
      oks.push(oks[k]! + (s === "ok" ? 1 : 0));
    }
  }
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
  return [run, run];
}
