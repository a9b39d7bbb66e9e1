import { AlpinizeError } from "@alpinize/errors";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

const BOM = "\uFEFF";
const SCRIPT = '#!/bin/sh\ngroupadd -g 999 docker\nexec gosu app "$@"\n';

function refusal(text: string): AlpinizeError {
  try {
    rewriteEntrypoint(text);
  } catch (e) {
    if (e instanceof AlpinizeError) return e;
    throw e;
  }
  throw new Error("not refused");
}

describe("scripts that start with a UTF-8 byte order mark", () => {
  it("are refused by the rewrite, not given a source line above the shebang", () => {
    const e = refusal(BOM + SCRIPT);
    expect(e.code).toBe("ALPINIZE_ENTRYPOINT_BOM");
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('comes before "#!"');
    expect(e.message).toContain("exec format error");
    expect(e.message).toContain("nothing was rewritten");
    expect(e.hint).toMatch(/without BOM.*sed -i '1s\/\^\\xEF\\xBB\\xBF\/\/' FILE/);
    expect(() => rewriteEntrypoint(BOM + SCRIPT, { shimSource: "inline" })).toThrow(AlpinizeError);
  });

  it("are refused without a shebang too: sh takes the mark into the first word", () => {
    const e = refusal(`${BOM}groupadd -g 999 docker\n`);
    expect(e.message).toContain("first word of line 1");
    expect(e.message).not.toContain("exec format error");
  });

  it("are an error finding of the linter, at line 1, column 1", () => {
    const found = lintEntrypoint(BOM + SCRIPT).filter((f) => f.rule === "bom");
    expect(found).toEqual([
      expect.objectContaining({ rule: "bom", severity: "error", line: 1, column: 1 }),
    ]);
    expect(found[0]!.fix).toContain("UTF-8 without BOM");
  });

  it("leave a script alone whose mark is not at the start", () => {
    const inside = `#!/bin/sh\nprintf '${BOM}x'\n`;
    expect(lintEntrypoint(inside).some((f) => f.rule === "bom")).toBe(false);
    expect(rewriteEntrypoint(inside).changed).toBe(false);
    expect(rewriteEntrypoint(SCRIPT).output.split("\n")[0]).toBe("#!/bin/sh");
  });

  it("never carry the mark in a message", () => {
    const lint = lintEntrypoint(BOM + SCRIPT).find((f) => f.rule === "bom")!;
    for (const m of [refusal(BOM + SCRIPT).message, refusal(BOM + SCRIPT).hint, lint.message])
      expect(m).not.toContain(BOM);
  });
});
