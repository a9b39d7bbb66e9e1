import { AndOrLists, type CommandStatus, type Deferred, type GroupLists } from "./and-or-lists.js";

/**
 * Which commands of a scanned script may fail without stopping it: those in an `if`/`while`/
 * `until` condition, negated with `!`, or followed by `||` in their and-or list; and those in the
 * `then` branch of an `if` whose condition probes for a program or a file (`command -v X`,
 * `which X`, `[ -f F ]`), which on Alpine is false for what Debian has, so the branch never runs.
 * A `||` guards only when what runs after the failure is known to succeed (`|| true`,
 * `|| echo …`, `|| exit 0`, `|| { echo …; }`): `|| exit 1`, `|| false` fail the RUN all the same.
 */
export class ShellGuards {
  private readonly frames: Frame[] = [];
  /**
   * How many frames guard the commands in them, kept as frames change: asking each frame per
   * command cost the nesting depth for every command (quadratic in 10,000 nested `if`s).
   */
  private guarding = 0;
  private readonly lists: AndOrLists;
  /** The token before was `||`, `&&` or `|`: a newline after it continues the list. */
  private afterOr = false;
  /**
   * A `;` or newline not yet passed on: one right before a group's `)` or `}` does not end the
   * list, whose status is the group's (`{ c; b; } && exit 1 || true`).
   */
  private separator: number | undefined;

  /**
   * `status(k)`: how the k-th command found is known to end (`true`, `echo …`, `exit 0` exit 0);
   * `guard(from, to)`: commands `[from, to)` may fail, a `||` after them catches it; `pipefail`:
   * a pipeline fails when any stage does.
   */
  constructor(
    status: (k: number) => CommandStatus,
    guard: (from: number, to: number) => void,
    pipefail = false,
  ) {
    this.lists = new AndOrLists(status, guard, pipefail);
  }

  /** A reserved word at a command's place; `count`: commands found so far. */
  keyword(word: string, count: number): void {
    const loop = this.frames.at(-1)?.body;
    if (loop && word !== "done") loop.plain = false;
    if (LIST_ENDS.has(word)) this.separator = undefined;
    else this.other();
    this.afterOr = false;
    if (word === "time") return;
    if (word === "{" || word === "}") {
      if (word === "{") this.lists.open(count, "{");
      else this.lists.close(count);
      return;
    }
    // A compound command or `!` is not read for success: a || before it catches nothing.
    if (word === "!") {
      this.lists.taint();
      this.lists.negate();
      return;
    }
    // The list before the keyword is read first: the taint is the compound's, not that list's.
    const top = this.frames.at(-1);
    if (word === "if" || word === "while" || word === "until") {
      const negated = this.lists.negatedAt(count);
      this.lists.restart(count);
      this.push("cond", word, negated);
      this.frames.at(-1)!.test = [count, this.lists.taintCount + 1];
    } else if ((word === "elif" || word === "else") && top) {
      this.branchEnd(top, count);
      this.set(top, word === "elif" ? "cond" : "else", word === "elif" ? false : top.probe);
      // The test's or branch's first taint is the keyword's own, counted right after this.
      if (word === "else") top.branch = [count, this.lists.taintCount + 1];
      else top.test = [count, this.lists.taintCount + 1];
    } else if (word === "then" && top) {
      this.condEnd(top, count);
      this.set(top, "then", top.probe);
    } else if (word === "do") {
      if (top?.phase === "cond") {
        this.condEnd(top, count);
        this.set(top, "else", top.probe);
        top.body = { start: count, taints: this.lists.taintCount + 1, plain: true };
      } else {
        const negated = this.lists.negatedAt(count);
        this.lists.restart(count);
        this.push("else", "for", negated);
      }
    } else if ((word === "fi" || word === "done") && top) {
      top.once = top.body !== undefined && this.runsOnce(top.body, count);
      const well: boolean[] = [];
      this.branchEnd(top, count, well);
      const over = top.forBody && this.lists.closeBody(top.forBody, well);
      this.frames.pop();
      if (guards(top)) this.guarding--;
      this.lists.restart(count);
      this.lists.attach([...top.deferred, ...condsRead(top)], over || undefined);
      if (top.negated) this.lists.negate();
    } else this.lists.restart(count);
    this.lists.taint();
    // Past the `do`'s own taint: a compound or `!` in the body after it is one of the body's.
    if (word === "do" && this.frames.at(-1)?.kind === "for")
      this.frames.at(-1)!.forBody = this.lists.openBody();
  }

