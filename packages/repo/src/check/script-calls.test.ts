import { lintEntrypoint } from "@alpinize/entrypoint";
import { describe, expect, it } from "vitest";
import { scriptCallFindings } from "./script-calls.js";

const lint = (text: string) => lintEntrypoint(text);

describe("scriptCallFindings", () => {
  it("places a call behind sudo at its line and column", () => {
    const found = scriptCallFindings("#!/bin/sh\n\n  sudo ps -C x\n", lint);
    expect(found.length).toBeGreaterThan(0);
    for (const w of found) expect(w).toMatchObject({ rule: "gnu-option", line: 3, column: 3 });
  });

  it("places each of many calls on its own line", () => {
    const text = `#!/bin/sh\n${"true\n".repeat(500)}sudo ps -C x\n${"true\n".repeat(500)}sudo ps -C x\n`;
    const lines = scriptCallFindings(text, lint).map((w) => w.line);
    expect([...new Set(lines)]).toEqual([502, 1003]);
  });

  it("reports a finding of one line once", () => {
    const once = scriptCallFindings("#!/bin/sh\nsudo ps -C x\n", lint);
    const twice = scriptCallFindings("#!/bin/sh\nsudo ps -C x; sudo ps -C x\n", lint);
    expect(twice).toEqual(once);
  });
});
