// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { lineColumn, scanShell } from "../src/shell/scan.js";
import { seededRandom } from "./support/random.js";

// The oracles: dash -n is what Debian's /bin/sh says; bash -n decides the constructs the scanner
// lets through for #!/bin/bash entrypoints. Without dash only the fixed expectations run.
const installed = (shell: string) => spawnSync(shell, ["-c", ":"]).status === 0;
const DASH = installed("dash");
const BASH = installed("bash");
const parses = (shell: string, text: string) => spawnSync(shell, ["-n", "-c", text]).status === 0;
const oracle = DASH ? "dash -n" : "dash -n (SKIPPED: dash is not installed)";
const problem = (text: string) => scanShell(text).syntax;
const lineOf = (text: string) => {
  const p = problem(text);
  return p === undefined ? undefined : lineColumn(text, p.offset).line;
};

/** POSIX scripts dash accepts: none may be reported. */
const VALID = [
  "echo fi done esac then\n",
  "x=fi\ny=done\n",
  "case $x in fi) echo;; done|esac) ;; esac\n",
  "case $x in (a|b) echo ab;; (*) ;; esac\n",
  "case $x in\n  a)\n    ;;\n  *) echo other\nesac\n",
  "case $x in a) b; esac\n",
  "case $x in a) esac\n",
  "f() { echo; }\ng() ( echo )\n",
  "f ()\n{\n  :\n}\n",
  "f() if true; then :; fi\n",
  "f() { a; } >/dev/null 2>&1\n",
  "if a; then b; elif c; then d; else e; fi\n",
  "if a\nthen\n  b\nfi\n",
  "if true; then if true; then :; fi fi\n",
  "if (a) then b; fi\n",
  "if { a; } then b; fi\n",
  "{ a;}\n",
  "{ (a) }\n",
  "{ if a; then b; fi }\n",
  'while read -r l; do echo "$l"; done <f\n',
  "until a; do b; done\n",
  "for x do echo; done\nfor x; do echo; done\nfor x in; do :; done\n",
  "for x in a b\ndo\n  echo $x\ndone | sort\n",
  "for if in a; do :; done\n",
  "! a && ! b || c\n",
  "a &&\n  b ||\n  c |\n  d\n",
  "a & b & c &\n",
  "x=$(case $y in a) echo a;; esac)\n",
  "x=$(case $y in (a) echo $(b);; esac)\n",
  'x="$(echo ")")"\n',
  "x=$( # a comment with ) in it\necho)\n",
  "x=$(cat <<EOF\n)\nEOF\n)\n",
  "echo ${x:-$(echo })}\n",
  "echo ${x:-{a}}\n",
  "echo `if a; then b; fi`\n",
  "cat <<EOF\nif then fi done (\nEOF\n",
  "cat <<-'E'\n\tfi\n\tE\n",
  "# fi done esac (\necho ok # ) then\n",
  "echo a \\\n  b \\\n  && c\n",
  "if a; then b; f\\\ni\n",
  "echo 'fi (' \"done )\" \\( \\)\n",
  ">f\n2>&1\n",
  "echo $(( (1+2)*3 ))\n",
  "x=1 fi\n",
  "a | b | c\n",
  "(a; b) && { c; d; }\n",
  'echo "$$(fi)" ${x:-$$(fi)}\n',
];

