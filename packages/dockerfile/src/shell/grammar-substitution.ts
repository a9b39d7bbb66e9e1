import { RESERVED_WORDS } from "./reserved-words.js";

/**
 * The case frames of a `$( )`, which the word reader's commandSubstitutionEnd (words.ts) steps
 * past each word and operator as it looks for the `)` that ends the substitution.
 *
 * Where a `$( )` is in its reading: the command list itself (no frame), a `( )` opened in it, or
 * a `case` at some step. A case's patterns end in a `)` that closes nothing (`$(case a in a) b;;
 * esac)`), so counting parentheses ends the substitution there and leaves `b;; esac)` outside.
 */
export type Frame = "(" | "subject" | "in" | "pattern" | "more" | "arm";

export const top = (frames: readonly Frame[]) => frames[frames.length - 1];

/** Between `case` and its first pattern a newline starts no command. */
export const isCaseHead = (frames: readonly Frame[]) => {
  const t = top(frames);
  return t === "subject" || t === "in" || t === "pattern" || t === "more";
};

/** Steps the frames past a word; returns whether the next word starts a command. */
export function onWord(frames: Frame[], word: string, atCommand: boolean): boolean {
  const t = top(frames);
  if (t === "subject") frames[frames.length - 1] = "in";
  else if (t === "in") frames[frames.length - 1] = "pattern";
  else if (t === "pattern" && word === "esac") frames.pop();
  else if (t === "pattern" || t === "more") frames[frames.length - 1] = "more";
  else if (atCommand && word === "case") frames.push("subject");
  else if (atCommand && word === "esac" && t === "arm") frames.pop();
  else return atCommand && RESERVED_WORDS.has(word);
  return false;
}

/** Steps the frames past an operator: the substitution ends, a command may start, or neither. */
export function onOperator(frames: Frame[], op: string): "end" | "unclosed" | "command" | "word" {
  const t = top(frames);
  if (t === "pattern" || t === "more") {
    // `(a|b)`: the optional `(` and the `|` join patterns; the `)` starts the arm.
    if (op === ")") {
      frames[frames.length - 1] = "arm";
      return "command";
    }
    if (op === "(" || op === "|") frames[frames.length - 1] = "more";
    return "word";
  }
  if (op === ";;" && t === "arm") {
    frames[frames.length - 1] = "pattern";
    return "word";
  }
  if (op === "(") frames.push("(");
  else if (op === ")") {
    // A `)` that no `(` in the text opened closes the substitution; sh refuses it in a case arm.
    const open = frames.lastIndexOf("(");
    if (frames.length > open + 1) return "unclosed";
    if (open === -1) return "end";
    frames.length = open;
    return "command";
  }
  return "command";
}
