import {
  afterOp,
  type CommandStatus,
  type Deferred,
  END,
  type GroupLists,
  type IfFailCaught,
  key,
  type Opener,
  type Part,
  passedOver,
  pipelinesNegated,
  TAILS,
  type Tail,
  type Unit,
} from "./and-or-parts.js";

export type { CommandStatus, Deferred, GroupLists, Opener } from "./and-or-parts.js";

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
  /** For each group open, its lists before the one being read (none for a `$(`). */
  private readonly groupLists: (GroupLists | undefined)[] = [];
  private taints = 0;

  /** `pipefail`: a pipeline fails when any stage does (`set -o pipefail` in the script). */
  constructor(
    private readonly status: (k: number) => CommandStatus,
    private readonly guard: (from: number, to: number) => void,
    private readonly pipefail = false,
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
    this.keepForGroup(count);
    this.endList(count);
    this.parts = [{ op: "", start: count, taint: this.taints }];
  }

  open(count: number, opener: Opener = "("): void {
    this.openers.push(opener);
    this.groupLists.push(opener === "$(" ? undefined : { taints: this.taints, lists: [] });
    this.outer.push(this.parts);
    this.parts = [{ op: "", start: count, taint: this.taints }];
  }

  close(count: number): void {
    const opener = this.openers.pop();
    const lists = this.groupLists.pop();
    // A group's status is its last list's: read when the list holding the group ends.
    const group = opener === "(" || opener === "{" ? opener : undefined;
    if (!group) this.endList(count);
    const wellAfter: boolean[] = [];
    const variants = group ? this.variants(count, wellAfter) : [];
    this.parts = this.outer.pop() ?? [{ op: "", start: count, taint: this.taints }];
    if (group) {
      const last = this.parts.at(-1)!;
      last.group = group;
      last.deferred = [{ variants, map: (t) => t }];
      if (lists && lists.taints === this.taints) last.passedOver = passedOver(lists, wellAfter);
    }
  }

  /** `!` before the pipeline starting now. */
  negate(): void {
    this.parts.at(-1)!.negated = true;
  }

  /**
   * Whether a `!` stands right before a compound starting at command `count` (`! if …`, `! for
   * …`): the list it was in ends at the compound's keyword, so the compound's own part, after
   * it ends, is turned round (negate) instead.
   */
  negatedAt(count: number): boolean {
    const last = this.parts.at(-1)!;
    return last.negated === true && last.start === count;
  }

  /**
   * The current list ends where its status is read later (a condition, a branch's last list):
   * what it guards for each tail, not marked now; the next list starts at `count`.
   */
  variants(count: number, well?: boolean[]): (IfFailCaught | undefined)[] {
    const out: (IfFailCaught | undefined)[] = [];
    for (const t of TAILS) {
      const d: IfFailCaught = { ranges: [], inner: [] };
      const ok = this.end(
        count,
        t,
        (from, to) => d.ranges.push([from, to]),
        (i) => d.inner.push(i),
      );
      out[key(t)] = d;
      if (well) well[key(t)] = ok;
    }
    this.parts = [{ op: "", start: count, taint: this.taints }];
    return out;
  }

  /**
   * A list of a group ends before its last: what it guards when what follows it in the group goes
   * on either way, kept for the group's close; none once a compound or `!` is in the group.
   */
  private keepForGroup(count: number): void {
    const g = this.groupLists.at(-1);
    if (!g || g.taints !== this.taints) return;
    const caught: IfFailCaught = { ranges: [], inner: [] };
    const well = this.end(
      count,
      [true, true],
      (from, to) => caught.ranges.push([from, to]),
      (i) => caught.inner.push(i),
    );
    g.lists.push({ caught, well });
  }

  /**
   * A `for` body starts: its lists are kept as a group's are (passedOver), while no compound or
   * `!` is in it, for `for …; do b; echo; done || exit 1`, where `set -e` passes over b.
   */
  openBody(): GroupLists {
    const g: GroupLists = { taints: this.taints, lists: [] };
    this.groupLists.push(g);
    return g;
  }

  /**
   * The `for` body `g` ends (its last list read by `variants`, `well` filled): what its lists
   * before the last guard by the tail after the loop, for the part `attach` gets next.
   */
  closeBody(g: GroupLists, well: readonly boolean[]): (IfFailCaught | undefined)[] | undefined {
    if (this.groupLists.at(-1) !== g) return undefined;
    this.groupLists.pop();
    return g.taints === this.taints ? passedOver(g, well) : undefined;
  }

  /** Lists read later whose status is that of the command just ended (an if or loop). */
  attach(deferred: Deferred[], over?: (IfFailCaught | undefined)[]): void {
    const last = this.parts.at(-1)!;
    last.deferred = [...(last.deferred ?? []), ...deferred];
    if (over) last.passedOver = over;
  }

  /** How commands `[from, to)` end, a compound command or `!` between taints `taintFrom`, `taintTo`. */
  unitOf(from: number, to: number, taintFrom: number, taintTo: number): Unit {
    return taintFrom !== taintTo ? "ends" : this.unit(from, to);
  }

  /** Taints seen so far (compound commands and `!`). */
  get taintCount(): number {
    return this.taints;
  }

  /** An assignment alone in the part being read: `ends` wins over `ok`. */
  assigned(unit: "ok" | "ends"): void {
    const last = this.parts.at(-1)!;
    last.assigned = last.assigned === "ends" ? "ends" : unit;
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
   * Returns whether the list, run, ends well.
   */
  private end(
    count: number,
    start: Tail,
    guard: (from: number, to: number) => void,
    defer: (d: IfFailCaught) => void,
  ): boolean {
    const parts = this.parts;
    const caught = new Uint8Array(parts.length);
    const negated = pipelinesNegated(parts);
    let tail = start;
    // The tail after a negated pipeline being read, while its stages are read with it turned round.
    let outside: Tail | undefined;
    let to = count;
    let taintTo = this.taints;
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = parts[i]!;
      if (negated[i] && parts[i + 1]?.op !== "|") {
        outside = tail;
        tail = [tail[1], tail[0]];
      }
      const unit = this.partUnit(p, to, taintTo);
      // A group goes on after a failure inside it: its list must go on whatever the group ends with.
      const whole = p.group && tail[0] && tail[1] && unit !== "ends";
      if (p.group ? whole : tail[1]) caught[i] = 1;
      if (!whole && !p.sealed)
        for (const d of p.deferred ?? []) {
          const v = d.variants[key(d.map(tail))];
          if (v) defer(v);
        }
      // `set -e` does not stop in a group whose status `&&`, `||` or `!` reads.
      const read = negated[i] || parts[i + 1]?.op === "&&" || parts[i + 1]?.op === "||";
      const over = read && !p.sealed ? p.passedOver?.[key(tail)] : undefined;
      if (over) defer(over);
      // `a && ! b` reads a against the tail after all of `! b`, which ends as negatedUnit says.
      tail =
        outside && p.op !== "|"
          ? afterOp(p.op, this.negatedUnit(parts, i, to, taintTo), outside, this.pipefail)
          : afterOp(p.op, unit, tail, this.pipefail);
      if (p.op !== "|") outside = undefined;
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
    return tail[0];
  }

  /**
   * How `! X` ends, X the pipeline of part i alone: `! false` exits 0, `! true` may fail; any
   * other turned round is read as a compound (fail closed).
   */
  private negatedUnit(parts: readonly Part[], i: number, to: number, taintTo: number): Unit {
    const p = parts[i]!;
    // Its only taint is the `!` itself, and no `|` after it.
    if (p.group || p.taint + 1 !== taintTo || parts[i + 1]?.op === "|") return "ends";
    if (to - p.start === 1 && this.status(p.start) === "no") return "ok";
    return this.unit(p.start, to) === "ok" ? "fails" : "ends";
  }

  /** How a part `[p.start, to)` ends; an `exit` in a subshell ends only the subshell. */
  private partUnit(p: Part, to: number, taintTo: number): Unit {
    const u = p.sealed || p.taint !== taintTo ? "ends" : this.unit(p.start, to, p.assigned);
    return p.group === "(" && u === "ends" && !p.sealed ? "fails" : u;
  }

  /**
   * How commands `[from, to)` end, those in their words aside; none at all (`x=${y?}`) may end
   * it, unless they are an assignment alone (`assigned`: how it ends, its substitutions aside).
   */
  private unit(from: number, to: number, assigned?: "ok" | "ends"): Unit {
    this.count(to);
    const [ends, fails, oks] = this.counts;
    if (assigned === "ends" || ends[to]! > ends[from]!) return "ends";
    if (fails[to]! > fails[from]!) return "fails";
    return oks[to]! > oks[from]! || assigned === "ok" ? "ok" : "ends";
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
      fails.push(fails[k]! + (s === "fails" || s === "no" ? 1 : 0));
      oks.push(oks[k]! + (s === "ok" ? 1 : 0));
    }
  }
}
