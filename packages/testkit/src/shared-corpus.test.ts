import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CORPUS_DIR_VARIABLE,
  corpusPath,
  corpusSkipReason,
  sharedCorpusDir,
} from "./shared-corpus.js";

const saved = process.env[CORPUS_DIR_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[CORPUS_DIR_VARIABLE];
  else process.env[CORPUS_DIR_VARIABLE] = saved;
});

describe("the shared corpus folder", () => {
  it("is ../shared/corpus beside the repository when the variable is unset", () => {
    delete process.env[CORPUS_DIR_VARIABLE];
    const repo = new URL("../../../", import.meta.url).pathname;
    expect(sharedCorpusDir()).toBe(join(repo, "..", "shared", "corpus"));
  });

  it("is the folder ALPINIZE_CORPUS_DIR names, and a skip reason names the variable", () => {
    const dir = mkdtempSync(join(tmpdir(), "alpinize-corpus-"));
    try {
      process.env[CORPUS_DIR_VARIABLE] = dir;
      expect(corpusPath("pairs")).toBe(join(dir, "pairs"));
      expect(corpusSkipReason(dir)).toBeUndefined();
      expect(corpusSkipReason(corpusPath("pairs"))).toContain(CORPUS_DIR_VARIABLE);
      delete process.env[CORPUS_DIR_VARIABLE];
      expect(sharedCorpusDir({ [CORPUS_DIR_VARIABLE]: dir })).toBe(dir);
      expect(sharedCorpusDir({ [CORPUS_DIR_VARIABLE]: "" })).toBe(sharedCorpusDir());
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
