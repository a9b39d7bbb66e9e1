/**
 * Which text of a `${ }` expansion can reach the command as (part of) its value. Only the word of
 * `-`, `=` and `+` (with or without `:`) is handed on when it is used. A pattern (`#`, `##`, `%`,
 * `%%`) only says what to strip from the variable's value, and `?`'s word is the shell's own
 * message on stderr: dash and busybox ash read both alike and echo never gets them (a `\t` in a
 * pattern matches a `t`, in both). Forms dash lacks (`${X/a/b}`, `${X:1}`) stopped the RUN under
 * Debian's /bin/sh, so there is no Debian output to keep.
 */
import { expansionEnd } from "./shell-word.js";

/** `${` and the parameter: a name, digits, or one special (`$#` only before `:` or `}`). */
const PARAMETER = /^\$\{(?:[A-Za-z_]\w*|[0-9]+|[@*?$!-]|#(?=[:}]))/;
const WORD_OPERATOR = /^:?[-=+]/;

/**
 * The pieces of a `${ }` (`braced`, from `${` to its `}`) as written that its value can hold:
 * the literal text of its word, and the same of each `${ }` nested in that word. What other
 * expansions in it (`$X`, `$( )`) give is known only when it runs, and left out.
 */
export function usedWordTexts(braced: string, out: string[] = []): string[] {
  const parameter = PARAMETER.exec(braced);
  if (!parameter) return out;
  const rest = braced.slice(parameter[0].length, -1);
  const operator = WORD_OPERATOR.exec(rest);
  if (operator) literalPieces(rest.slice(operator[0].length), out);
  return out;
}

function literalPieces(word: string, out: string[]): void {
  let from = 0;
  let i = 0;
  while (i < word.length) {
    const c = word[i];
    if (c === "\\") i += 2;
    else if (c !== "$" && c !== "`") i++;
    else {
      const end = expansionEnd(word, i);
      if (end < 0) break;
      if (end > i + 1) {
        out.push(word.slice(from, i));
        if (word.startsWith("${", i)) usedWordTexts(word.slice(i, end), out);
        from = end;
      }
      i = end;
    }
  }
  out.push(word.slice(from));
}
