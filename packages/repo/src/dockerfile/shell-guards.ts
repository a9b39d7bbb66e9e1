import { AndOrLists, type CommandStatus } from "./and-or-lists.js";

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
  private negate = false;
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
   * `guard(from, to)`: commands `[from, to)` may fail, a `||` after them catches it.
   */
  constructor(status: (k: number) => CommandStatus, guard: (from: number, to: number) => void) {
    this.lists = new AndOrLists(status, guard);
  }

  /** A reserved word at a command's place; `count`: commands found so far. */
  keyword(word: string, count: number): void {
    if (word === "}") this.separator = undefined;
    else this.other();
    this.afterOr = false;
    if (word === "time") return;
    if (word === "{" || word === "}") {
      if (word === "{") this.lists.open(count, "{");
      else this.lists.close(count);
      return;
    }
    // A compound command or `!` is not read for success: a || before it catches nothing.
    this.lists.taint();
    if (word === "!") {
      this.negate = true;
      return;
    }
    this.lists.restart(count);
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
    this.other();
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

  /** An operator; `count`: commands found so far. */
  operator(op: string, count: number): void {
    if (op === "\n" && this.afterOr) return;
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

  /** A redirection that may fail, with no command before it: on the group just closed, if any. */
  riskyRedirect(): void {
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
