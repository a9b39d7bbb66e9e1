import { scanCommands } from "../dockerfile/commands.js";
import { shorten } from "./scan.js";
import type { Evidence, SourceFile } from "./types.js";

interface ToolRule {
  tool: string;
  /** Matches the argument list (joined by spaces) when the use is one busybox handles differently. */
  when: RegExp;
  note: string;
}

/**
 * GNU coreutils/findutils/grep/sed uses that busybox (Alpine's default userland) handles differently
 * or not at all. musl's regex engine has no GNU BRE extensions, so `\+`, `\?` and `\|` in sed and
 * grep basic expressions are literal characters there.
 */
const TOOL_RULES: ToolRule[] = [
  {
    tool: "sed",
    when: /\\[+?|]|(?:^|\s)(?:-z|--null-data|--follow-symlinks|--debug|--sandbox)/,
    note: "busybox sed on musl: GNU BRE extensions (`\\+`, `\\?`, `\\|`) are literal characters and -z/--follow-symlinks are missing; use -E",
  },
  {
    tool: "grep",
    when: /(?:^|\s)(?:-\w*P\w*|--perl-regexp)|\\[+?|]/,
    note: "busybox grep has no -P (PCRE), and musl BREs lack `\\+`/`\\?`/`\\|`; use -E",
  },
  {
    tool: "timeout",
    when: /.*/,
    note: "busybox timeout has no GNU long options (--preserve-status, --foreground, --kill-after); check the duration form and the exit status (124) in the image",
  },
  {
    tool: "stat",
    when: /--(?:format|printf)|(?:^|\s)-\w*f/,
    note: "busybox stat: use -c FORMAT; --format/--printf and some GNU format sequences differ",
  },
  {
    tool: "date",
    when: /(?:^|\s)(?:-d|--date)/,
    note: "busybox date -d accepts only fixed formats (no 'yesterday', '+1 day'); use -D to give the input format",
  },
  {
    tool: "readlink",
    when: /(?:^|\s)-\w*[em]/,
    note: "busybox readlink supports -f but not GNU -e/-m",
  },
  {
    tool: "find",
    when: /-printf|-regextype|-newermt/,
    note: "busybox find has no -printf/-regextype/-newermt",
  },
  {
    tool: "ps",
    when: /.*/,
    note: "busybox ps ignores most BSD/GNU options (aux, -ef, -o with GNU keywords)",
  },
  {
    tool: "xargs",
    when: /(?:^|\s)(?:-P|--max-procs|-d)/,
    note: "busybox xargs: -P and -d need build options Alpine may not enable; test it",
  },
  {
    tool: "runuser",
    when: /.*/,
    note: "runuser does not exist on Alpine; use su-exec (or the alpinize_exec_as shim)",
  },
];

/** Uses of GNU-only behaviour in scripts and RUN lines, one evidence line per use. */
export function busyboxDifferences(files: readonly SourceFile[]): Evidence[] {
  const out: Evidence[] = [];
  for (const source of files) {
    source.text.split(/\r?\n/).forEach((text, i) => {
      if (text.length > 2000 || text.trim().startsWith("#")) return;
      const notes = new Set<string>();
      for (const cmd of scanCommands(text)) {
        const name = cmd.name.slice(cmd.name.lastIndexOf("/") + 1);
        const rule = TOOL_RULES.find((r) => r.tool === name && r.when.test(cmd.args.join(" ")));
        if (rule) notes.add(rule.note);
      }
      for (const note of notes)
        out.push({ file: source.file, line: i + 1, text: `${shorten(text.trim())} — ${note}` });
    });
  }
  return out;
}
