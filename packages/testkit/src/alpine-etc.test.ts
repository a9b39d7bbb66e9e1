import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALPINE_GROUP, ALPINE_PASSWD, alpineShadow } from "./alpine-etc.js";
import { corpusPath, corpusSkipReason } from "./shared-corpus.js";

// The shared corpus keeps unmodified copies of alpine-baselayout's files next to the repository.
const CORPUS = `${corpusPath("alpine-rootfs")}/`;
const skipped = corpusSkipReason(`${CORPUS}group`);
const HAVE_CORPUS = skipped === undefined;
if (!HAVE_CORPUS) console.warn(`skipping the corpus comparison: ${skipped}`);

describe.skipIf(!HAVE_CORPUS)("Alpine's base /etc files", () => {
  it("are the corpus's copies of alpine-baselayout's passwd and group", () => {
    expect(ALPINE_PASSWD).toBe(readFileSync(`${CORPUS}passwd`, "utf8"));
    expect(ALPINE_GROUP).toBe(readFileSync(`${CORPUS}group`, "utf8"));
  });
});

describe("alpineShadow", () => {
  it("locks every account but root, one line per passwd line", () => {
    const lines = alpineShadow().split("\n").filter(Boolean);
    expect(lines).toHaveLength(ALPINE_PASSWD.split("\n").filter(Boolean).length);
    expect(lines[0]).toBe("root:*::0:::::");
    expect(lines.slice(1).every((l) => /^[a-z]+:!::0:::::$/.test(l))).toBe(true);
  });
});
