import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assertWholeScript } from "./grammar.js";
import { parseScript } from "./script.js";
import { ShellSyntaxError } from "./tokenize.js";

const BUSYBOX = "/var/cache/alpinize-test/busybox-musl/busybox";
/** The shells that judge each table row, each as its `sh -n -c` (those this machine has). */
const SHELLS: [string, string[]][] = [
  ["dash", ["/usr/bin/dash", "-n", "-c"]],
  ["busybox sh", [BUSYBOX, "sh", "-n", "-c"]],
  ["bash", ["/usr/bin/bash", "-n", "-c"]],
];

function readsIt(text: string): boolean {
  try {
    assertWholeScript(parseScript(text));
    return true;
  } catch (err) {
    if (err instanceof ShellSyntaxError) return false;
    throw err;
  }
}

/** Whether each shell reads the text: `-n` parses it and runs nothing. */
function shellsRead(text: string, names: readonly string[]): Record<string, boolean> {
  const verdicts: Record<string, boolean> = {};
  for (const [name, [program, ...args]] of SHELLS) {
    if (!names.includes(name) || !existsSync(program!)) continue;
    verdicts[name] = spawnSync(program!, [...args, text], { stdio: "ignore" }).status === 0;
  }
  return verdicts;
}

const PLAIN = ["dash", "busybox sh"];

