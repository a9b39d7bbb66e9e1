import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

describe("rewriteEntrypoint on unusual input", () => {
  it("rewrites nothing in a script with an unclosed quote, and says where", () => {
    const input = "#!/bin/sh\ngroupadd -g 1 x\necho 'oops\n";
    const r = rewriteEntrypoint(input);
    expect(r).toMatchObject({ output: input, changed: false, edits: [] });
    expect(r.warnings).toEqual([expect.objectContaining({ rule: "syntax", line: 3, column: 6 })]);
    expect(lintEntrypoint(input)).toContainEqual(
      expect.objectContaining({ rule: "syntax", line: 3, column: 6, severity: "error" }),
    );
  });

  it("moves redirections that precede gosu into the subshell, and leaves gosu after assignments", () => {
    const r = rewriteEntrypoint("2>/dev/null gosu app cmd\nFOO=1 gosu app cmd\n");
    expect(r.output).toContain("(alpinize_exec_as app cmd) 2>/dev/null\n");
    expect(r.output).toContain("FOO=1 gosu app cmd\n");
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([["gosu", 2]]);
  });

  it("quotes option values that are not plain words", () => {
    const r = rewriteEntrypoint("groupadd --gid=12 'my group'\nusermod -aG 'a b' u\n");
    expect(r.output).toContain("alpinize_ensure_group 'my group' 12 >/dev/null");
    expect(r.output).toContain("alpinize_add_user_to_group u 'a b' >/dev/null");
  });

  // Random scripts built from the constructs the rewriter touches: whatever dash accepts must
  // still parse after the rewrite, and a second rewrite must change nothing.
  it("keeps random scripts that parse parseable, and is idempotent on them", () => {
    const parts = [
      "groupadd ",
      "-g ",
      "999 ",
      "docker ",
      "usermod -aG ",
      "gosu ",
      "exec ",
      "$(",
      ")",
      "`",
      "'",
      '"',
      "\n",
      ";",
      "&&",
      "|",
      "<<EOF\n",
      "EOF\n",
      "#",
      " ",
      "2>/dev/null ",
      "|| true ",
      "getent group ",
      "$x ",
      "adduser ",
      "useradd -u 1 -g a -d /a -s /b c ",
      "app ",
      "if true; then ",
      "fi\n",
      "x=",
      '"$GID" ',
    ];
    let seed = 20261204;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (let i = 0; i < 4000 && checked < 150; i++) {
      let s = "";
      for (let k = rand(25); k > 0; k--) s += parts[rand(parts.length)];
      if (spawnSync("dash", ["-n", "-c", s]).status !== 0) continue;
      checked++;
      const once = rewriteEntrypoint(s);
      if (once.changed) {
        expect(spawnSync("dash", ["-n", "-c", once.output]).status, JSON.stringify(s)).toBe(0);
      }
      expect(rewriteEntrypoint(once.output).changed, JSON.stringify(s)).toBe(false);
    }
    expect(checked).toBe(150);
  });
});
