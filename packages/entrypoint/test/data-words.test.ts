import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { scanShell } from "../src/shell/scan.js";

const names = (text: string) =>
  scanShell(text).commands.map((c) => c.words.map((w) => w.text).join(" "));

// Elements of bash arrays and case patterns are data: a call rewritten there would put shell
// code into an array literal (`args=((alpinize_exec_as app id))`) or break the pattern.
const ARRAYS = [
  "#!/bin/bash",
  "args=(groupadd -g 1 x)",
  "arr=(",
  "  usermod -aG docker app",
  ")",
  "x+=(gosu app id)",
  "declare -a y=(groupadd -g 2 z)",
  "local_cmd() { local -a z=(getent group docker); }",
  'run=(su-exec app "$@")',
  "",
].join("\n");

const CASES = [
  "#!/bin/sh",
  'case "$1" in',
  "  groupadd) echo one ;;",
  "  gosu|su-exec) echo two ;;",
  "  (getent) echo three ;;",
  "  usermod)",
  "    echo four",
  "esac",
  "",
].join("\n");

describe("array elements and case patterns", () => {
  it("are not collected as commands", () => {
    expect(names(ARRAYS)).toEqual([
      "args=",
      "arr=",
      "x+=",
      "declare -a y=",
      "local_cmd",
      "local -a z=",
      "run=",
    ]);
    expect(names(CASES)).toEqual(["echo one", "echo two", "echo three", "echo four"]);
  });

  it("are never rewritten, and the scripts get no findings for them", () => {
    for (const text of [ARRAYS, CASES]) {
      const r = rewriteEntrypoint(text);
      expect(r).toEqual({ output: text, changed: false, edits: [], warnings: [] });
      const rules = lintEntrypoint(text).map((f) => f.rule);
      expect(rules.filter((rule) => rule !== "bash-syntax")).toEqual([]);
    }
  });

  it("leave the commands around them and inside $( ) in an element to the rewrite", () => {
    const text = [
      "#!/bin/bash",
      "groups=($(getent group docker) groupadd)",
      'case "$1" in',
      "  groupadd) groupadd -g 999 docker ;;",
      "esac",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(text, { shimSource: { path: "/l/s.sh" } });
    expect(r.output).toContain("groups=($(getent group docker) groupadd)\n");
    expect(r.output).toContain("  groupadd) alpinize_ensure_group docker 999 >/dev/null ;;\n");
    expect(r.edits.map((e) => [e.rule, e.line, e.column])).toEqual([
      ["source-shims", 2, 1],
      ["groupadd", 4, 13],
    ]);
    execFileSync("bash", ["-n"], { input: r.output });
  });
});
