import { linkSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readShims } from "@alpinize/entrypoint";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const tmp = useTempDir("alpinize-shims-hard-links-");
const read = (name: string) => readFileSync(join(tmp.dir, name), "utf8");

// --output replaces its file with a new inode: other hard links keep the old library, which
// gate --output and migrate DIR --report say, and shims print --output did not.
describe("shims print --output FILE with other hard links", () => {
  it("warns on stderr with the count, and FILE gets the library", async () => {
    writeFileSync(join(tmp.dir, "shims.sh"), "old\n");
    linkSync(join(tmp.dir, "shims.sh"), join(tmp.dir, "a.sh"));
    linkSync(join(tmp.dir, "shims.sh"), join(tmp.dir, "b.sh"));
    const r = await runCli(["shims", "print", "--output", "shims.sh"], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "warning shims.sh: had 2 other hard links; --output replaced it with a new file (a new inode), so those names still hold the old text. Rewrite them too, or link again with ln -f shims.sh OTHER",
    );
    expect(r.stderr).toContain("wrote shims.sh");
    expect(read("shims.sh")).toBe(readShims());
    expect(read("a.sh")).toBe("old\n");
  });

  it("lists them under --json in hardLinks, naming the file behind a symbolic link for ln -f", async () => {
    writeFileSync(join(tmp.dir, "real.sh"), "old\n");
    linkSync(join(tmp.dir, "real.sh"), join(tmp.dir, "keep.sh"));
    symlinkSync("real.sh", join(tmp.dir, "link.sh"));
    const r = await runCli(["shims", "print", "--json", "--output", "link.sh"], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).hardLinks).toEqual([
      {
        file: "link.sh",
        otherLinks: 1,
        message: expect.stringContaining(
          `had 1 other hard link; --output replaced it with a new file (a new inode), so that name still holds the old text. Rewrite it too, or link again with ln -f ${join(tmp.dir, "real.sh")} OTHER`,
        ),
      },
    ]);
    expect(r.stderr).toContain("link.sh: had 1 other hard link");
    expect(read("keep.sh")).toBe("old\n");
  });

  it("has no warning and no hardLinks when the file had none", async () => {
    writeFileSync(join(tmp.dir, "alone.sh"), "old\n");
    const r = await runCli(["shims", "print", "--json", "--output", "alone.sh"], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty("hardLinks");
    expect(r.stderr).toBe("");
  });
});
