import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

// The docker-library pattern: the command is built with set --, then exec "$@" runs it.
const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  'if [ "$1" = server ] && [ "$(id -u)" = 0 ]; then',
  '  set -- gosu store "$@"',
  "fi",
  'exec "$@"',
  "",
].join("\n");

describe('set -- gosu USER … exec "$@"', () => {
  it("is an error finding: exec needs a program, so the shims cannot stand in", () => {
    const found = lintEntrypoint(SCRIPT).filter((f) => f.rule === "gosu");
    expect(found).toMatchObject([{ line: 4, column: 10, severity: "error" }]);
    expect(found[0]?.fix).toContain("su-exec");
  });

  it("finds /usr/local/bin/gosu and set gosu without --, not gosu as a later word", () => {
    const lines = (text: string) =>
      lintEntrypoint(`#!/bin/sh\n${text}\n`)
        .filter((f) => f.rule === "gosu")
        .map((f) => f.line);
    expect(lines('set -- /usr/local/bin/gosu app "$@"')).toEqual([2]);
    expect(lines("set gosu app x")).toEqual([2]);
    expect(lines('set -- run gosu "$@"')).toEqual([]);
    expect(lines("set -e")).toEqual([]);
  });

  it("is left alone (and still found) when the caller does not know the image's program", () => {
    const r = rewriteEntrypoint(SCRIPT);
    expect(r.output).toBe(SCRIPT);
    expect(findingsLeftAfterRewrite(SCRIPT, r).map((f) => [f.rule, f.line])).toEqual([["gosu", 4]]);
  });

  it("becomes su-exec when the image has su-exec, without loading the shims", () => {
    const r = rewriteEntrypoint(SCRIPT, { execTool: "su-exec" });
    expect(r.output).toBe(SCRIPT.replace("set -- gosu", "set -- su-exec"));
    expect(r.edits).toMatchObject([
      { rule: "set-gosu", line: 4, before: "gosu", after: "su-exec" },
    ]);
    expect(lintEntrypoint(r.output).filter((f) => f.rule === "gosu")).toEqual([]);
    expect(rewriteEntrypoint(r.output, { execTool: "su-exec" }).changed).toBe(false);
  });

  it("loads the shims only for the other edits of the same script", () => {
    const text = `${SCRIPT}`.replace("set -e\n", "set -e\ngroupadd -g 1001 store\n");
    const r = rewriteEntrypoint(text, { execTool: "su-exec" });
    expect(r.edits.map((e) => e.rule)).toEqual(["source-shims", "groupadd", "set-gosu"]);
    expect(r.output).toContain('set -- su-exec store "$@"');
  });
});
