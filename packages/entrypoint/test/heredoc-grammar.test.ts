// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lineColumn, scanShell } from "../src/shell/scan.js";
import { seededRandom } from "./support/random.js";

// The oracles. dash -n parses the `$( )` (and the quotes in backquotes) of an unquoted
// here-document body while it reads the script. bash -n does not read bodies at all: bash
// parses them when it expands the body, so its verdict needs a run. The runs are harmless: the
// bodies feed `:`, the substitutions hold only builtins and names that do not exist (PATH is
// empty), no loops and no redirections, in a scratch directory.
const path = (shell: string) => {
  const r = spawnSync("sh", ["-c", `command -v ${shell}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
};
const DASH = path("dash");
const BASH = path("bash");
const scratch = mkdtempSync(join(tmpdir(), "alpinize-heredoc-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const dashAccepts = (text: string) => spawnSync(DASH!, ["-n", "-c", text]).status === 0;
const BASH_ERROR = /syntax error|unexpected EOF while looking for matching|bad substitution/;
function bashAccepts(text: string): boolean {
  if (spawnSync(BASH!, ["-n", "-c", text]).status !== 0) return false;
  const run = spawnSync(BASH!, ["-c", text], {
    cwd: scratch,
    env: { PATH: "/nonexistent" },
    encoding: "utf8",
    timeout: 10_000,
  });
  return !BASH_ERROR.test(run.stderr);
}

const problem = (text: string) => scanShell(text).syntax;
const where = (text: string) => {
  const p = problem(text);
  return p === undefined ? undefined : lineColumn(text, p.offset);
};

/** Both shells accept these: nothing may be reported. */
const VALID = [
  ": <<EOF\n$(echo a) `echo b` ${x:-$(echo c)} $((1 + 2))\nEOF\n",
  ": <<'EOF'\n$(fi) `fi` $(echo \"a)\nEOF\n",
  ': <<"EOF"\n$(if true; then echo; )\nEOF\n',
  ": <<\\EOF\n$(fi\nEOF\n",
  ": <<E\\OF\n$(fi)\nEOF\n",
  ": <<EOF\n\\$(fi) \\`fi\\`\nEOF\n",
  ": <<EOF\n$(echo a\n)\nEOF\n",
  ": <<EOF\n$(echo a # )\n)\nEOF\n",
  ": <<EOF\n$(case x in a) echo;; esac)\nEOF\n",
  ": <<EOF\n\"$(echo ')')\" 'not a quote \"\nEOF\n",
  "\t: <<-EOF\n\t$(echo a)\n\t\tEOF\necho after\n",
  ": <<A; : <<'B'\n$(echo a)\nA\n$(fi)\nB\n",
  ": <<A <<B\na\nA\n$(echo b)\nB\n",
  ": <<EOF\na\\\nEOF\nEOF\n",
  ": <<EOF\n$(: <<X\nx\nX\n)\nEOF\n",
  ": <<EOF\n$\nEOF\n",
  ": <<EOF\n$$(fi) $$$(echo a)\nEOF\n",
  "x=$(: <<EOF\n$(echo a)\nEOF\n)\n",
  ": <<EOF\nif then fi ( ;;\nEOF\n",
];

/** Both shells reject these: reported at this line and column (where dash stops, or the open). */
const INVALID: Array<[string, number, number]> = [
  [": <<EOF\n$(if true; then echo; )\nEOF\n", 2, 3],
  [": <<EOF\n$(fi)\nEOF\n", 2, 3],
  [': <<EOF\n$(echo "a)\nEOF\n', 2, 2],
  ["echo ok\n: <<EOF\nline\n  $(echo 'a)\nEOF\n", 4, 4],
  [": <<EOF\n\\\\$(fi)\nEOF\n", 2, 5],
  [': <<EOF\n`echo "a`\nEOF\n', 2, 7],
  [": <<EOF\n`echo a\nEOF\n", 2, 1],
  // The body's backquote closes at the first one of `x`, as in dash: the second never closes.
  [": <<EOF\na`b\nEOF\necho `x`\n", 4, 8],
  [": <<EOF\n${x:-$(fi)}\nEOF\n", 2, 8],
  [": <<EOF\n$((1 + $(fi)))\nEOF\n", 2, 10],
  [": <<A <<B\na\nA\n$(fi)\nB\n", 4, 3],
  [": <<A; : <<B\na\nA\n$(fi)\nB\n", 4, 3],
  [": <<'A' <<B\n$(echo \"\nA\n$(fi)\nB\n", 4, 3],
  ["\t: <<-EOF\n\tok\n\t$(echo; fi)\n\tEOF\n", 3, 10],
  [": <<EOF\n$(echo a\nEOF\n", 2, 2],
  [": <<EOF\n$(echo \\$(fi))\nEOF\n", 2, 10],
  ["x=$(: <<EOF\n$(fi)\nEOF\n)\n", 2, 3],
];

/** One shell accepts, the other not: let through. */
const DISPUTED = [
  // dash reads the substitution over the delimiter line; bash ends the body there.
  ": <<EOF\n$(echo a\nEOF\n)\nEOF\n",
  // dash -n does not parse backquotes; bash does when it expands them.
  ": <<EOF\n`fi`\nEOF\n",
  // Quotes inside ${ } in a body: dash and bash read them differently.
  ": <<EOF\n${x:-'}\nEOF\n",
  ": <<EOF\n${x:-'\"'}\nEOF\n",
  ": <<EOF\n$(: <<X)\nx\nX\nEOF\n",
];

describe("here-document bodies: fixed expectations", () => {
  it.each(VALID)("accepts %j", (text) => {
    expect(problem(text)).toBeUndefined();
  });

  it.each(INVALID)("rejects %j at line %i, column %i", (text, line, column) => {
    expect(where(text)).toEqual({ line, column });
  });

  it.each(DISPUTED)("lets %j through", (text) => {
    expect(problem(text)).toBeUndefined();
  });

  it("keeps the body inert and marks the commands of its $( ) as here-document ones", () => {
    const text = ": <<EOF\n$(groupadd -g 1 a)\nEOF\necho after\n";
    const r = scanShell(text);
    expect(r.inert).toEqual([[8, 30]]);
    const seen = r.commands.map((c) => [c.words[0]?.text, c.heredoc === true]);
    expect(seen).toEqual([
      [":", false],
      ["groupadd", true],
      ["echo", false],
    ]);
  });

  it("takes 200k here-documents opened in one $( ) without overflowing the stack", () => {
    const n = 200_000;
    const text = `x=$(cat${" <<E".repeat(n)})\n${"b\nE\n".repeat(n)}echo after\n`;
    const r = scanShell(text);
    expect(r.syntax).toBeUndefined();
    expect(r.inert.length).toBe(n);
    expect(r.commands.at(-1)?.words[0]?.text).toBe("echo");
  });
});

describe.skipIf(!DASH || !BASH)("here-document bodies agree with dash and bash", () => {
  it.each(VALID)("both accept %j", (text) => {
    expect([dashAccepts(text), bashAccepts(text)]).toEqual([true, true]);
  });

  it.each(INVALID)("both reject %j", (text) => {
    expect([dashAccepts(text), bashAccepts(text)]).toEqual([false, false]);
  });

  it.each(DISPUTED)("one of them accepts %j", (text) => {
    expect(dashAccepts(text)).not.toBe(bashAccepts(text));
  });

  // Random bodies from POSIX pieces under every kind of delimiter: the scanner must report
  // exactly what both shells reject. Backquotes, `${ }` and `$(( ))` are left to the fixed
  // cases: only quotes are checked in backquotes, `${` or `$((` never closed is not reported,
  // and a quote or paren inside them is read differently by the two shells (so no lone "(" or
  // "$" piece).
  it("matches dash and bash on random here-documents", () => {
    const parts = [
      "$(",
      ")",
      "if ",
      "then ",
      "fi ",
      "echo ",
      "a ",
      "; ",
      "\n",
      "'",
      '"',
      "\\$(",
      "\\\\",
      "$$",
      "D\n",
      "\t",
      "# ",
      "case x in a) ;; esac ",
      "{ ",
      "} ",
      "&& ",
    ];
    const heads = [
      ": <<D\n",
      ": <<'D'\n",
      ': <<"D"\n',
      ": <<-D\n",
      ": <<\\D\n",
      ": <<D <<D\n",
      "\t: <<-D; : <<D\n",
    ];
    const rand = seededRandom(20261205);
    const disagreements: string[] = [];
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      let text = heads[rand(heads.length)]!;
      for (let k = 1 + rand(8); k > 0; k--) text += parts[rand(parts.length)];
      text += "\nD\nD\n";
      const reported = problem(text) !== undefined;
      const rejected = !dashAccepts(text) && !bashAccepts(text);
      if (reported !== rejected) disagreements.push(text);
      if (rejected) errors++;
    }
    expect(disagreements).toEqual([]);
    // Both sides are exercised: errors in bodies, and bodies both shells take.
    expect(errors).toBeGreaterThan(30);
    expect(300 - errors).toBeGreaterThan(30);
  });
});
