/**
 * Which commands of a scanned script may fail without stopping it: those in an `if`/`while`/
 * `until` condition, negated with `!`, or followed by `||` in their and-or list; and those in the
 * `then` branch of an `if` whose condition probes for a program or a file (`command -v X`,
 * `which X`, `[ -f F ]`), which on Alpine is false for what Debian has, so the branch never runs.
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

  /** A reserved word at a command's place; `count`: commands found so far. */
  keyword(word: string, count: number): void {
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

  /** An operator; returns the index from which commands are guarded by it (a `||`). */
  operator(op: string, count: number): number | undefined {
    if (op === "||") return this.listStart;
    if (op === "(" || op === "$(") this.open(count);
    else if (op === ")") this.close(count);
    else if (op !== "&&" && op !== "|") this.listStart = count;
    return undefined;
  }

  private open(count: number): void {
    this.outer.push(this.listStart);
    this.listStart = count;
  }

  private close(count: number): void {
    this.listStart = this.outer.pop() ?? count;
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
