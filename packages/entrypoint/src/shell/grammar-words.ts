import { GrammarCore } from "./grammar-core.js";
import { TEXT } from "./grammar-messages.js";
import { CLOSERS, COMMAND_START, NAME, OPENERS } from "./grammar-rules.js";

/** The grammar's rules for a word and for a redirection. */
export abstract class GrammarWords extends GrammarCore {
  protected onWord(w: string, at: number): void {
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

  protected forWord(w: string, at: number): void {
    if (w === "do") this.nextPart("body", "do");
    else if (w === "{") this.braceBody(at);
    else if (w === "in" && this.st === "forIn") this.st = "forWords";
    else {
      const want = this.st === "forIn" ? '"in" or "do"' : '"do"';
      this.fail(at, TEXT.forWord(w, want, this.top.word));
    }
  }

  /** A word where a command may start: a reserved word counts here, and only here. */
  protected commandWord(w: string, at: number): void {
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
  protected simpleBody(at: number, w: string | undefined): void {
    if (!NAME.test(this.firstWord)) this.fail(at, TEXT.functionBody(this.firstWord));
    this.begin("simple");
    if (w === undefined) this.redirected = true;
    else this.addWord(w);
  }

  protected opener(w: string, at: number): void {
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

  protected onRedirect(at: number, hasTarget: boolean): void {
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
}
