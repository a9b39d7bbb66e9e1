import { RESERVED_WORDS } from "./reserved-words.js";
import {
  isRedirectStart,
  OPS,
  type PendingHeredoc,
  readRedirect,
  readWord,
  ShellSyntaxError,
  skipHeredocBodies,
} from "./tokenize.js";

/**
 * Where a `$( )` is in its reading: the command list itself (no frame), a `( )` opened in it, or
 * a `case` at some step. A case's patterns end in a `)` that closes nothing (`$(case a in a) b;;
 * esac)`), so counting parentheses ends the substitution there and leaves `b;; esac)` outside.
 */
type Frame = "(" | "subject" | "in" | "pattern" | "more" | "arm";

/**
 * End offset (past its `)`) of the command substitution whose text starts at `from`, the `$(`
 * just before it: the text is read as sh words and operators, with its `case` commands, its
 * comments and its here-documents, so no `)` inside them closes it.
 */
export function commandSubstitutionEnd(text: string, from: number): number {
  const frames: Frame[] = [];
  const heredocs: PendingHeredoc[] = [];
  let atCommand = true;
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "\\" && text[i + 1] === "\n") i += 2;
    else if (c === "\n") {
      i++;
      if (heredocs.length > 0) i = skipHeredocBodies(text, i, heredocs.splice(0));
      if (!isCaseHead(frames)) atCommand = true;
    } else if (c === "#") {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
    } else if (isRedirectStart(text, i)) {
      const redir = readRedirect(text, i);
      if (redir.heredoc) heredocs.push({ ...redir.heredoc, token: redir.token });
      i = redir.token.end;
      atCommand = false;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op === undefined) {
        const word = readWord(text, i);
        i = word.end;
        atCommand = onWord(frames, word.raw, atCommand);
        continue;
      }
      i += op.length;
      // `;&` ends a bash case arm as `;;` does.
      const ends = op === ";;" || (op === ";" && text[i] === "&" && top(frames) === "arm");
      const r = onOperator(frames, ends ? ";;" : op);
      if (r === "end") return i;
      if (r === "unclosed") throw new ShellSyntaxError('"case" is never closed', i - 1);
      atCommand = r === "command";
    }
  }
  throw new ShellSyntaxError("unterminated $(", from - 2);
}

const top = (frames: readonly Frame[]) => frames[frames.length - 1];

/** Between `case` and its first pattern a newline starts no command. */
const isCaseHead = (frames: readonly Frame[]) => {
  const t = top(frames);
  return t === "subject" || t === "in" || t === "pattern" || t === "more";
};

/** Steps the frames past a word; returns whether the next word starts a command. */
function onWord(frames: Frame[], word: string, atCommand: boolean): boolean {
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
function onOperator(frames: Frame[], op: string): "end" | "unclosed" | "command" | "word" {
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
