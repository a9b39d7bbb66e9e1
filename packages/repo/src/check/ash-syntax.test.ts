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
