import { closerProblem, emptyListProblem, type Text } from "./grammar-messages.js";
import {
  ASSIGNMENT,
  CLOSERS,
  type Frame,
  type Kind,
  type Problem,
  type State,
} from "./grammar-rules.js";

/** Thrown by fail() to unwind to the public method that was fed the bad token. */
export class Stop extends Error {}

/**
 * The state of the sh grammar (grammar.ts) and the steps every rule takes on it: open and close
 * compound commands, begin a command, report the first error. The rules for words
 * (grammar-words.ts) and for operators (grammar-ops.ts) build on it.
 */
export abstract class GrammarCore {
  protected readonly stack: Frame[] = [{ kind: "root", word: "", at: 0, phase: "list", count: 0 }];
  protected st: State = "start";
  protected failed = false;
  /** The simple command in progress: its word count, first word and first non-assignment. */
  protected words = 0;
  protected firstWord = "";
  protected commandName: string | undefined;
  protected redirected = false;
  protected lastWord = { text: "", end: -1 };
  /** Parens open inside `[[ ]]`. */
  protected testDepth = 0;
  /** The token that left a command owed (`&&`, `|`, `!`, `name()`), for the message. */
  protected owed = { op: "", at: 0 };
  /** `(` minus `)` seen, for finding the end of `$( )` once the grammar has given up. */
  protected parens = 0;

  constructor(
    protected readonly text: string,
    protected readonly report: (p: Problem) => void,
  ) {}

  protected get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  protected raise(p: Problem): never {
    this.failed = true;
    this.report(p);
    throw new Stop();
  }

  protected fail(offset: number, [message, hint]: Text, atEnd = false): never {
    return this.raise({ offset, message, hint, atEnd });
  }

  /** A command begins in the current list. */
  protected begin(next: State): void {
    this.top.count++;
    this.st = next;
    this.words = 0;
    this.commandName = undefined;
    this.redirected = false;
  }

  protected addWord(w: string): void {
    if (this.words++ === 0) this.firstWord = w;
    if (this.commandName === undefined && !ASSIGNMENT.test(w)) this.commandName = w;
  }

  protected push(kind: Kind, word: string, at: number): void {
    this.top.count++;
    const loop = kind === "if" || kind === "while" || kind === "for";
    const phase = loop ? "cond" : kind === "case" ? "body" : "list";
    this.stack.push({ kind, word, at, phase, count: 0, phaseWord: word });
    this.st = kind === "for" ? "forName" : kind === "case" ? "caseWord" : "start";
  }

  /** The next part of the innermost compound command (`then`, `do`, `else`, …) begins. */
  protected nextPart(phase: Frame["phase"], word: string): void {
    Object.assign(this.top, { phase, count: 0, phaseWord: word });
    this.st = "start";
  }

  /** bash's `for x in a; { …; }`: the loop's body is a group. */
  protected braceBody(at: number): void {
    Object.assign(this.top, { kind: "{", word: "{", at, phase: "list", count: 0, phaseWord: "{" });
    this.st = "start";
  }

  protected pop(): void {
    this.stack.pop();
    this.st = "after";
  }

  protected close(w: string, at: number): void {
    const top = this.top;
    const rule = CLOSERS.get(w);
    if (!rule?.kinds.includes(top.kind) || !rule.from.includes(top.phase)) {
      this.raise(closerProblem(this.text, w, at, this.stack));
    }
    if (top.count === 0 && top.kind !== "case") this.raise(emptyListProblem(top, w, at));
    if (rule.to === undefined) this.pop();
    else this.nextPart(rule.to, w);
  }
}