  /** A `case` starts at command `count`: its arms are read by caseArm and caseArmEnd. */
  caseStart(count: number): void {
    const loop = this.frames.at(-1)?.body;
    if (loop) loop.plain = false;
    this.other();
    this.afterOr = false;
    const negated = this.lists.negatedAt(count);
    this.lists.restart(count);
    this.push("else", "case", negated);
    this.lists.taint();
  }

  /** An arm's commands start (after its `)`): its lists are kept as a group's (forBody). */
  caseArm(count: number): void {
    const top = this.frames.at(-1);
    this.separator = undefined;
    this.lists.restart(count);
    if (top?.kind === "case") top.forBody = this.lists.openBody();
  }

  /**
   * An arm ends (`;;`, `;&`, or `esac`): its last list is the case's status, read against what
   * follows the case; a fall through (`;&`, `;;&`) makes the case's status another arm's too, so
   * none of its arms is read (fail closed).
   */
  caseArmEnd(count: number, fallthrough: boolean): void {
    const top = this.frames.at(-1);
    this.separator = undefined;
    if (top?.kind !== "case") {
      this.lists.restart(count);
      return;
    }
    const well: boolean[] = [];
    this.branchEnd(top, count, well);
    const over = top.forBody && this.lists.closeBody(top.forBody, well);
    top.forBody = undefined;
    if (over) top.passed = [...(top.passed ?? []), over];
    if (fallthrough) top.fallthrough = true;
  }

  /** The case's `esac`: its status is the arm's that ran, 0 when none did. */
  caseEnd(count: number): void {
    const top = this.frames.at(-1);
    if (top?.kind !== "case") {
      this.keyword("esac", count);
      return;
    }
    this.frames.pop();
    this.lists.restart(count);
    if (!top.fallthrough) this.lists.attach(top.deferred, mergedArms(top.passed ?? []));
    if (top.negated) this.lists.negate();
    this.lists.taint();
  }

  /** A condition's last list ends: read when the if or loop ends, against its branches. */
  private condEnd(frame: Frame, count: number): void {
    const [from, taints] = frame.test ?? [count, -1];
    const unit = this.lists.unitOf(from, count, taints, this.lists.taintCount);
    frame.conds.push(this.lists.variants(count));
    frame.arms.push({ test: unit });
    // The branch's first taint is the `then`'s or `do`'s own, counted right after this.
    frame.branch = [count, this.lists.taintCount + 1];
  }

  /**
   * A branch's (or loop body's) last list ends: its status is the if's or loop's; `well`: whether
   * it ends well, by the tail after the if or loop.
   */
  private branchEnd(frame: Frame, count: number, well?: boolean[]): void {
    const variants = this.lists.variants(count, well);
    frame.deferred.push({ variants, map: (t) => t });
    if (!frame.branch) return;
    const unit = this.lists.unitOf(frame.branch[0], count, frame.branch[1], this.lists.taintCount);
    const arm = frame.arms.at(-1);
    if (frame.phase === "then" && arm) arm.branch = unit;
    else frame.elseUnit = unit;
    frame.branch = undefined;
  }

  /** Whether a command starting here may fail without stopping the script. */
  starts(): boolean {
    this.other();
    this.afterOr = false;
    return this.guarding > 0;
  }

