import { REDIS_ENTRYPOINT } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { parses } from "./support/rewrite.js";

// The shape of redis's docker-entrypoint.sh: the image's gosu became su-exec.
const SCRIPT = REDIS_ENTRYPOINT;

const SU_EXEC = { execTool: "su-exec", execToolRefusesUnknownUser: true } as const;
const inline = { shimSource: "inline" } as const;

describe("gosu in an image with su-exec 0.3 and no gosu", () => {
  it("changes the command word only, with no shims", () => {
    const r = rewriteEntrypoint(SCRIPT, { ...inline, ...SU_EXEC });
    expect(r.output).toBe(SCRIPT.replace("exec gosu redis", "exec su-exec redis"));
    expect(r.edits).toMatchObject([
      { rule: "gosu-su-exec", line: 5, column: 8, before: "gosu", after: "su-exec" },
    ]);
    expect(r.warnings).toEqual([]);
    expect(lintEntrypoint(r.output).filter((f) => f.rule === "gosu")).toEqual([]);
    expect(findingsLeftAfterRewrite(SCRIPT, r).filter((f) => f.rule === "gosu")).toEqual([]);
    expect(rewriteEntrypoint(r.output, { ...inline, ...SU_EXEC }).changed).toBe(false);
  });

  it("keeps every other word: a path, IDs, a group, assignments, wrappers, $( )", () => {
    const swap = (line: string) =>
      rewriteEntrypoint(`#!/bin/sh\n${line}\n`, { ...inline, ...SU_EXEC }).output.split("\n")[1];
    expect(swap("/usr/local/bin/gosu 1000:1000 /app/run --flag")).toBe(
      "su-exec 1000:1000 /app/run --flag",
    );
    expect(swap("FOO=1 exec gosu app:web cmd 2>&1")).toBe("FOO=1 exec su-exec app:web cmd 2>&1");
    expect(swap('uid=$(gosu "$USER" id -u)')).toBe('uid=$(su-exec "$USER" id -u)');
    // A program, unlike the shim function, can run behind nohup.
    expect(swap("nohup gosu app worker &")).toBe("nohup su-exec app worker &");
  });

  it("names a group the script made with a GID as it would for alpinize_exec_as", () => {
    const r = rewriteEntrypoint('#!/bin/sh\ngroupadd -g 999 docker\nexec gosu app:docker "$@"\n', {
      ...inline,
      ...SU_EXEC,
    });
    expect(r.output).toContain('\nexec su-exec app:999 "$@"\n');
    expect(r.edits.map((e) => e.rule)).toEqual(["source-shims", "groupadd", "gosu-su-exec"]);
    expect(r.output).not.toContain("alpinize_exec_as");
    parses(["dash"], r.output);
  });

  it("leaves gosu's own options and a call without a command as before", () => {
    const r = rewriteEntrypoint("#!/bin/sh\ngosu --version x\ngosu app\n", SU_EXEC);
    expect(r.output).not.toContain("su-exec");
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([["gosu", 3]]);
  });
});

describe("gosu where su-exec may run an unknown user as root", () => {
  it("becomes alpinize_exec_as when the su-exec is 0.2 (Alpine 3.21, 3.22)", () => {
    const r = rewriteEntrypoint(SCRIPT, { ...inline, execTool: "su-exec" });
    expect(r.output).toContain('{ alpinize_exec_as redis "$@" || exit; }');
    expect(r.edits.map((e) => e.rule)).toEqual(["source-shims", "gosu"]);
  });

  it("becomes alpinize_exec_as when the image's tool is not known", () => {
    const r = rewriteEntrypoint(SCRIPT, { ...inline, execToolRefusesUnknownUser: true });
    expect(r.output).toContain('{ alpinize_exec_as redis "$@" || exit; }');
  });
});
