/**
 * Bash-only syntax that breaks under a `#!/bin/sh` shebang: dash (Debian's sh) rejects it and
 * busybox ash accepts only part of it. Checked on code with comments, here-document bodies and
 * single-quoted strings blanked out, so `sed 's/[[:space:]]//'` is not mistaken for `[[`.
 */
export interface SyntaxPattern {
  pattern: RegExp;
  message: string;
  fix: string;
  /** Alpine's busybox ash runs it too (built with ASH_BASH_COMPAT); only dash rejects it. */
  ash?: boolean;
}

export const BASH_SYNTAX: SyntaxPattern[] = [
  {
    pattern: /(^|[\s;&|(!])\[\[\s/g,
    message: "[[ ]] is bash syntax",
    ash: true,
    fix: "use [ ] with quoted operands, or case for patterns",
  },
  {
    pattern: /(^|[\s;&|(])function\s+[A-Za-z_][A-Za-z0-9_]*/g,
    message: "the function keyword is bash syntax",
    ash: true,
    fix: "write name() { ...; }",
  },
  {
    pattern: /(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=\(/g,
    message: "arrays are bash syntax",
    fix: 'use a space-separated string or "$@" (set -- a b c)',
  },
  {
    pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*\/\/?/g,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: "${var/pattern/replacement} is bash syntax",
    ash: true,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    fix: "use sed, or ${var%pattern} / ${var#pattern}",
  },
  {
    pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*:\s?\d/g,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: "${var:offset:length} is bash syntax",
    ash: true,
    fix: "use cut -c or expr substr",
  },
  {
    pattern: /<<</g,
    message: "here-strings (<<<) are bash syntax",
    fix: "use printf '%s\\n' \"$x\" |",
  },
  {
    pattern: /(^|[^>&0-9])&>/g,
    message: "&> is bash syntax (dash runs the command in the background)",
    ash: true,
    fix: "use >file 2>&1",
  },
  {
    pattern: /\$'/g,
    message: "$'...' quoting is bash syntax",
    ash: true,
    fix: "use printf to make the characters",
  },
  {
    pattern: /\{\d+\.\.\d+\}/g,
    message: "{a..b} ranges are bash syntax",
    fix: "use seq or a while loop",
  },
  {
    pattern: /\$\{#?[A-Za-z_][A-Za-z0-9_]*\[/g,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    message: 'array subscripts (${a[i]}) are bash syntax (sh: "bad substitution")',
    fix: 'use a space-separated string or "$@" (set -- a b c)',
  },
  {
    pattern: /\$\{![A-Za-z_]/g,
    message:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
      'indirect expansion (${!x}, ${!x*}) is bash syntax (sh: "bad substitution", which ends the script)',
    fix: 'use eval "v=\\$$name" on a name you checked, or pass the value itself',
  },
  {
    pattern: /(^|[\s;&|(])\{[A-Za-z_][A-Za-z0-9_]*\}(?=[<>])/g,
    message:
      '{fd}> redirections are bash syntax (sh takes {fd} as a word: exec {fd}>file fails, "exec: {fd}: not found", and ends the script)',
    fix: "pick a descriptor number yourself (exec 3>file)",
  },
];

/** Of those, the ones Alpine's busybox ash (ASH_BASH_COMPAT) has as well. */
export const ASH_HAS = new Set(["source", "let"]);

/** Commands that only bash has (at command position). */
export const BASH_COMMANDS: Record<string, string> = {
  source: "use . FILE",
  declare: "assign plainly; use export for the environment",
  typeset: "assign plainly; use export for the environment",
  let: "use $(( ))",
  shopt: "remove it; sh has no shell options of this kind",
  pushd: "use cd and remember the directory",
  popd: "use cd and remember the directory",
  dirs: "remove it; with cd there is no directory stack",
  mapfile: "read lines with while read -r",
  readarray: "read lines with while read -r",
  coproc: "run it in the background with a fifo",
  disown: "remove it; sh sends its background jobs no hangup on exit",
};

/** Blanks comments, here-document bodies and single-quoted strings, keeping offsets and newlines. */
export function maskInert(text: string, inert: Array<[number, number]>): string {
  const chars = text.split("");
  const blank = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (chars[i] !== "\n") chars[i] = " ";
  };
  for (const [a, b] of inert) blank(a, b);
  let inDouble = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\") {
      i++;
    } else if (c === '"') {
      inDouble = !inDouble;
    } else if (c === "'" && !inDouble) {
      const end = chars.indexOf("'", i + 1);
      const stop = end < 0 ? chars.length : end;
      blank(i + 1, stop);
      i = stop;
    }
  }
  return chars.join("");
}

export function isShShebang(text: string): boolean {
  const first = text.split("\n", 1)[0] ?? "";
  return /^#!\s*(\/usr\/bin\/env\s+)?(\/(usr\/)?bin\/)?(sh|ash|dash)(\s|$)/.test(first);
}
