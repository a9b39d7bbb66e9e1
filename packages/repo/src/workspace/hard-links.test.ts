import { linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./files.js";
import { inodeKey, linksLeftBehind } from "./hard-links.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-repo-links-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic and hard links", () => {
  it("returns the other hard links, which keep the old text; 0 for a new file", async () => {
    const a = join(dir, "a");
    writeFileSync(a, "old\n");
    linkSync(a, join(dir, "b"));
    linkSync(a, join(dir, "c"));
    expect(await writeFileAtomic(a, "new\n")).toBe(2);
    expect(readFileSync(join(dir, "b"), "utf8")).toBe("old\n");
    expect(await writeFileAtomic(a, "newer\n")).toBe(0);
    expect(await writeFileAtomic(join(dir, "fresh"), "x\n")).toBe(0);
  });
});

describe("linksLeftBehind", () => {
  it("takes a name the run wrote later off the count of the earlier one", async () => {
    const a = join(dir, "a");
    const b = join(dir, "b");
    writeFileSync(a, "old\n");
    linkSync(a, b);
    linkSync(a, join(dir, "kept"));
    const inode = inodeKey(a);
    expect(inode).toBe(inodeKey(b));
    const writes = [
      { file: "a", inode, others: await writeFileAtomic(a, "new\n") },
      { file: "b", inode, others: await writeFileAtomic(b, "new\n") },
    ];
    expect(writes.map((w) => w.others)).toEqual([2, 1]);
    // "kept" alone holds the old text, and each name written says so.
    expect(linksLeftBehind(writes)).toEqual([
      { file: "a", inode, others: 1 },
      { file: "b", inode, others: 1 },
    ]);
  });

  it("leaves nothing when every name was written, and keeps files of other inodes apart", () => {
    const writes = [
      { file: "a", inode: "1:2", others: 1 },
      { file: "b", inode: "1:2", others: 0 },
      { file: "c", inode: "1:3", others: 1 },
      { file: "d", inode: undefined, others: 1 },
      { file: "e", inode: undefined, others: 0 },
    ];
    expect(linksLeftBehind(writes).map((w) => [w.file, w.others])).toEqual([
      ["c", 1],
      ["d", 1],
    ]);
  });
});
