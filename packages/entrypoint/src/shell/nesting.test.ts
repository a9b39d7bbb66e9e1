// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { EXIT, isAlpinizeError } from "@alpinize/errors";
import { describe, expect, it } from "vitest";
import { lintEntrypoint } from "../lint/lint.js";
import { rewriteEntrypoint } from "../rewrite/rewrite.js";
import { MAX_SHELL_NESTING, SHELL_TOO_DEEP } from "./nesting.js";
import { scanShell } from "./scan.js";

/** Scripts whose expansions nest `n` levels deep; each reader recursed once per level. */
const NESTED: Record<string, (n: number) => string> = {
  'quoted "$( )"': (n) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}\n`,
  "bare $( )": (n) => `echo ${"$(echo ".repeat(n)}x${")".repeat(n)}\n`,
  'quoted "${x:-"…"}"': (n) => `echo "${'${x:-"'.repeat(n)}a${'"}'.repeat(n)}"\n`,
  "<( )": (n) => `cat ${"<(cat ".repeat(n)}f${")".repeat(n)}\n`,
  "$( ( … ) )": (n) => `echo ${"$( (".repeat(n)}x${") )".repeat(n)}\n`,
  "here-document body": (n) => `cat <<EOF\n${"$(echo ".repeat(n)}x${")".repeat(n)}\nEOF\n`,
};

/** The error scanShell throws, or undefined when it reads the text. */
function scanError(text: string): unknown {
  try {
    scanShell(text);
    return undefined;
  } catch (err) {
    return err;
  }
}

describe("scanShell and expansions nested past MAX_SHELL_NESTING", () => {
  it.each(Object.entries(NESTED))("reads %s nested to the limit", (_, make) => {
    const text = `#!/bin/sh\n${make(MAX_SHELL_NESTING)}`;
    expect(scanShell(text).syntax).toBeUndefined();
  });

  it.each(Object.entries(NESTED))(
    "refuses %s one level past the limit, at that level",
    (_, make) => {
      const text = `#!/bin/sh\n${make(MAX_SHELL_NESTING + 1)}`;
      const err = scanError(text);
      expect(isAlpinizeError(err)).toBe(true);
      if (!isAlpinizeError(err)) return;
      expect(err.code).toBe(SHELL_TOO_DEEP);
      expect(err.exitCode).toBe(EXIT.BAD_INPUT);
      expect(err.message).toContain(`deeper than ${MAX_SHELL_NESTING} levels`);
      expect(err.hint).toMatch(/variables/);
      expect(err.details.line).toBeGreaterThan(1);
    },
  );

  // 2000 levels of "$(echo … )" (20 KB) overflowed the stack: exit 70 instead of a bad input.
  it("refuses 2000 levels with its error, not a stack overflow, in the lint and the rewrite", () => {
    const text = `#!/bin/sh\n${NESTED['quoted "$( )"']!(2000)}`;
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (err) {
        return isAlpinizeError(err) ? err.code : String(err);
      }
      return undefined;
    };
    expect(code(() => scanShell(text))).toBe(SHELL_TOO_DEEP);
    expect(code(() => lintEntrypoint(text))).toBe(SHELL_TOO_DEEP);
    expect(code(() => rewriteEntrypoint(text))).toBe(SHELL_TOO_DEEP);
  });

  it("names the line and column of the level too many", () => {
    const text = `#!/bin/sh\n\n  echo ${"$(echo ".repeat(MAX_SHELL_NESTING + 1)}x${")".repeat(MAX_SHELL_NESTING + 1)}\n`;
    const err = scanError(text);
    if (!isAlpinizeError(err)) throw new Error("expected an alpinize error");
    const column = 8 + MAX_SHELL_NESTING * "$(echo ".length;
    expect(err.details).toEqual({ line: 3, column });
    expect(err.message).toContain(`(line 3 column ${column})`);
  });
});

describe("scanShell on nesting it reads without recursing", () => {
  const deep = 5000;

  it.each([
    ["{ … } groups", `${"{ ".repeat(deep)}groupadd -g 1 g${"; }".repeat(deep)}\n`],
    ["( … ) subshells", `${"( ".repeat(deep)}groupadd -g 1 g${" )".repeat(deep)}\n`],
    ["if … fi", `${"if a; then\n".repeat(deep)}groupadd -g 1 g\n${"fi\n".repeat(deep)}`],
  ])("reads %s 5000 deep and finds the command inside", (_, body) => {
    const result = scanShell(`#!/bin/sh\n${body}`);
    expect(result.syntax).toBeUndefined();
    expect(result.commands.map((c) => c.words[0]?.text)).toContain("groupadd");
  });

  it.each([
    ["${x:-${y:-…}}", `echo ${"${x:-".repeat(deep)}a${"}".repeat(deep)}\n`],
    ["$((1+$((…))))", `echo ${"$((1+".repeat(deep)}1${"))".repeat(deep)}\n`],
    ["arithmetic parentheses", `echo $((${"(".repeat(deep)}1${")".repeat(deep)}))\n`],
  ])("reads %s 5000 deep", (_, body) => {
    expect(scanShell(`#!/bin/sh\n${body}`).syntax).toBeUndefined();
  });

  it("reads backquotes nested 12 levels (each level doubles the escapes)", () => {
    let inner = "groupadd -g 1 g";
    for (let k = 0; k < 12; k++) inner = `echo \`${inner.replace(/[\\`]/g, "\\$&")}\``;
    expect(scanShell(`#!/bin/sh\n${inner}\n`).syntax).toBeUndefined();
  });
});
