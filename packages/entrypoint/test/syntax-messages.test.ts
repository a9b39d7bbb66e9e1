import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint, scanShell } from "../src/index.js";

// Each grammar error is reported with what is wrong there, not as an unclosed quote.
const CASES: { name: string; text: string; line: number; column: number; message: string }[] = [
  {
    name: "a lone fi",
    text: "#!/bin/sh\nset -e\necho start\nfi\n",
    line: 4,
    column: 1,
    message: '"fi" without a matching "if"',
  },
  {
    name: "an if never closed",
    text: '#!/bin/sh\nif [ -n "$X" ]; then\n  groupadd -g 1 x\n',
    line: 2,
    column: 1,
    message: '"if" opened here is never closed with "fi"',
  },
  {
    name: "a double quote never closed",
    text: '#!/bin/sh\ngroupadd -g 1 x\necho "start\n',
    line: 3,
    column: 6,
    message: "a double quote opened here never closes",
  },
  {
    name: ";; outside a case",
    text: "#!/bin/sh\necho a ;;\n",
    line: 2,
    column: 8,
    message: '";;" outside a case',
  },
];

describe("syntax errors in lint findings and rewrite warnings", () => {
  for (const c of CASES) {
    it(`names ${c.name} with the scanner's message and hint`, () => {
      const syntax = scanShell(c.text).syntax!;
      expect(syntax.message).toBe(c.message);
      expect(lintEntrypoint(c.text).filter((f) => f.rule === "syntax")).toEqual([
        {
          rule: "syntax",
          severity: "error",
          line: c.line,
          column: c.column,
          message: c.message,
          fix: syntax.hint,
        },
      ]);
      const r = rewriteEntrypoint(c.text);
      expect(r).toMatchObject({ output: c.text, changed: false, edits: [] });
      expect(r.warnings).toEqual([
        {
          rule: "syntax",
          line: c.line,
          column: c.column,
          message: `${c.message}; nothing was rewritten (${syntax.hint})`,
        },
      ]);
    });
  }
});
