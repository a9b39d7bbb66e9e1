/**
 * Which commands of a scanned script may fail without stopping it: those in an `if`/`while`/
 * `until` condition, negated with `!`, or followed by `||` in their and-or list; and those in the
 * `then` branch of an `if` whose condition probes for a program or a file (`command -v X`,
 * `which X`, `[ -f F ]`), which on Alpine is false for what Debian has, so the branch never runs.
 * A `||` guards only when all after it up to the list's end is known to succeed (`|| true`,
 * `|| echo …`, `|| exit 0`): `|| exit 1`, `|| false` or `|| { …; }` fail the RUN all the same.
 */
export class ShellGuards {
  private readonly frames: Frame[] = [];
  private negate = false;
  /** Index of the first command of the current and-or list. */
  private listStart = 0;
  /** The enclosing lists' starts, inside `( … )`, `$( … )` and `{ …; }`: `( X ) || true` guards X. */
  private readonly outer: number[] = [];
  /**
   * How many frames guard the commands in them, kept as frames change: asking each frame per
   * command cost the nesting depth for every command (quadratic in 10,000 nested `if`s).
   */
  private guarding = 0;
  /** The last `||` of the current and-or list, if nothing after it so far can fail the list. */
  private lastOr: PendingOr | undefined;
  /** The enclosing lists' last `||`, as `outer` keeps their starts. */
  private readonly outerOr: (PendingOr | undefined)[] = [];
  /** The token before was a `||`: a newline after it continues the list. */
  private afterOr = false;

  /** `succeeds(k)`: the k-th command found is known to exit 0 (`true`, `echo …`, `exit 0`). */
  constructor(private readonly succeeds: (k: number) => boolean) {}

  /** A reserved word at a command's place; `count`: commands found so far. */
  keyword(word: string, count: number): void {
    // A compound command or `!` after a `||` is not read for success: that `||` guards nothing.
    this.lastOr = undefined;
    this.afterOr = false;
    if (word === "!") {
      this.negate = true;
      return;
    }
    if (word === "{") this.open(count);
    else if (word === "}") this.close(count);
    if (word === "{" || word === "}" || word === "time") return;
    this.listStart = count;
    const top = this.frames.at(-1);
    if (word === "if" || word === "while" || word === "until") this.push("cond");
    else if (word === "elif" && top) this.set(top, "cond", false);
    else if (word === "then" && top) this.set(top, "then", top.probe);
    else if (word === "else" && top) this.set(top, "else", top.probe);
    else if (word === "do") {
      if (top?.phase === "cond") this.set(top, "else", top.probe);
      else this.push("else");
    } else if ((word === "fi" || word === "done") && top) {
      this.frames.pop();
      if (guards(top)) this.guarding--;
    }
  }

  /** Whether a command starting here may fail without stopping the script. */
  starts(): boolean {
    this.afterOr = false;
    const guarded = this.negate || this.guarding > 0;
    this.negate = false;
    return guarded;
  }

  /** A command is complete: a probe in a condition makes its branch conditional. */
  ended(name: string, args: readonly string[]): void {
    const top = this.frames.at(-1);
    if (top?.phase === "cond" && isProbe(name, args)) this.set(top, "cond", true);
  }

  private push(phase: Frame["phase"]): void {
    const frame = { phase, probe: false };
    this.frames.push(frame);
    if (guards(frame)) this.guarding++;
  }

  private set(frame: Frame, phase: Frame["phase"], probe: boolean): void {
    if (guards(frame)) this.guarding--;
    frame.phase = phase;
    frame.probe = probe;
    if (guards(frame)) this.guarding++;
  }

  /**
   * An operator; `count`: commands found so far. Returns the commands a `||` guards, `[from, to)`,
   * once the and-or list it is in ends and what runs after it is known to succeed.
   */
  operator(op: string, count: number): GuardedSpan | undefined {
    if (op === "\n" && this.afterOr) return undefined;
    this.afterOr = op === "||";
    if (op === "||") {
      this.lastOr = { from: this.listStart, at: count };
      return undefined;
    }
    if (op === "&&" || op === "|") return undefined;
    const span = this.listEnd(count);
    if (op === "(" || op === "$(") this.open(count);
    else if (op === ")") this.close(count);
    else this.listStart = count;
    return span;
  }

  /** The script ends: the `||` of its last list, if any. */
  finish(count: number): GuardedSpan | undefined {
    return this.listEnd(count);
  }

  /** The current and-or list ends at `count`: what its last `||` guards. */
  private listEnd(count: number): GuardedSpan | undefined {
    const or = this.lastOr;
    this.lastOr = undefined;
    if (!or || or.at >= count) return undefined;
    for (let k = or.at; k < count; k++) if (!this.succeeds(k)) return undefined;
    return { from: or.from, to: or.at };
  }

  private open(count: number): void {
    this.outer.push(this.listStart);
    this.outerOr.push(undefined);
    this.listStart = count;
  }

  private close(count: number): void {
    this.listStart = this.outer.pop() ?? count;
    this.lastOr = this.outerOr.pop();
  }
}

/** Commands `[from, to)`, guarded by a `||` after them. */
export interface GuardedSpan {
  from: number;
  to: number;
}

interface PendingOr {
  /** Where its and-or list starts. */
  from: number;
  /** The first command after it. */
  at: number;
}

/** Commands in this frame may fail: its condition, or the branch a probe decides. */
function guards(f: Frame): boolean {
  return f.phase === "cond" || (f.phase === "then" && f.probe);
}

interface Frame {
  /** `else` also stands for a loop body and an `else` branch: they run when the probe fails. */
  phase: "cond" | "then" | "else";
  probe: boolean;
}

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
