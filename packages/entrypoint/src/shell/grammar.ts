import { Stop } from "./grammar-core.js";
import { GrammarOps } from "./grammar-ops.js";
import { COMMAND_START, type Op, type State } from "./grammar-rules.js";

export type { Op, Problem } from "./grammar-rules.js";

/** States in which a word is data of a compound command or an array, not a command's. */
const NOT_COMMAND = new Set<State>([
  "array",
  "caseWord",
  "caseIn",
  "patStart",
  "patOpen",
  "patWord",
  "patNext",
]);

/**
 * The POSIX sh grammar as a push parser fed token by token: it tracks open compound commands
 * and where reserved words count, and reports the first token sh -n would reject. Where dash
 * and bash disagree it sides with the one that accepts (arrays, `[[ ]]`, `(( ))`, `function`,
 * `<( )`, `;&` and a lone `!` pass), since one scanner serves sh and bash entrypoints alike; only
 * `((` follows the shebang (scanShell's `posix`: two subshells, never arithmetic).
 */
export class Grammar extends GrammarOps {
  /** Whether a `)` here is part of this text rather than the end of the `$( )` it sits in. */
  ownsClose(): boolean {
    if (this.failed) return this.parens > 0;
    if (this.st === "test") return this.testDepth > 0;
    return ["array", "fname", "patWord"].includes(this.st) || this.top.kind === "(";
  }

  /** Whether a command may start here (where `((` is bash arithmetic and `&>f` a redirection). */
  atCommandStart(): boolean {
    return !this.failed && COMMAND_START.has(this.st);
  }

  /** Whether `((` here is bash arithmetic: a command, or the head of `for ((;;))`. */
  wantsArith(): boolean {
    return this.atCommandStart() || (!this.failed && this.st === "forName");
  }

  arith(): void {
    if (this.failed) return;
    if (this.st === "forName") this.st = "forIn";
    else this.begin("after");
  }

  /**
   * Feeds a word; false when it belongs to no simple command: an element of a bash array, the
   * word or a pattern of a case, `case` itself or the `esac` ending one. After an error every
   * word counts, so the lint still sees the commands of a script sh would reject.
   */
  word(raw: string, start: number, end: number): boolean {
    const w = raw.replace(/\\\n/g, "");
    this.lastWord = { text: w, end };
    const before = this.st;
    const depth = this.stack.length;
    this.guard(() => this.onWord(w, start));
    if (this.failed) return true;
    const closedCase = this.stack.length < depth && w === "esac";
    return !NOT_COMMAND.has(before) && this.st !== "caseWord" && !closedCase;
  }

  redirect(at: number, hasTarget: boolean): void {
    this.guard(() => this.onRedirect(at, hasTarget));
  }

  op(op: Op, at: number): void {
    if (op === "(") this.parens++;
    else if (op === ")" && this.parens > 0) this.parens--;
    this.guard(() => this.onOp(op, at));
  }

  /** End of the text, or (`byParen`) the `)` that ends the `$( )` body this grammar reads. */
  end(at: number, byParen = false): void {
    this.guard(() => this.onEnd(at, byParen));
  }

  private guard(step: () => void): void {
    if (this.failed) return;
    try {
      step();
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
    }
  }
}
