import { describe, expect, it } from "vitest";
import { createIo } from "../../io.js";
import { Capture } from "../../test-helpers.js";
import { printUnifiedDiff } from "./print-diff.js";

function printed(env: NodeJS.ProcessEnv, before: string, after: string, file: string): string {
  const stdout = new Capture();
  const io = createIo({ stdout, stderr: new Capture(), env, cwd: "/" });
  printUnifiedDiff(io, before, after, file);
  return stdout.text;
}

describe("printUnifiedDiff", () => {
  const before = "FROM debian\nRUN true\n";
  const after = "FROM alpine\nRUN true\n";

  it("prints the plain diff without colour, labelling standard input stdin", () => {
    const text = printed({ NO_COLOR: "1" }, before, after, "-");
    expect(text).toContain("--- a/stdin\n+++ b/stdin\n");
    expect(text).toContain("-FROM debian\n+FROM alpine\n RUN true\n");
    expect(text).not.toContain("\u001b[");
  });

  it("colours added, removed and hunk lines only, never the file headers", () => {
    const lines = printed({ FORCE_COLOR: "1" }, before, after, "Dockerfile").split("\n");
    expect(lines).toContain("\u001b[32m+FROM alpine\u001b[39m");
    expect(lines).toContain("\u001b[31m-FROM debian\u001b[39m");
    expect(lines.some((l) => l.startsWith("\u001b[36m@@ "))).toBe(true);
    expect(lines).toContain("--- a/Dockerfile");
    expect(lines).toContain("+++ b/Dockerfile");
    expect(lines).toContain(" RUN true");
  });

  it("prints nothing when nothing changed", () => {
    expect(printed({ FORCE_COLOR: "1" }, before, before, "Dockerfile")).toBe("");
  });
});
