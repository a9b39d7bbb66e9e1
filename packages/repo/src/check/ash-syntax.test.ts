import { describe, expect, it } from "vitest";
import { ashSyntaxProblems } from "./ash-syntax.js";

const lists = (script: string) =>
  ashSyntaxProblems(script)
    .filter((p) => p.message.includes("brace list"))
    .map((p) => p.offset);

describe("ashSyntaxProblems and {a,b} lists in assignments", () => {
  it("leaves a list in an assignment that only assignments or keywords precede", () => {
    expect(lists("A=1 B={a,b} make")).toEqual([]);
    expect(lists("if X={a,b}; then :; fi")).toEqual([]);
    expect(lists("true; X+={a,b}")).toEqual([]);
  });

  it("reports one in an argument, after a command word, or starting a word", () => {
    const after = "env X={a,b}";
    expect(lists(after)).toEqual([after.indexOf("{")]);
    const word = "A=1 {a,b}";
    expect(lists(word)).toEqual([word.indexOf("{")]);
    const next = "X={a,b} && echo Y={c,d}";
    expect(lists(next)).toEqual([next.lastIndexOf("{")]);
  });
});

/** The `{fd}` patterns the finder replaced, kept here as what it must answer. */
const EXEC_WORDS = String.raw`(?:^|[\s;&|(])exec\s+(?:\d*[<>]&?\S*\s+)*`;
const FD = String.raw`\{[A-Za-z_][A-Za-z0-9_]*\}(?=[<>])`;
const EXEC_FD = new RegExp(`(?<=${EXEC_WORDS})${FD}`, "g");
const OTHER_FD = new RegExp(`(?<!${EXEC_WORDS})(?<=^|[\\s;&|(])${FD}`, "g");

const fdProblems = (script: string) =>
  ashSyntaxProblems(script)
    .filter((p) => p.message.includes("{fd}>"))
    .map((p) => `${p.offset} ${p.kind}`);

describe("ashSyntaxProblems and {fd}> redirections", () => {
  // A pattern looked behind each `{` for `exec` and redirections, walking back over every blank
  // before it; masked quotes are blanks, so a RUN with a long quoted string took n² steps.
  it("answers as the look-behind patterns on every script of up to five of these words", () => {
    const parts = ["exec", " ", "{fd}", ">x", "3>a", ";", "(", "\n", "a"];
    let scripts = [""];
    for (let len = 1; len <= 5; len++) {
      scripts = scripts.flatMap((s) => parts.map((p) => s + p));
      for (const s of scripts) {
        const expected = [
          ...[...s.matchAll(EXEC_FD)].map((m) => `${m.index} expansion`),
          ...[...s.matchAll(OTHER_FD)].map((m) => `${m.index} literal`),
        ].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
        expect([s, fdProblems(s)]).toEqual([s, expected]);
      }
    }
  });

  it("reads exec and its redirections across lines, not past a quoted word", () => {
    const script = `exec 3>a 2>&1\n  {fd}>lock; exec "a" {a}>x; echo "${" ".repeat(100)}" {b}<in`;
    expect(fdProblems(script)).toEqual([
      `${script.indexOf("{fd}")} expansion`,
      `${script.indexOf("{a}")} literal`,
      `${script.indexOf("{b}")} literal`,
    ]);
  });
});
