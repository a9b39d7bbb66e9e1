import { type PendingHeredoc, skipHeredocBodies } from "./heredoc-bodies.js";
import type { Op, Token } from "./tokens.js";
import { isRedirectStart, opAt, readRedirect, readWord } from "./words.js";

// Readers elsewhere take these from here, where the tokenizer's readers always were.
export { ShellSyntaxError } from "./syntax-error.js";
export { skipExpansion } from "./words.js";

/** Splits a POSIX sh script into words, operators and redirections, recording every span. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: PendingHeredoc[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
    } else if (c === "\n") {
      tokens.push({ kind: "op", op: "\n", start: i, end: i + 1 });
      i++;
      if (pendingHeredocs.length > 0) i = skipHeredocBodies(text, i, pendingHeredocs.splice(0));
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (isRedirectStart(text, i)) {
      const redir = readRedirect(text, i);
      if (redir.heredoc) pendingHeredocs.push({ ...redir.heredoc, token: redir.token });
      tokens.push(redir.token);
      i = redir.token.end;
    } else {
      const op = opAt(text, i);
      if (op) {
        tokens.push({ kind: "op", op, start: i, end: i + op.length } satisfies Op);
        i += op.length;
      } else {
        const word = readWord(text, i);
        tokens.push(word);
        i = word.end;
      }
    }
  }
  return tokens;
}
