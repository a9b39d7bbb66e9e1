import {
  closerProblem,
  emptyListProblem,
  TEXT,
  type Text,
  unclosedProblem,
} from "./grammar-messages.js";
import {
  ARRAY_WORD,
  ASSIGNMENT,
  CLOSERS,
  COMMAND_END,
  COMMAND_START,
  DECLARERS,
  type Frame,
  type Kind,
  NAME,
  NO_NEWLINE,
  OPENERS,
  type Problem,
  type State,
} from "./grammar-rules.js";

export type { Problem } from "./grammar-rules.js";

/** An operator token the scanner hands over, or a newline. */
export type Op = ";" | ";;" | ";&" | ";;&" | "&" | "&&" | "||" | "|" | "|&" | "(" | ")" | "\n";

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

/** Thrown by fail() to unwind to the public method that was fed the bad token. */
class Stop extends Error {}

/**
 * The POSIX sh grammar as a push parser fed token by token: it tracks open compound commands
 * and where reserved words count, and reports the first token sh -n would reject. Where dash
 * and bash disagree it sides with the one that accepts (arrays, `[[ ]]`, `(( ))`, `function`,
 * `<( )`, `;&` and a lone `!` pass), since one scanner serves sh and bash entrypoints alike.
 */
export class Grammar {
  private readonly stack: Frame[] = [{ kind: "root", word: "", at: 0, phase: "list", count: 0 }];
  private st: State = "start";
  private failed = false;
  /** The simple command in progress: its word count, first word and first non-assignment. */
  private words = 0;
  private firstWord = "";
  private commandName: string | undefined;
  private redirected = false;
  private lastWord = { text: "", end: -1 };
  /** Parens open inside `[[ ]]`. */
  private testDepth = 0;
  /** The token that left a command owed (`&&`, `|`, `!`, `name()`), for the message. */
  private owed = { op: "", at: 0 };
  /** `(` minus `)` seen, for finding the end of `$( )` once the grammar has given up. */
  private parens = 0;

  constructor(
    private readonly text: string,
    private readonly report: (p: Problem) => void,
  ) {}

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

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private raise(p: Problem): never {
    this.failed = true;
    this.report(p);
    throw new Stop();
  }

  private fail(offset: number, [message, hint]: Text, atEnd = false): never {
    return this.raise({ offset, message, hint, atEnd });
  }

  /** A command begins in the current list. */
  private begin(next: State): void {
    this.top.count++;
    this.st = next;
    this.words = 0;
    this.commandName = undefined;
    this.redirected = false;
  }

  private addWord(w: string): void {
    if (this.words++ === 0) this.firstWord = w;
    if (this.commandName === undefined && !ASSIGNMENT.test(w)) this.commandName = w;
  }

  private onWord(w: string, at: number): void {
    const st = this.st;
    if (st === "simple") this.addWord(w);
    else if (st === "test") this.st = w === "]]" ? "simple" : "test";
    else if (st === "after") {
      if (!CLOSERS.has(w) && w !== "in") this.fail(at, TEXT.afterCompound(w));
      this.close(w, at);
    } else if (st === "fname") this.fail(at, TEXT.functionParen(w, this.firstWord));
    // dash refuses a for name that is not one, bash only when the loop runs.
    else if (st === "forName") this.st = "forIn";
    else if (st === "forIn" || st === "forDo") this.forWord(w, at);
    else if (st === "caseWord") this.st = "caseIn";
    else if (st === "caseIn") {
      if (w !== "in") this.fail(at, TEXT.caseIn(w));
      this.st = "patStart";
    } else if (st === "patStart") {
      if (w === "esac") this.pop();
      else this.st = "patWord";
    } else if (st === "patOpen" || st === "patNext") this.st = "patWord";
    else if (st === "patWord") this.fail(at, TEXT.pattern(w));
    else if (st === "funcName") this.st = "funcParen";
    else if (st === "coproc") {
      // NAME then a compound command, or a simple command: openers count either way.
      if (OPENERS.has(w)) this.opener(w, at);
      else this.st = "time";
    } else if (st !== "array" && st !== "forWords") this.commandWord(w, at);
  }

