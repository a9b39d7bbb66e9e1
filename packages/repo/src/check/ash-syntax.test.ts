import { describe, expect, it } from "vitest";
import { growth } from "../../test/growth.js";
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

  // Each list sliced the text before it and split it into words: quadratic in a long RUN.
  it("takes time linear in a line of many lists and assignments", () => {
    const args = (n: number) => `mkdir${" /a/{x,y}".repeat(n)}`;
    const assigned = (n: number) => `${"X={a,b} ".repeat(n)}true`;
    expect(growth(ashSyntaxProblems, args(1000), args(8000))).toBeLessThan(24);
    expect(growth(ashSyntaxProblems, assigned(1000), assigned(8000))).toBeLessThan(24);
  });
});
