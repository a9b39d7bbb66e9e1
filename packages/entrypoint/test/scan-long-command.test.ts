import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { scanShell } from "../src/shell/scan.js";

// Far past the ~100k arguments a spread into Math.min can take before the stack overflows.
const WORDS = 200_000;

describe("a command of some 200k words", () => {
  it("is scanned with its span, linted and rewritten without a stack overflow", () => {
    const text = `#!/bin/sh\necho ${"a ".repeat(WORDS)}>/dev/null\nexec "$@"\n`;
    const [echo, exec] = scanShell(text).commands;
    expect(echo?.words).toHaveLength(WORDS + 1);
    expect([echo?.start, echo?.end]).toEqual([10, text.indexOf("\nexec")]);
    expect(exec?.words.map((w) => w.text)).toEqual(["exec", '"$@"']);
    expect(lintEntrypoint(text).filter((f) => f.severity === "error")).toEqual([]);
    expect(rewriteEntrypoint(text).changed).toBe(false);
  });
});