  /**
   * A command is complete: a probe in a condition makes its branch conditional. `k`: its index;
   * `bare`: no assignment or redirection on it.
   */
  ended(name: string, args: readonly string[], k = -1, bare = false): void {
    const top = this.frames.at(-1);
    if (top?.phase === "cond" && isProbe(name, args)) this.set(top, "cond", true);
    const plainBreak = name === "break" && bare && (args.length === 0 || args.join() === "1");
    if (top?.body) top.body.breakAt = plainBreak ? k : undefined;
  }

  /**
   * Whether a loop body ending at `count` is commands known to succeed, one a line or after
   * `;`, then a bare `break`: run once, it ends the loop with 0 (`until b; do echo; break; done`).
   */
  private runsOnce(body: LoopBody, count: number): boolean {
    if (!body.plain || body.breakAt !== count - 1) return false;
    if (this.lists.taintCount !== body.taints) return false;
    if (body.start === body.breakAt) return true;
    return this.lists.unitOf(body.start, body.breakAt, body.taints, body.taints) === "ok";
  }

  private push(phase: Frame["phase"], kind: Frame["kind"], negated = false): void {
    const frame: Frame = { phase, probe: false, kind, conds: [], deferred: [], arms: [] };
    if (negated) frame.negated = true;
    this.frames.push(frame);
    if (guards(frame)) this.guarding++;
  }

  private set(frame: Frame, phase: Frame["phase"], probe: boolean): void {
    if (guards(frame)) this.guarding--;
    frame.phase = phase;
    frame.probe = probe;
    if (guards(frame)) this.guarding++;
  }

  /** An operator; `count`: commands found so far. */
  operator(op: string, count: number): void {
    if (op === "\n" && this.afterOr) return;
    const loop = this.frames.at(-1)?.body;
    if (loop && op !== ";" && op !== "\n") loop.plain = false;
    if (op === ")") this.separator = undefined;
    else this.other();
    if (op === ";" || op === "\n") {
      this.separator = count;
      return;
    }
    this.afterOr = op === "||" || op === "&&" || op === "|";
    if (op === "||" || op === "&&" || op === "|") this.lists.join(op, count);
    else if (op === "(" || op === "$(") this.lists.open(count, op);
    else if (op === ")") this.lists.close(count);
    else this.lists.restart(count);
  }

  /** An assignment alone ends the part being read (`b || X=1`): how it ends, see AndOrLists. */
  assignment(unit: "ok" | "ends"): void {
    this.lists.assigned(unit);
  }

  /** A redirection that may fail, with no command before it: on the group just closed, if any. */
  riskyRedirect(): void {
    const loop = this.frames.at(-1)?.body;
    if (loop) loop.plain = false;
    this.other();
    this.lists.seal();
  }

  /** Anything but a group's end (an assignment, a redirection alone): a separator before it ends its list. */
  other(): void {
    if (this.separator === undefined) return;
    this.lists.restart(this.separator);
    this.separator = undefined;
  }

  /** The script ends: its last list with it. */
  finish(count: number): void {
    this.other();
    this.lists.restart(count);
  }
}

/** Commands in this frame may fail: the branch a probe decides never runs on Alpine. */
function guards(f: Frame): boolean {
  return f.phase === "then" && f.probe;
}

/**
 * How an if's or loop's conditions are read once its branches are known: `if b; then :; fi` and
 * `while b; do …; done` go on when b fails; `if b; then :; else exit 1; fi`, `if ! b; then exit
 * 1; fi` do not; a failed test runs the `elif` after it, read as an if of its own (`if b; then :;
 * elif false; then :; fi` goes on); a loop body that may run again is not known (fail closed).
 */