  private forWord(w: string, at: number): void {
    if (w === "do") this.nextPart("body", "do");
    else if (w === "{") this.braceBody(at);
    else if (w === "in" && this.st === "forIn") this.st = "forWords";
    else {
      const want = this.st === "forIn" ? '"in" or "do"' : '"do"';
      this.fail(at, TEXT.forWord(w, want, this.top.word));
    }
  }

  /** A word where a command may start: a reserved word counts here, and only here. */
  private commandWord(w: string, at: number): void {
    if (this.st === "time" && w === "-p") return;
    const closer = CLOSERS.has(w) || w === "in";
    if (closer && this.st === "start") this.close(w, at);
    else if (closer && ["need", "bang", "fbody"].includes(this.st)) {
      this.fail(at, TEXT.owed(w, this.owed.op));
    } else if (!closer && OPENERS.has(w)) this.opener(w, at);
    else if (this.st === "fbody") this.simpleBody(at, w);
    else {
      this.begin("simple");
      this.addWord(w);
    }
  }

  /** `name() cmd`: dash takes a simple command as the body, bash only a compound one. */
  private simpleBody(at: number, w: string | undefined): void {
    if (!NAME.test(this.firstWord)) this.fail(at, TEXT.functionBody(this.firstWord));
    this.begin("simple");
    if (w === undefined) this.redirected = true;
    else this.addWord(w);
  }

  private opener(w: string, at: number): void {
    const kind = OPENERS.get(w)!;
    const afterPipe = this.owed.op === "|" || this.owed.op === "|&";
    if (kind === "!" && this.st === "need" && afterPipe) this.fail(at, TEXT.bangAfterPipe());
    if (kind === "!" && this.st === "fbody") this.fail(at, TEXT.bangBody());
    if (kind === "!" || kind === "time") {
      this.top.count++;
      // bash takes a lone `!` as an empty pipeline; dash wants a command after it.
      this.st = kind === "!" ? "bang" : "time";
      this.owed = { op: w, at };
    } else if (kind === "[[") {
      this.testDepth = 0;
      this.begin("test");
    } else if (kind === "function" || kind === "coproc") {
      this.top.count++;
      this.st = kind === "function" ? "funcName" : "coproc";
    } else this.push(kind, w, at);
  }

  private push(kind: Kind, word: string, at: number): void {
    this.top.count++;
    const loop = kind === "if" || kind === "while" || kind === "for";
    const phase = loop ? "cond" : kind === "case" ? "body" : "list";
    this.stack.push({ kind, word, at, phase, count: 0, phaseWord: word });
    this.st = kind === "for" ? "forName" : kind === "case" ? "caseWord" : "start";
  }

  /** The next part of the innermost compound command (`then`, `do`, `else`, …) begins. */
  private nextPart(phase: Frame["phase"], word: string): void {
    Object.assign(this.top, { phase, count: 0, phaseWord: word });
    this.st = "start";
  }

  /** bash's `for x in a; { …; }`: the loop's body is a group. */
  private braceBody(at: number): void {
    Object.assign(this.top, { kind: "{", word: "{", at, phase: "list", count: 0, phaseWord: "{" });
    this.st = "start";
  }

  private pop(): void {
    this.stack.pop();
    this.st = "after";
  }

  private close(w: string, at: number): void {
    const top = this.top;
    const rule = CLOSERS.get(w);
    if (!rule?.kinds.includes(top.kind) || !rule.from.includes(top.phase)) {
      this.raise(closerProblem(this.text, w, at, this.stack));
    }
    if (top.count === 0 && top.kind !== "case") this.raise(emptyListProblem(top, w, at));
    if (rule.to === undefined) this.pop();
    else this.nextPart(rule.to, w);
  }

  private onRedirect(at: number, hasTarget: boolean): void {
    if (this.st === "test") return;
    if (this.st === "array") this.fail(at, TEXT.inArray("a redirection"));
    if (!hasTarget) this.fail(at, TEXT.noTarget());
    if (this.st === "simple" || this.st === "after") return;
    if (this.st === "fbody") this.simpleBody(at, undefined);
    else if (COMMAND_START.has(this.st) || this.st === "funcName") {
      this.begin("simple");
      this.redirected = true;
    } else this.fail(at, TEXT.redirectSlot());
  }

