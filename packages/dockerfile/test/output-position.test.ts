import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusPath } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import type { Edit } from "../src/edits.js";
import { outputOffsetMapper } from "../src/migrate/output-position.js";
import { migrate } from "./helpers.js";

describe("warning positions in the output", () => {
  it("points past lines the migration inserted above the warned text", () => {
    const input = [
      "FROM buildpack-deps:bookworm",
      "RUN apt-get update && apt-get install -y curl=7.88.1-10",
      "RUN wget -q https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz",
      "",
    ].join("\n");
    const r = migrate(input);
    const out = r.output.split("\n");
    const glibc = r.warnings.find((w) => w.rule === "glibc");
    expect(glibc).toBeDefined();
    expect(glibc!.line).toBe(3);
    // A line (the preinstalled tools buildpack-deps shipped) is added under FROM.
    expect(glibc!.outputLine).toBeGreaterThan(3);
    expect(out[glibc!.outputLine - 1]).toMatch(/^RUN wget/);
    expect(out[glibc!.outputLine - 1]!.slice(glibc!.outputColumn - 1)).toBe(
      input.split("\n")[2]!.slice(glibc!.column - 1),
    );
  });

  it("keeps the input position when nothing before it changed", () => {
    const input =
      "FROM alpine:3.23\nRUN curl -fsSL https://x.example/tool-linux-gnu.tar.gz | tar xz\n";
    const r = migrate(input);
    for (const w of r.warnings) {
      expect([w.outputLine, w.outputColumn]).toEqual([w.line, w.column]);
    }
  });

  it("lands a warning on removed text at the start of what replaced it", () => {
    const map = outputOffsetMapper([
      { rule: "apt", start: 10, end: 20, text: "abc" },
      { rule: "from", start: 30, end: 30, text: "12345" },
    ]);
    expect(map(5)).toBe(5);
    expect(map(15)).toBe(10);
    expect(map(20)).toBe(13);
    expect(map(30)).toBe(28);
    expect(map(31)).toBe(29);
  });

  it("maps like a walk through every edit, for insertions, deletions and shared starts", () => {
    // A small deterministic generator: non-overlapping edits, zero-width ones among them, some
    // at the end or start of another.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 100; round++) {
      const edits: Edit[] = [];
      for (let pos = next(3); pos < 120; pos += next(6)) {
        const end = next(3) === 0 ? pos : pos + 1 + next(5);
        edits.push({ rule: "apt", start: pos, end, text: "x".repeat(next(7)) });
        pos = end;
      }
      // Given in any order: the mapper sorts.
      edits.sort(() => next(3) - 1);
      const map = outputOffsetMapper(edits);
      for (let offset = 0; offset <= 130; offset++) expect(map(offset)).toBe(walk(edits, offset));
    }
  });

  it("maps every corpus warning outside an edit to the same text in the output", () => {
    const root = corpusPath("pairs");
    let dirs: string[];
    try {
      dirs = readdirSync(root);
    } catch {
      return; // The shared corpus sits beside the repository; a bare clone has none.
    }
    let checked = 0;
    for (const dir of dirs) {
      const file = join(root, dir, "debian.Dockerfile");
      if (!existsSync(file)) continue;
      const input = readFileSync(file, "utf8");
      const r = migrate(input, { release: "3.24" });
      const outLines = r.output.split("\n");
      for (const w of r.warnings) {
        if (r.edits.some((e) => e.start <= w.offset && w.offset < e.end)) continue;
        // The text from the warned offset up to the next edit (or the line end) is unchanged.
        const next = Math.min(...r.edits.filter((e) => e.start > w.offset).map((e) => e.start));
        const inRest = input.slice(w.offset, next).split("\n")[0]!;
        const outRest = outLines[w.outputLine - 1]!.slice(w.outputColumn - 1);
        expect(outRest.slice(0, inRest.length)).toBe(inRest);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

/** The mapping spelled out: every edit before the offset in turn. */
function walk(edits: readonly Edit[], offset: number): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (e.start > offset) break;
    if (e.end > offset) return e.start + delta;
    delta += e.text.length - (e.end - e.start);
  }
  return offset + delta;
}