/** Scripts dash rejects, with the line the error is reported on. */
const INVALID: Array<[string, number]> = [
  ["fi\n", 1],
  ["echo a\nfi\n", 2],
  ["done\n", 1],
  ["esac\n", 1],
  ["then\n", 1],
  ["do echo; done\n", 1],
  ["elif a\n", 1],
  ["else\n", 1],
  ["in\n", 1],
  ["}\n", 1],
  ["a; }\n", 1],
  [")\n", 1],
  ["if then fi(\n", 1],
  ["if a; then\n  b\n", 1],
  ["echo ok\nif a; then b; else c\n", 2],
  ["while a; do b\n", 1],
  ["for x in a b; do\n  c\n", 1],
  ["until a\n", 1],
  ["case x in a) ;;\n", 1],
  ["case x in\n", 1],
  ["{ a\n", 1],
  ["( a\n", 1],
  ["{ }\n", 1],
  ["( )\n", 1],
  ["if a; then b; else fi\n", 1],
  ["if a; then b; elif c; fi\n", 1],
  ["if a; then b; else c; elif d; then e; fi\n", 1],
  ["if ; then a; fi\n", 1],
  ["while a; do done\n", 1],
  ["{ a; fi; }\n", 1],
  ["if a; then\n  while b; do\n    c\n  fi\ndone\n", 4],
  ["foo(\n", 1],
  ["echo foo(\n", 1],
  ["echo a(b)\n", 1],
  ["echo (a)\n", 1],
  ["a (b)\n", 1],
  ["(a) b\n", 1],
  ["(a) (b)\n", 1],
  ["x=1 f() { :; }\n", 1],
  ["a ;; b\n", 1],
  [";;\n", 1],
  ["if a; then b;; fi\n", 1],
  ["; a\n", 1],
  ["a; ;\n", 1],
  ["a & ;\n", 1],
  ["&& b\n", 1],
  ["| b\n", 1],
  ["a &&\n", 1],
  ["a |\n\n", 1],
  ["a | ! b\n", 1],
  ["if a; then b; fi x\n", 1],
  ["while a; do :; done x\n", 1],
  ["case x in a) ) ;; esac\n", 1],
  ["case x in a b) ;; esac\n", 1],
  ["case x in |a) ;; esac\n", 1],
  ["case x y in a) ;; esac\n", 1],
  ["case x in a) b esac\n", 1],
  ["case x in a) ;; esac esac\n", 1],
  ["case\nx in a) ;; esac\n", 1],
  ["for x in a b do :; done\n", 1],
  ["for x in a; { :; } x\n", 1],
  ["f()\n", 1],
  ["f() ;\n", 1],
  ["echo >\n", 1],
  ["x=$(if a)\n", 1],
  ["x=$(fi)\n", 1],
  ["x=$(a; fi)\n", 1],
  ['echo "$(done)"\n', 1],
  ["f\\\ni\n", 1],
  ["echo ok\necho $$(a)\n", 2],
];

/** bash-only forms a #!/bin/bash entrypoint may use: dash rejects them, bash does not. */
const BASH_ONLY = [
  "x=(1 2 3)\ny+=(4)\ndeclare -A m=([a]=1 [b]=2)\nlocal -a z=(\n  a # first\n  b\n)\n",
  "[[ -n $a && ( $b == c || $d =~ ^(e|f)$ ) ]]\n",
  "(( i++ ))\nfor ((i = 0; i < 3; i++)); do :; done\n",
  "function f { :; }\nfunction g() { :; }\n",
  "diff <(a) <(b)\nwhile read -r l; do :; done < <(c)\n",
  "case $x in a) b ;& c) d ;;& *) ;; esac\n",
  "echo $'it\\'s'\n",
  "&>/dev/null a\na |& b\n",
  "select x in a b; do break; done\n",
  "! \n",
  "for x in a; { echo; }\n",
  "coproc w { cat; }\n",
  "x=$(cat <<EOF)\nbody (\nEOF\n",
  "a-b() { :; }\n",
  "x=1 y=(a b) cmd\n",
];

describe("shell grammar: fixed expectations", () => {
  it("has the documented number of cases", () => {
    expect(VALID.length + INVALID.length + BASH_ONLY.length).toBeGreaterThanOrEqual(60);
  });

  it.each(VALID)("accepts %j", (text) => {
    expect(problem(text)).toBeUndefined();
  });

  it.each(INVALID)("rejects %j on line %i", (text, line) => {
    expect(lineOf(text)).toBe(line);
  });

  it.each(BASH_ONLY)("lets the bash form %j through", (text) => {
    expect(problem(text)).toBeUndefined();
  });
});

