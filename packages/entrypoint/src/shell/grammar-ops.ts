import { closerProblem, emptyListProblem, TEXT, unclosedProblem } from "./grammar-messages.js";
import {
  ARRAY_WORD,
  ASSIGNMENT,
  COMMAND_END,
  COMMAND_START,
  DECLARERS,
  NO_NEWLINE,
  type Op,
} from "./grammar-rules.js";
import { GrammarWords } from "./grammar-words.js";

/** The grammar's rules for an operator, a newline and the end of the text. */
export abstract class GrammarOps extends GrammarWords {
  protected onOp(op: Op, at: number): void {
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
  protected listOp(op: Op, at: number): void {
    if (op === ";" && (this.st === "forIn" || this.st === "forWords")) this.st = "forDo";
    else if (!COMMAND_END.has(this.st) || (this.st === "bang" && op !== ";")) {
      this.fail(at, TEXT.noCommandBefore(op));
    } else if (op === ";" || op === "&") this.st = "start";
    else {
      this.st = "need";
      this.owed = { op, at };
    }
  }

  protected openParen(at: number): void {
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
  protected isArray(at: number): boolean {
    const declared = this.commandName === undefined || DECLARERS.has(this.commandName);
    return declared && ARRAY_WORD.test(this.lastWord.text) && this.lastWord.end === at;
  }

  protected funcParens(at: number): void {
    this.st = "fname";
    this.owed = { op: `${this.firstWord}(`, at };
  }

  protected closeParen(at: number): void {
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

  protected newline(at: number): void {
    const slot = NO_NEWLINE.get(this.st);
    if (slot) this.fail(at, TEXT.lineEnds(slot));
    if (this.st === "funcParen") {
      this.st = "fbody";
      this.owed = { op: "function", at };
    } else if (COMMAND_END.has(this.st)) this.st = "start";
    else if (this.st === "forWords") this.st = "forDo";
  }

  protected caseBreak(op: Op, at: number): void {
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

  protected onEnd(at: number, byParen: boolean): void {
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
