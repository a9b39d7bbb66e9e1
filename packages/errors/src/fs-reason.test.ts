import { lstat, mkdtemp, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsReason, isLinkLoop, LINK_LOOP } from "./index.js";

describe("fsReason", () => {
  it("names a real link loop as one, not as a missing file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-loop-"));
    try {
      await symlink("b", join(dir, "a"));
      await symlink("a", join(dir, "b"));
      expect((await lstat(join(dir, "a"))).isSymbolicLink()).toBe(true);
      const err = await stat(join(dir, "a")).catch((e: unknown) => e);
      expect(isLinkLoop(err)).toBe(true);
      expect(fsReason(err)).toBe(LINK_LOOP);
      expect(fsReason(err)).toMatch(/link loop/);
      const missing = await stat(join(dir, "none")).catch((e: unknown) => e);
      expect(isLinkLoop(missing)).toBe(false);
      expect(fsReason(missing)).toBe("no such file");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("gives other errno codes as they are, and plain errors by their text", () => {
    expect(fsReason(Object.assign(new Error("x"), { code: "EACCES" }))).toBe("EACCES");
    expect(fsReason(new Error("gone"))).toBe("gone");
  });
});
