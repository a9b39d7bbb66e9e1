import { describe, expect, it } from "vitest";
import { ShellFunctions } from "./call-exits.js";
import { functionName, parseScript } from "./script.js";

/** The functions `text` defines, read in order, and the end of each lone call of `name`. */
function callEnds(text: string, name: string, budget?: number) {
  const script = parseScript(text);
  const fns = new ShellFunctions(budget);
  const opens: number[] = [];
  const ends: (string | undefined)[] = [];
  for (const [k, it] of script.items.entries()) {
    if (it.kind === "keyword" && it.word === "{") opens.push(k);
    else if (it.kind === "keyword" && it.word === "}") {
      const open = opens.pop()!;
      const fn = functionName(script.items, open);
      if (fn) fns.define(fn, { script, from: open + 1, to: k });
    } else if (it.kind === "pipeline" && it.commands[0]?.args[0]?.value === name)
      ends.push(fns.endsShell(script, k, false));
  }
  return ends;
}

describe("ShellFunctions", () => {
  it("reads a call by the definition before it, the last one", () => {
    expect(callEnds("f; f() { exit 0; }; f; f() { :; }; f", "f")).toEqual([
      undefined,
      undefined,
      "may",
      undefined,
      undefined,
    ]);
  });

  it("reads a function defined after the one calling it, at the call", () => {
    expect(callEnds("f() { g; }; f; g() { exit 1; }; f", "f")).toEqual([
      undefined,
      undefined,
      "fails",
    ]);
  });

  it("ends a recursion", () => {
    // The definition's name, the call in the body, the call.
    expect(callEnds("f() { f; }; f", "f")).toEqual([undefined, undefined, undefined]);
  });

  // A body read again after each definition: the reads have a bound, past which a call fails closed.
  it("reads a call as one that may exit once the bodies read pass the budget", () => {
    const body = Array(50).fill("echo").join("; ");
    const text = `big() { ${body}; }; ${Array(10).fill("big; g() { :; }").join("; ")}; big`;
    expect(callEnds(text, "big").filter((e) => e === "may")).toHaveLength(0);
    const ends = callEnds(text, "big", 200);
    // The definition's name, then the first call, read within the budget.
    expect(ends.slice(0, 2)).toEqual([undefined, undefined]);
    expect(ends.at(-1)).toBe("may");
  });

  // Each level calls the one below twice: 2^39 calls of f1, read as 40 bodies once each.
  it("reads each body once per definition, however many paths call it", () => {
    const chain = (bottom: string) =>
      [`f1() { ${bottom}; }`]
        .concat(Array.from({ length: 39 }, (_, i) => `f${i + 2}() { f${i + 1}; f${i + 1}; }`))
        .join("; ");
    expect(callEnds(`${chain("exit 1")}; f40`, "f40", 500).at(-1)).toBe("fails");
    expect(callEnds(`${chain(":")}; f40`, "f40", 500).at(-1)).toBeUndefined();
    // Redefined at the bottom: read again, not taken from before.
    expect(callEnds(`${chain(":")}; f40; f1() { exit 1; }; f40`, "f40", 500).at(-1)).toBe("fails");
  });
});
