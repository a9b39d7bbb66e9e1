import { braceLists } from "@alpinize/dockerfile";
/**
 * Bash syntax that Alpine's /bin/sh (busybox ash, built with ASH_BASH_COMPAT) does not run, each
 * measured against a musl busybox with Alpine's config. What that ash accepts is left alone:
 * `[[ ]]`, `function f {`, `&>`, `${x/a/b}`, `${x:1:2}`, `$'…'`, `<(…)`, `source`, `let`.
 *
 * `parse`: ash stops on the whole RUN before running any of it ("syntax error: unexpected
 * redirection"), whatever guards it. `expansion`: "bad substitution" when the word is expanded,
 * so only where the command is reached. `literal`: no error, but ash keeps the word as written.
 */
export interface AshProblem {
  /** Offset in the scanned text. */
  offset: number;
  kind: "parse" | "expansion" | "literal";
  message: string;
}

interface Pattern {
  pattern: RegExp;
  kind: AshProblem["kind"];
  message: string;
}

/** Seen only outside quotes: shell grammar. */
const GRAMMAR: Pattern[] = [
  {
    pattern: /<<</g,
    kind: "parse",
    message: 'a here-string (<<<), which busybox ash rejects ("unexpected redirection")',
  },
  {
    pattern: /&>>/g,
    kind: "parse",
    message: 'an appending &>> redirection, which busybox ash rejects ("unexpected redirection")',
  },
  {
    pattern: /\|&/g,
    kind: "parse",
    message: 'a |& pipe, which busybox ash rejects (unexpected "&")',
  },
  {
    pattern: /(?<=^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*\+?=\(/g,
    kind: "parse",
    message: 'an array assignment (NAME=(…)), which busybox ash rejects (unexpected "(")',
  },
  {
    pattern: /(?<=^|[\s;&|(])for\s*\(\(/g,
    kind: "parse",
    message: 'a C-style for ((…)) loop, which busybox ash rejects ("bad for loop variable")',
  },
  {
    pattern: /(?<=^|[\s;&|(=])\{-?\d+\.\.-?\d+(?:\.\.\d+)?\}/g,
    kind: "literal",
    message: "a {a..b} range, which busybox ash does not expand: the word stays {a..b}",
  },
];

/**
 * A `{a,b}` list in an unquoted word (`/app/{logs,data}`, `file{,.bak}`): bash expands it before
 * anything else, ash keeps the word as written, so `mkdir -p /app/{logs,data}` makes one folder
 * named `{logs,data}`. Read on the grammar text with `${…}` blanked (bash leaves lists there
 * alone); `{}` (find -exec), a `{ list; }` group (spaces) and `@{u}` have no comma. An assignment
 * word (`X={a,b}` before the command) bash does not expand either.
 */
const BRACE_LIST = {
  // Found with braceLists: `(?<!\$)\{[^\s{}]*,[^\s{}]*\}` tried every comma of a long run.
  kind: "literal" as const,
  message:
    "a {a,b} brace list, which busybox ash does not expand: the word stays as written, braces and comma included",
};

/** Seen outside single quotes: parameter expansions, which double quotes still expand. */
const EXPANSIONS: Pattern[] = [
  {
    pattern: /\$\{#?[A-Za-z_][A-Za-z0-9_]*\[/g,
    kind: "expansion",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: 'an array subscript (${a[i]}), which busybox ash rejects ("bad substitution")',
  },
  {
    pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*(?:\^|,)/g,
    kind: "expansion",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: 'a case change (${x^^}, ${x,,}), which busybox ash rejects ("bad substitution")',
  },
  {
    pattern: /\$\{![A-Za-z_]/g,
    kind: "expansion",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: 'an indirect expansion (${!x}), which busybox ash rejects ("bad substitution")',
  },
];

/** Bash builtins busybox ash does not have: "NAME: not found", exit 127. */
export const BASH_ONLY_BUILTINS: ReadonlyMap<string, string> = new Map([
  ["declare", "assign plainly, export for the environment"],
  ["typeset", "assign plainly, export for the environment"],
  ["shopt", "drop it, sh has no such options"],
  ["pushd", "use cd (cd - goes back)"],
  ["popd", "use cd (cd - goes back)"],
  ["mapfile", "read lines with while read -r"],
  ["readarray", "read lines with while read -r"],
  ["coproc", "run it in the background with a fifo"],
]);

/** The bash syntax in a shell script that busybox ash does not run, in source order. */
export function ashSyntaxProblems(script: string): AshProblem[] {
  const { bare, expanding } = maskQuotes(script);
  const found: AshProblem[] = [];
  for (const [text, patterns] of [
    [bare, GRAMMAR],
    [expanding, EXPANSIONS],
  ] as const) {
    for (const p of patterns)
      for (const m of text.matchAll(p.pattern))
        found.push({ offset: m.index, kind: p.kind, message: p.message });
  }
  const assignments = new Assignments(bare);
  for (const index of braceLists(withoutParameters(bare)))
    if (!assignments.inAssignment(index))
      found.push({ offset: index, kind: BRACE_LIST.kind, message: BRACE_LIST.message });
  return found.sort((a, b) => a.offset - b.offset);
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
