import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { danglingLinkTarget } from "./dangling-link.js";

const dir = mkdtempSync(join(tmpdir(), "bounded-read-dangling-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "file"), "x");
symlinkSync("/nonexistent/x", join(dir, "absolute"));
symlinkSync("missing", join(dir, "relative"));
symlinkSync("relative", join(dir, "chain"));
symlinkSync("file", join(dir, "good"));
symlinkSync("loop-b", join(dir, "loop-a"));
symlinkSync("loop-a", join(dir, "loop-b"));

describe("danglingLinkTarget", () => {
  it.each([
    ["absolute", "/nonexistent/x"],
    ["relative", "missing"],
    // The end of the chain, as the last link spells it.
    ["chain", "missing"],
  ])("%s: names the missing target", (name, target) => {
    expect(danglingLinkTarget(join(dir, name))).toBe(target);
  });

  it.each(["file", "good", "absent", "absent/below", "loop-a"])(
    "%s: undefined (not a dangling link)",
    (name) => {
      expect(danglingLinkTarget(join(dir, name))).toBeUndefined();
    },
  );
});