function condsRead(f: Frame): Deferred[] {
  // A body that runs once to a `break` ends the loop with 0, as a test that ends it does.
  const once = f.once === true;
  if (f.kind === "while")
    return f.conds.map((variants) => ({ variants, map: (t) => [once && t[0], t[0]] }));
  if (f.kind === "until")
    return f.conds.map((variants) => ({ variants, map: (t) => [t[0], once && t[0]] }));
  if (f.kind !== "if") return [];
  // Back to front: whether what runs when test i fails ends well.
  const restOk: boolean[] = [];
  let rest = f.elseUnit === undefined || f.elseUnit === "ok";
  for (let i = f.arms.length - 1; i >= 0; i--) {
    restOk[i] = rest;
    const { test, branch } = f.arms[i]!;
    rest = test !== "ends" && branch === "ok" && (test === "ok" || rest);
  }
  return f.conds.map((variants, i) => {
    const thenOk = f.arms[i]?.branch === "ok";
    const failOk = restOk[i] === true;
    return { variants, map: (t) => [thenOk && t[0], failOk && t[0]] };
  });
}

type Unit = "ok" | "fails" | "ends";

interface Frame {
  /** `else` also stands for a loop body and an `else` branch: they run when the probe fails. */
  phase: "cond" | "then" | "else";
  probe: boolean;
  kind: "if" | "while" | "until" | "for" | "case";
  /** Each condition's last list, read for each tail (AndOrLists.variants). */
  conds: Deferred["variants"][];
  /** Each branch's last list: the if's or loop's status is the one that ran last. */
  deferred: Deferred[];
  /** Where the branch being read starts: its first command and the taints before it. */
  branch?: [count: number, taints: number];
  /** Where the test being read starts: its first command and the taints before it. */
  test?: [count: number, taints: number];
  /** Each test's unit and its branch's, in order: a failed test runs the next (`elif`). */
  arms: { test: Unit; branch?: Unit }[];
  elseUnit?: Unit;
  /** A while or until loop's body, while it is read. */
  body?: LoopBody;
  /** Its body runs once to a bare `break` (runsOnce). */
  once?: boolean;
  /**
   * A `for` body's or case arm's lists, kept as a group's: `set -e` passes over them when the
   * loop's or case's status is read.
   */
  forBody?: GroupLists;
  /** A case's arms' lists before their last, read so (AndOrLists.closeBody), one per arm. */
  passed?: PassedOver[];
  /** A case arm runs on into the next (`;&`, `;;&`). */
  fallthrough?: true;
  /** A `!` right before it turns its status round (`! if …; fi`, `! while …; done`). */
  negated?: true;
}

/** What a group's or body's lists before its last guard, by the tail after it. */
type PassedOver = NonNullable<ReturnType<AndOrLists["closeBody"]>>;

/** The lists each arm passes over, by the tail after the case: any arm may be the one that runs. */
function mergedArms(arms: readonly PassedOver[]): PassedOver | undefined {
  if (arms.length === 0) return undefined;
  const out: PassedOver = [];
  for (const k of [1, 2, 3]) {
    const inner = arms.flatMap((a) => (a[k] ? [a[k]!] : []));
    out[k] = { ranges: [], inner };
  }
  return out;
}

/** A while or until body being read, for ShellGuards.runsOnce. */
interface LoopBody {
  /** Its first command and the taints before it. */
  start: number;
  taints: number;
  /** Only `;` and newlines between its commands so far: no compound, `&&`, pipe, `&`. */
  plain: boolean;
  /** The last command ended, when it is a bare `break`. */
  breakAt?: number;
}

/** Keywords a `;` or newline right before does not end a list at: its status is read with them. */
export const LIST_ENDS: ReadonlySet<string> = new Set([
  "}",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
]);

/** Commands that look a name up without running it. */
const LOOKUPS = new Set(["type", "which", "hash"]);

function isProbe(name: string, args: readonly string[]): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (LOOKUPS.has(base)) return true;
  if (base === "command") return args.some((a) => a === "-v" || a === "-V");
  if (base === "[" || base === "[[" || base === "test")
    return args.some((a) => /^-[efdxLhrs]$/.test(a));
  return false;
}

/** `command -v X`, `command -V X`: X is looked up, not run (`command X` runs it). */
export function looksUp(base: string, options: readonly string[]): boolean {
  return base === "command" && options.some((a) => /^-[a-zA-Z]*[vV]/.test(a));
}
