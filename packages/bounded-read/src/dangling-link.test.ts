import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DANGLING_LINK_HINT, LINK_LOOP_HINT } from "@alpinize/errors";
import { afterAll, describe, expect, it } from "vitest";
import { danglingLinkTarget } from "./dangling-link.js";
import { linkFailure } from "./link-failure.js";

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

/** The error Node itself gives for stat of `name`, so the codes are the real ones. */
function statError(name: string): NodeJS.ErrnoException {
  try {
    statSync(join(dir, name));
  } catch (err) {
    return err as NodeJS.ErrnoException;
  }
  throw new Error(`${name} could be stated`);
}

describe("linkFailure", () => {
  it("names a dangling link after ENOENT, with its target", () => {
    const err = statError("relative");
    expect(err.code).toBe("ENOENT");
    expect(linkFailure(join(dir, "relative"), err)).toEqual({
      reason: "dangling symbolic link (to missing, which does not exist)",
      hint: DANGLING_LINK_HINT,
      target: "missing",
    });
  });

  it("names a dangling link when no error is given (the caller knows it is missing)", () => {
    expect(linkFailure(join(dir, "chain"))?.target).toBe("missing");
  });

  it("names a link loop from its ELOOP, with no target", () => {
    const err = statError("loop-a");
    expect(err.code).toBe("ELOOP");
    const got = linkFailure(join(dir, "loop-a"), err);
    expect(got).toEqual({
      reason: "symbolic link loop (too many levels of symbolic links)",
      hint: LINK_LOOP_HINT,
    });
    expect(got && "target" in got).toBe(false);
  });

  it("leaves a path that is simply missing to the caller", () => {
    expect(linkFailure(join(dir, "absent"), statError("absent"))).toBeUndefined();
    expect(linkFailure(join(dir, "absent"))).toBeUndefined();
  });

  it("leaves any other error to the caller, even on a dangling link", () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    expect(linkFailure(join(dir, "relative"), denied)).toBeUndefined();
    const notDir = statError("file/below");
    expect(notDir.code).toBe("ENOTDIR");
    expect(linkFailure(join(dir, "file/below"), notDir)).toBeUndefined();
  });

  it("is undefined for a path that is there", () => {
    expect(linkFailure(join(dir, "good"))).toBeUndefined();
  });
});
