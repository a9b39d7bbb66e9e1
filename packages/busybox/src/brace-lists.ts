/**
 * `{a,b}` brace lists: bash expands `mkdir -p /app/{logs,data}` into two words before anything
 * else; busybox ash (Alpine's /bin/sh, measured with Alpine's configuration) and dash keep the
 * word as written, braces and comma included, and make one folder named `{logs,data}`. The one
 * reading behind `alpinize migrate` (a RUN with one needs bash), `alpinize check` (`bash-syntax`
 * in a RUN ash runs) and the entrypoint lint (`bash-syntax` under `#!/bin/sh`).
 */

/**
 * Where `{a,b}` brace lists start: `(?<!\$)\{[^\s{}]*,[^\s{}]*\}` under matchAll. The run after a
 * `{` is read once, to its end, for a comma and a closing `}`: that expression tried every comma
 * of a long run with no `}`.
 */
export function* braceLists(text: string): Generator<number> {
  for (let open = text.indexOf("{"); open !== -1; open = text.indexOf("{", open + 1)) {
    if (text[open - 1] === "$") continue;
    let end = open + 1;
    let comma = false;
    while (end < text.length && !/[\s{}]/.test(text[end] as string)) {
      if (text[end] === ",") comma = true;
      end++;
    }
    if (comma && text[end] === "}") {
      yield open;
      open = end;
    }
  }
}

/**
 * The offsets of the brace lists bash expands in shell code whose quoted text, escaped characters
 * and comments are blanked (`bare` of maskQuotes): `${…}` is blanked first (bash leaves lists
 * there alone), and an assignment word (`X={a,b}` before the command) is skipped, as bash does not
 * expand it either. `{}` (find -exec), a `{ list; }` group (spaces) and `@{u}` have no comma.
 */
export function expandedBraceLists(bare: string): number[] {
  const assignments = new Assignments(bare);
  const found: number[] = [];
  for (const index of braceLists(withoutParameters(bare)))
    if (!assignments.inAssignment(index)) found.push(index);
  return found;
}

/**
 * Two copies of the script with what ash does not read as code blanked, offsets kept: `bare`
 * without any quoted text, escaped character or comment (grammar lives there), `expanding` keeping
 * double-quoted text (where `${…}` still expands). `bash -c '…'` is another shell's code and is
 * blanked in both.
 */
export function maskQuotes(script: string): { bare: string; expanding: string } {
  const bare = script.split("");
  const expanding = script.split("");
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    const blank = (keepInExpanding: boolean) => {
      if (c !== "\n") {
        bare[i] = " ";
        if (!keepInExpanding) expanding[i] = " ";
      }
    };
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else blank(false);
    } else if (c === "\\") {
      blank(false);
      i++;
      if (i < script.length && script[i] !== "\n") bare[i] = expanding[i] = " ";
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else blank(true);
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(script[i - 1]!))) {
      const end = script.indexOf("\n", i);
      const stop = end < 0 ? script.length : end;
      for (let k = i; k < stop; k++) bare[k] = expanding[k] = " ";
      i = stop - 1;
    }
  }
  return { bare: bare.join(""), expanding: expanding.join("") };
}

/** The text with each `${…}` blanked (nested ones too), offsets kept: its braces are no list. */
function withoutParameters(text: string): string {
  const out = text.split("");
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$" || text[i + 1] !== "{") continue;
    let depth = 0;
    let k = i + 1;
    for (; k < text.length; k++) {
      if (text[k] === "{") depth++;
      else if (text[k] === "}" && --depth === 0) break;
    }
    for (let j = i; j <= k && j < text.length; j++) if (out[j] !== "\n") out[j] = " ";
    i = k;
  }
  return out.join("");
}

const RESERVED = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{"]);

/** `NAME=` or `NAME+=` at the cursor of a sticky search. */
const ASSIGNMENT_AT = /[A-Za-z_][A-Za-z0-9_]*\+?=/y;

/**
 * Whether the word at an offset is an assignment bash reads as one: `NAME=…` with only other
 * assignments (or a keyword) before it in its command. `env X={a,b}` and `export X={a,b}` are
 * arguments, which bash expands. Offsets are asked in rising order and the text is read once:
 * slicing it from the start for every brace list was quadratic in a long RUN.
 */
class Assignments {
  /** The text before this offset is read. */
  private read = 0;
  /** Where the word being read starts; -1 between words. */
  private word = -1;
  /** Every word of the command so far is an assignment or a reserved word. */
  private plain = true;

  constructor(private readonly bare: string) {}

  inAssignment(offset: number): boolean {
    for (; this.read < offset; this.read++) {
      const c = this.bare[this.read]!;
      if (";&|()\n".includes(c)) {
        this.endWord();
        this.plain = true;
      } else if (/\s/.test(c)) this.endWord();
      else if (this.word < 0) this.word = this.read;
    }
    return this.word >= 0 && this.plain && this.assignment(this.word, offset);
  }

  private endWord(): void {
    if (this.word < 0) return;
    const text = this.bare.slice(this.word, this.read);
    if (!RESERVED.has(text) && !this.assignment(this.word, this.read)) this.plain = false;
    this.word = -1;
  }

  /** The word from `start` begins with `NAME=` that ends by `end`. */
  private assignment(start: number, end: number): boolean {
    ASSIGNMENT_AT.lastIndex = start;
    return ASSIGNMENT_AT.test(this.bare) && ASSIGNMENT_AT.lastIndex <= end;
  }
}
