import { describe, expect, it } from "vitest";
import { isNested, parseScript } from "./script.js";

/** Whether the first command named `name` in `text` is nested. */
const nested = (text: string, name = "x") => isNested(parseScript(text), text.indexOf(`${name} `));

describe("isNested", () => {
  it("counts loops, if, case and function bodies", () => {
    expect(nested("for a in 1; do x 1; done")).toBe(true);
    expect(nested("if true; then x 1; fi")).toBe(true);
    expect(nested("case $a in b) x 1;; esac")).toBe(true);
    expect(nested("f() { x 1; }; f; f")).toBe(true);
    expect(nested("f ()\n{\n  x 1\n}\nf")).toBe(true);
  });

  it("leaves the top level, brace groups, subshells and what follows a function", () => {
    expect(nested("a && x 1")).toBe(false);
    expect(nested("{ a; x 1; } > log")).toBe(false);
    expect(nested("( cd / && x 1 )")).toBe(false);
    expect(nested("f() { { a; }; }; x 1")).toBe(false);
    expect(nested("for a in 1; do b; done; x 1")).toBe(false);
  });
});
