import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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

  it("maps every corpus warning outside an edit to the same text in the output", () => {
    const root = join(__dirname, "../../../../shared/corpus/pairs");
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
