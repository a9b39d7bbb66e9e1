import { expandedBraceLists, maskQuotes } from "@alpinize/busybox";
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

/** `{fd}` before a redirection operator, where a word starts: bash's named descriptor. */
const FD_NAME = /(?<=^|[\s;&|(])\{[A-Za-z_][A-Za-z0-9_]*\}(?=[<>])/g;

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

/** A `{fd}>…` redirection: `exec`'s (`exec 3>log {fd}>…`) or another command's. */
const FD_REDIRECT = {
  exec: {
    kind: "expansion" as const,
    message:
      'an exec {fd}>… redirection (bash opens the file on a free descriptor and puts its number in fd), which busybox ash does not have: it opens the file and runs "{fd}" as a command ("exec: {fd}: not found", status 127), which ends the shell even with a || after it',
  },
  other: {
    kind: "literal" as const,
    message:
      'a {fd}>… redirection (bash opens the file on a free descriptor and puts its number in fd), which busybox ash does not have: the command gets the word "{fd}" as an argument, with the file on its standard output or input',
  },
};

/**
 * Whether the words before `at` are `exec` and redirections only (`exec 3>log {fd}>…`): walked
 * back word by word, to `exec` or the first other word. A pattern looking behind each `{` for
 * them walked back over every blank before it, and a long quoted string is blanks once its
 * quotes are masked (n² for one RUN).
 */
function afterExec(bare: string, at: number): boolean {
  let end = at;
  for (;;) {
    let start = end;
    while (start > 0 && /\s/.test(bare[start - 1]!)) start--;
    if (start === end) return false;
    end = start;
    while (start > 0 && !/\s/.test(bare[start - 1]!)) start--;
    const word = bare.slice(start, end);
    if (/(?:^|[;&|(])exec$/.test(word)) return true;
    if (!/^\d*[<>]/.test(word)) return false;
    end = start;
  }
}

/**
 * A `{a,b}` list in an unquoted word (`/app/{logs,data}`, `file{,.bak}`): bash expands it before
 * anything else, ash keeps the word as written, so `mkdir -p /app/{logs,data}` makes one folder
 * named `{logs,data}`. Found by @alpinize/busybox's expandedBraceLists on the grammar text.
 */
const BRACE_LIST = {
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
    message:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
      'an indirect expansion (${!x}, or ${!x*} naming variables), which busybox ash rejects ("syntax error: bad substitution", which ends the shell even with a || after it)',
  },
];

/** Bash builtins busybox ash does not have: "NAME: not found", exit 127. */
export const BASH_ONLY_BUILTINS: ReadonlyMap<string, string> = new Map([
  ["declare", "assign plainly, export for the environment"],
  ["typeset", "assign plainly, export for the environment"],
  ["shopt", "drop it, sh has no such options"],
  ["pushd", "use cd (cd - goes back)"],
  ["popd", "use cd (cd - goes back)"],
  ["dirs", "drop it, with cd there is no directory stack"],
  ["disown", "drop it, a script's sh sends its background jobs no hangup anyway"],
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
  for (const m of bare.matchAll(FD_NAME)) {
    const { kind, message } = FD_REDIRECT[afterExec(bare, m.index) ? "exec" : "other"];
    found.push({ offset: m.index, kind, message });
  }
  for (const index of expandedBraceLists(bare))
    found.push({ offset: index, kind: BRACE_LIST.kind, message: BRACE_LIST.message });
  return found.sort((a, b) => a.offset - b.offset);
}