// Each row: dash -n and busybox sh -n give the check's verdict (bash too where it agrees).
describe("assertWholeScript against dash, busybox sh and bash", () => {
  it.each([
    ["echo a;;", '";;" outside a case'],
    [";;", '";;" outside a case'],
    ["apt-get install -y curl;; echo b", '";;" outside a case'],
    ["if a; then b;; fi", '";;" outside a case'],
    ["{ echo a;; }", '";;" outside a case'],
    ["(echo a;;)", '";;" outside a case'],
    ["for x in a;; do b; done", '";;" outside a case'],
    ["case x in a) if b; then c;; esac", '";;" outside a case'],
    ["true | ! false", '"!" right after "|"'],
    ["a && ! b | ! c", '"!" right after "|"'],
    ["a |\n! b", '"!" right after "|"'],
    ["(a) | ! b", '"!" right after "|"'],
    ["echo a;&", '"&" right after ";"'],
    ["echo a & ;", '";" right after "&"'],
    ["a ;\n;", '";" right after ";"'],
    ["a &\n&", '"&" right after "&"'],
    // A case a pipe feeds is read into its arms as any case.
    ["a | case x in a) b;; fi", '"case" is never closed'],
    ["a | case x in a) b;;", '"case" is never closed'],
    ["a | case x in a) b;; esac; fi", '"fi" unexpected'],
    ["a | case x in a) b;; esac )", '")" unexpected'],
    ["a | case x in a) b;; esac; echo a;;", '";;" outside a case'],
    ["a | case x in a) ( b;; ) esac", '";;" outside a case'],
    ["a | { case x in a) b;;", '"case" is never closed'],
    ["a | { case x in a) b;; }", '"case" is never closed'],
    ["a | { while b; do c; }", '"}" unexpected'],
    ["a | if b; then c;; fi", '";;" outside a case'],
    ["a | for x in a;; do b; done", '";;" outside a case'],
    // A piped while, until or if is judged where it stands, with no second parse.
    ["a | while | c; do d; done", '"|" with no command before it'],
    ["a | while b; do c; done; done", '"done" unexpected'],
    ["a | until b; then c; fi", '"then" unexpected'],
    ["a | if b | c; then :; fi; fi", '"fi" unexpected'],
    ["a | while b; do :; done; a | while c; do d;", '"loop" is never closed'],
    // A `)` after a case inside `$( )` closes the substitution; the text goes on after it.
    ["echo $(case a in a) b;; esac))", '")" unexpected'],
    ["echo $(case a in a) b;; esac); echo c;;", '";;" outside a case'],
    ["echo $(case a in a) b;;)", "unterminated $("],
    ["echo $(case a in a) b)", '"case" is never closed'],
    ["echo $( (case a in a) b) )", '"case" is never closed'],
    ["x=$(echo case a in a) b)", '")" unexpected'],
  ])("refuses %j", (text, message) => {
    expect(() => assertWholeScript(parseScript(text))).toThrow(message);
    const shells = shellsRead(text, [...PLAIN, "bash"]);
    expect(shells).toEqual(Object.fromEntries(Object.keys(shells).map((s) => [s, false])));
  });

  it.each([
    "case x in a) b &;; esac",
    "case x in a) b\n;; esac",
    "case x in a) b;\n;; esac",
    "case x in a) ;; esac",
    "a &\nb",
    "a | !b",
    'a | "!" b',
    "a | { ! b; }",
    "a | f() { :; }",
    "a | case x in a) b;; esac",
    "a | case x in (a) b;; (c|d) e;; esac",
    "a | case x in a) b;; c|d) e;; esac",
    "a | case x in a) b|c;; esac",
    "a | case x in\na) b;;\n*) c;;\nesac",
    "a | case x in a) b;; esac | case y in y) z;; esac",
    "a | case $x in a) b;; esac && c",
    "a | case x\nin a) b;; esac",
    "a | case in in in) b;; esac",
    "a | case x in a) esac",
    "a | case x in a) ;; esac",
    "a | case x in esac",
    "a | case x in a) if b; then c; fi;; esac",
    "a | case x in a|while) b;; esac",
    "a | case x in a|!) b;; esac",
    "(a | case x in a) b;; esac )",
    "cat <<EOF | case x in a) b;; esac\nbody\nEOF",
    "a | { case x in a) b;; esac; }",
    "a | { while b; do c; done; }",
    "a | { if b; then c; fi }",
    "a |\n  while read l; do echo $l; done",
    "a | X=1 case",
    "a | while read l; do echo $l; done; a | while read l; do echo $l; done",
    "a | while b | c; do d; done",
    "a | until b; do c; done | d",
    "a | if grep -q fi f; then b; fi",
    "a | while ! b; do c; done",
    "a | if b; then c; elif d; then e; else f; fi",
    // A case pattern's `)` inside `$( )` closes no substitution.
    "apt-get install -y curl && x=$(case a in a) echo y;; esac)",
    "echo $(case a in a) echo y;; esac)",
    "x=$( echo a | case x in a) cat;; esac )",
    "x=$(case a in *) echo y;; esac) && echo $x",
    "x=$(case a in a|b) echo y;; (c) d;; esac)",
    "x=$(case a in a) echo y; esac)",
    "x=$(case a in esac)",
    "x=$(case a in (esac) b;; esac)",
    "x=$(case a in\na) echo y\n;;\n*) z\nesac\n)",
    "x=$(case a\nin a) b;; esac)",
    "x=$(case a in a) echo $(case b in b) c;; esac);; esac)",
    "x=$(case a in a) case b in b) c;; esac;; esac)",
    "x=$(case a in a) (case b in b) c;; esac);; esac)",
    "x=$(case a in a) if b; then case c in c) d;; esac; fi;; esac)",
    "x=$(case a in a) b $(c) ;; esac) y=$(case d in d) e;; esac)",
    'x="$(case a in a) b;; esac)" y=`case c in c) d;; esac`',
    "x=$(f() { case a in a) b;; esac; }; f)",
    "x=$(echo a # not the end )\n)",
    "x=$(cat <<E\n)\nE\n)",
    "x=$(for case in a; do echo $case; done)",
    "x=$( (case a in a) b;; esac) )",
    "x=$((1 + (2 * 3))) y=$(( $(case a in a) echo 1;; esac) + 1 ))",
    "cat <<EOF\n$(case a in a) b;; esac)\nEOF",
  ])("reads %j", (text) => {
    expect(readsIt(text)).toBe(true);
    const shells = shellsRead(text, [...PLAIN, "bash"]);
    expect(shells).toEqual(Object.fromEntries(Object.keys(shells).map((s) => [s, true])));
  });

  // bash reads these, dash and busybox do not: a RUN under SHELL bash may hold them, and the
  // check does not know which shell runs the script, so it reads them (README, Known limitations).
  it.each([
    "case x in x) echo a;;& *) echo b;; esac",
    "case x in x) echo a;& *) echo b;; esac",
    "case x in a) b &;& c) d;; esac",
    "a |& b",
    "! ! true",
    "x=$(case x in a) b;& *) c;; esac)",
  ])("reads the bash form %j", (text) => {
    expect(readsIt(text)).toBe(true);
    expect(shellsRead(text, ["bash"])).not.toEqual({ bash: false });
    const plain = shellsRead(text, PLAIN);
    expect(plain).toEqual(Object.fromEntries(Object.keys(plain).map((s) => [s, false])));
  });

  it("judges a piped while past 4 MB: it is read where it stands, not parsed again", () => {
    const text = `${"a | while b; do c; done\n".repeat(170_000)}fi`;
    expect(text.length).toBeGreaterThan(4_000_000);
    expect(readsIt(text)).toBe(false);
  });

  it("judges up to 16 piped case commands, then lets the script be (each is parsed again)", () => {
    const piped = (n: number) => `${"a | case x in a) b;; esac\n".repeat(n)}fi`;
    expect(readsIt(piped(16))).toBe(false);
    expect(readsIt(piped(17))).toBe(true);
  });
});
