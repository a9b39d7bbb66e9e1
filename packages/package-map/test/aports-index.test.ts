import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aportsIndexDir, aportsIndexFile } from "./aports-index.js";

// The data tests hard-coded ../shared and skipped with a stderr note when it was absent, even in
// CI: they now read APORTS_INDEX_DIR as scripts/generate.mjs does, else the shared corpus as
// every package's tests find it (ALPINIZE_CORPUS_DIR), and fail under CI.

describe("where the tests find the aports index", () => {
  const dir = mkdtempSync(join(tmpdir(), "aports-index-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "aports-3.23.0-packages.tsv"), "repo\torigin\tpkgname\n");
  const missing = join(dir, "nowhere");

  it("honours APORTS_INDEX_DIR", () => {
    expect(aportsIndexDir({ APORTS_INDEX_DIR: dir })).toBe(dir);
    expect(aportsIndexFile("3.23", { APORTS_INDEX_DIR: dir })).toBe(
      join(dir, "aports-3.23.0-packages.tsv"),
    );
    expect(aportsIndexDir({})).toMatch(/shared\/corpus\/aports-index$/);
  });

  it("else reads aports-index/ in the folder ALPINIZE_CORPUS_DIR names", () => {
    expect(aportsIndexDir({ ALPINIZE_CORPUS_DIR: dir })).toBe(join(dir, "aports-index"));
    expect(aportsIndexDir({ ALPINIZE_CORPUS_DIR: missing, APORTS_INDEX_DIR: dir })).toBe(dir);
  });

  it("skips (undefined) outside CI and fails under CI when the index is absent", () => {
    for (const CI of [undefined, "", "false", "0"])
      expect(aportsIndexFile("3.23", { APORTS_INDEX_DIR: missing, CI })).toBeUndefined();
    for (const CI of ["true", "1"])
      expect(() => aportsIndexFile("3.23", { APORTS_INDEX_DIR: missing, CI })).toThrow(
        /absent and CI is set.*ALPINIZE_CORPUS_DIR.*APORTS_INDEX_DIR/,
      );
  });
});
