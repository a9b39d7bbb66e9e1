import { InputError } from "@alpinize/errors";
import type { ScanContext } from "./context.js";
import { lineColumn } from "./text.js";

/**
 * How deep `$( )`, `${ }`, backquotes and `<( )` may nest in a script alpinize reads. Real scripts
 * nest a few levels; each level costs the reader stack frames, so thousands overflowed it.
 */
export const MAX_SHELL_NESTING = 200;

/** The stable code of a script nested past MAX_SHELL_NESTING. */
export const SHELL_TOO_DEEP = "ALPINIZE_SHELL_TOO_DEEP";

/** The error for a script nested past MAX_SHELL_NESTING, at the level too many when known. */
export function shellTooDeep(at?: { line: number; column?: number }): InputError {
  const column = at?.column === undefined ? "" : ` column ${at.column}`;
  const where = at ? ` (line ${at.line}${column})` : "";
  return new InputError(
    SHELL_TOO_DEEP,
    `nesting of $( ), \${ }, <( ) and backquotes deeper than ${MAX_SHELL_NESTING} levels${where}; alpinize does not read it`,
    {
      hint: 'Nothing was rewritten or checked. Set the inner values in variables first (x=$(…); y=$(… "$x")), which a reader of the script follows more easily too.',
      ...(at ? { details: { ...at } } : {}),
    },
  );
}

/** Reads the expansion at `at` one level deeper, or throws when that is past the limit. */
export function deeper(sc: ScanContext, at: number, read: () => number): number {
  if (sc.nesting >= MAX_SHELL_NESTING) throw shellTooDeep(lineColumn(sc.s, at));
  sc.nesting++;
  try {
    return read();
  } finally {
    sc.nesting--;
  }
}