describe.skipIf(!DASH)(`shell grammar agrees with ${oracle}`, () => {
  it.each(VALID)("dash accepts %j", (text) => {
    expect(parses("dash", text)).toBe(true);
  });

  it.each(INVALID)("dash rejects %j", (text) => {
    expect(parses("dash", text)).toBe(false);
  });

  it.skipIf(!BASH).each(BASH_ONLY)("dash rejects and bash accepts %j", (text) => {
    expect([parses("dash", text), parses("bash", text)]).toEqual([false, true]);
  });

  // Random scripts from POSIX pieces: the scanner must reject exactly what both shells reject
  // (only dash's word, without bash: then a reported error must at least be one for dash).
  it("matches dash and bash on random scripts", () => {
    const parts = [
      "if ",
      "then ",
      "else ",
      "elif ",
      "fi ",
      "while ",
      "until ",
      "do ",
      "done ",
      "for ",
      "in ",
      "case ",
      "esac ",
      "{ ",
      "} ",
      "( ",
      ") ",
      "a ",
      "b ",
      "x=1 ",
      "! ",
      ";",
      ";;",
      "&",
      "&&",
      "||",
      "|",
      "\n",
      " ",
      "f() ",
      "echo ",
      ">f ",
      "2>&1 ",
      "$(",
      "'q'",
      '"d"',
      "#c\n",
      "<<'E'\n",
      "E\n",
      "\\\n",
      "a)",
      "(a)",
      "fi",
      "done",
      "}",
      "{",
      "$((1))",
      "x ",
    ];
    const rand = seededRandom(20260501);
    const disagreements: string[] = [];
    for (let i = 0; i < 400; i++) {
      let text = "";
      for (let k = 1 + rand(12); k > 0; k--) text += parts[rand(parts.length)];
      const reported = problem(text) !== undefined;
      const dash = parses("dash", text);
      const rejected = !dash && (!BASH || !parses("bash", text));
      if (BASH ? reported !== rejected : reported && dash) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});

describe("shell grammar errors", () => {
  it("names the stray word and says what to do", () => {
    expect(problem("echo a\nfi\n")).toEqual({
      offset: 7,
      message: '"fi" without a matching "if"',
      hint: 'remove it, or add the "if" it closes; check the script with sh -n',
    });
  });

  it("points an unclosed compound command at its opening word", () => {
    const text = "echo a\nif true; then\n  echo b\n";
    expect(problem(text)?.message).toBe('"if" opened here is never closed with "fi"');
    expect(lineOf(text)).toBe(2);
  });

  it("names the command a closing word cannot close yet", () => {
    expect(problem("if a; then\n  while b; do c\n  fi\ndone\n")?.message).toBe(
      '"fi" while the "while" on line 2 is still open',
    );
  });

  it("explains a ( after a word and an empty part", () => {
    expect(problem("echo foo(\n")?.message).toMatch(/only a function definition name\(\)/);
    expect(problem("if then fi\n")?.message).toBe(
      'no command between "if" and "then": sh needs at least one there',
    );
    expect(problem("a ;; b\n")?.message).toBe('";;" outside a case');
  });

  it("reports an unclosed quote rather than the compound commands it leaves open", () => {
    const text = "if a; then\n  echo 'x\nfi\n";
    expect(problem(text)?.message).toBe("a single quote opened here never closes");
    expect(lineOf(text)).toBe(2);
  });

  it("reports a misplaced word before a later unclosed quote", () => {
    expect(problem("fi\necho 'x\n")?.message).toBe('"fi" without a matching "if"');
  });

  it("keeps unterminated as the offset of the first syntax error", () => {
    const r = scanShell("a\n  done\n");
    expect(r.unterminated).toBe(4);
    expect(r.syntax?.offset).toBe(4);
  });

  it("makes lint report a syntax error and rewrite leave the script alone", () => {
    const text = "#!/bin/sh\ngroupadd -g 999 docker\nfi\n";
    const finding = lintEntrypoint(text).find((f) => f.rule === "syntax");
    expect(finding).toMatchObject({ severity: "error", line: 3, column: 1 });
    const r = rewriteEntrypoint(text);
    expect(r.changed).toBe(false);
    expect(r.warnings).toEqual([expect.objectContaining({ rule: "syntax", line: 3 })]);
  });
});
