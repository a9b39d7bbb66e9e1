import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

const SRC = { shimSource: { path: "/l/s.sh" } } as const;
const LEFT = "leaves this call as written";

const shadow = (script: string) =>
  lintEntrypoint(script)
    .filter((f) => f.rule === "shadow-tool")
    .map((f) => ({
      at: `${f.line}:${f.column}`,
      error: f.severity,
      left: f.message.includes(LEFT),
    }));

describe("a shadow tool call in nested backquotes or a here-document's $( )", () => {
  it.each([
    ["Z=`echo \\`groupadd -g 1003 g3\\``", "2:11"],
    ['Z="`echo \\`groupadd -g 1003 g3\\``"', "2:12"],
    ['Z=`echo "\\`groupadd -g 1003 g3\\`"`', "2:12"],
  ])("%s: the captured-call error at its word", (line, at) => {
    expect(shadow(`#!/bin/sh\n${line}\n`)).toEqual([{ at, error: "error", left: true }]);
  });

  it.each([
    ["cat <<EOF\n$(groupadd -g 1004 g4)\nEOF", "3:3"],
    ["cat <<-EOF\n\tid: `groupadd -g 1004 g4`\n\tEOF", "3:7"],
  ])("an unquoted body: %s expands the call, an error", (body, at) => {
    expect(shadow(`#!/bin/sh\n${body}\n`)).toEqual([{ at, error: "error", left: true }]);
  });

  it.each(["cat <<'EOF'", 'cat <<"EOF"', "cat <<\\EOF"])(
    "%s (a quoted delimiter) keeps the body text: no finding",
    (open) => {
      expect(shadow(`#!/bin/sh\n${open}\n$(groupadd -g 1004 g4)\nEOF\n`)).toEqual([]);
    },
  );

  it("the rewrite leaves a call in a body, and the finding stays after it", () => {
    const script = "#!/bin/sh\ncat <<EOF\n$(groupadd -g 1004 g4)\nEOF\ngroupadd -g 1005 g5\n";
    const result = rewriteEntrypoint(script, SRC);
    expect(result.output).toContain("$(groupadd -g 1004 g4)");
    expect(result.output).toContain("alpinize_ensure_group g5 1005");
    const left = findingsLeftAfterRewrite(script, result).filter((f) => f.rule === "shadow-tool");
    expect(left.map((f) => f.line)).toEqual([3]);
  });

  it("the rewrite leaves a call in nested backquotes", () => {
    const script = "#!/bin/sh\nZ=`echo \\`groupadd -g 1003 g3\\``\n";
    expect(rewriteEntrypoint(script, SRC).output).toContain("\\`groupadd -g 1003 g3\\`");
  });
});