  private onOp(op: Op, at: number): void {
    if (this.st === "array") {
      if (op === ")") this.st = "simple";
      else if (op !== "\n") this.fail(at, TEXT.inArray(`"${op}"`));
    } else if (this.st === "test") {
      if (op === "(") this.testDepth++;
      else if (op === ")" && this.testDepth > 0) this.testDepth--;
    } else if (op === "|" && this.st === "patWord") this.st = "patNext";
    else if (op === "(") this.openParen(at);
    else if (op === ")") this.closeParen(at);
    else if (op === "\n") this.newline(at);
    else if (op === ";;" || op === ";&" || op === ";;&") this.caseBreak(op, at);
    else this.listOp(op, at);
  }

  /** `;`, `&`, `&&`, `||`, `|`: after a command, or `;` in a for head. */
  private listOp(op: Op, at: number): void {
    if (op === ";" && (this.st === "forIn" || this.st === "forWords")) this.st = "forDo";
    else if (!COMMAND_END.has(this.st) || (this.st === "bang" && op !== ";")) {
      this.fail(at, TEXT.noCommandBefore(op));
    } else if (op === ";" || op === "&") this.st = "start";
    else {
      this.st = "need";
      this.owed = { op, at };
    }
  }

  private openParen(at: number): void {
    if (this.st === "funcParen") this.funcParens(at);
    else if (COMMAND_START.has(this.st)) this.push("(", "(", at);
    else if (this.st === "patStart") this.st = "patOpen";
    else if (this.st !== "simple") this.fail(at, TEXT.parenOutOfPlace());
    else if (this.isArray(at)) this.st = "array";
    else if (this.words === 1 && !this.redirected && !ASSIGNMENT.test(this.firstWord)) {
      this.funcParens(at);
    } else this.fail(at, TEXT.parenAfterWord());
  }

  /** bash's `a=(…)`: before the command name, or after declare, local and the like. */
  private isArray(at: number): boolean {
    const declared = this.commandName === undefined || DECLARERS.has(this.commandName);
    return declared && ARRAY_WORD.test(this.lastWord.text) && this.lastWord.end === at;
  }

  private funcParens(at: number): void {
    this.st = "fname";
    this.owed = { op: `${this.firstWord}(`, at };
  }

  private closeParen(at: number): void {
    if (this.st === "bang") this.fail(at, TEXT.owed(")", "!"));
    if (this.st === "fname") {
      this.st = "fbody";
      this.owed = { op: `${this.firstWord}()`, at };
    } else if (this.st === "patWord") {
      this.nextPart("body", ")");
    } else if (this.top.kind === "(" && (this.st === "start" || COMMAND_END.has(this.st))) {
      if (this.top.count === 0) this.raise(emptyListProblem(this.top, ")", at));
      this.pop();
    } else this.raise(closerProblem(this.text, ")", at, this.stack));
  }

  private newline(at: number): void {
    const slot = NO_NEWLINE.get(this.st);
    if (slot) this.fail(at, TEXT.lineEnds(slot));
    if (this.st === "funcParen") {
      this.st = "fbody";
      this.owed = { op: "function", at };
    } else if (COMMAND_END.has(this.st)) this.st = "start";
    else if (this.st === "forWords") this.st = "forDo";
  }

  private caseBreak(op: Op, at: number): void {
    if (this.st === "bang") this.fail(at, TEXT.owed(op, "!"));
    if (this.top.kind !== "case" || (this.st !== "start" && !COMMAND_END.has(this.st))) {
      this.fail(
        at,
        TEXT.caseBreak(
          op,
          this.stack.some((f) => f.kind === "case"),
        ),
      );
    }
    this.st = "patStart";
  }

  private onEnd(at: number, byParen: boolean): void {
    if (byParen && this.st === "bang") this.fail(at, TEXT.owed(")", "!"));
    if (this.st === "need" || this.st === "fbody" || this.st === "fname") {
      this.fail(this.owed.at, TEXT.owedAtEnd(this.owed.op), true);
    }
    if (this.stack.length > 1) this.raise(unclosedProblem(this.top));
    if (this.st !== "start" && this.st !== "test" && !COMMAND_END.has(this.st)) {
      this.fail(at, TEXT.endsInCommand(), true);
    }
  }
}
