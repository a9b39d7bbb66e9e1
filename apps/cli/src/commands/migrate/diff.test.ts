import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../test-support/temp-dir.js";
import { unifiedDiff } from "./diff.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "bin.js");
const hasPatch = spawnSync("patch", ["--version"]).status === 0;
const hasGit = spawnSync("git", ["--version"]).status === 0;

const tmp = useTempDir("alpinize-diff-");

/** The built CLI, run in the temp dir so the diff names files as given (a/big.sh). */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp.dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 256 * 1024 * 1024,
    ...bounded(),
  });
  finished(r, `alpinize ${args.join(" ")}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Applies `diff` to dir/name with patch(1), or git apply, and returns the patched text. */
function apply(name: string, diff: string): string {
  const r = hasPatch
    ? spawnSync("patch", ["-s", "--no-backup-if-mismatch", name], { cwd: tmp.dir, input: diff })
    : spawnSync("git", ["apply", "--unidiff-zero", "-"], { cwd: tmp.dir, input: diff });
  expect(r.status, r.stderr?.toString()).toBe(0);
  return readFileSync(join(tmp.dir, name), "utf8");
}

function roundTrip(before: string, after: string): string {
  writeFileSync(join(tmp.dir, "f"), before);
  const diff = unifiedDiff(before, after, "f");
  expect(apply("f", diff)).toBe(after);
  return diff;
}

const changedLines = (diff: string, sign: "+" | "-") =>
  diff.split("\n").filter((l) => l.startsWith(sign) && !l.startsWith(sign.repeat(3))).length;

function groupadds(n: number): string {
  const lines = ["#!/bin/sh"];
  for (let i = 0; i < n; i++) lines.push(`groupadd -g ${1000 + i} g${i}`);
  return `${lines.join("\n")}\n`;
}

function dockerfile(lines: number): string {
  const out = ["FROM debian:bookworm-slim"];
  for (let i = 0; out.length < lines; i++)
    out.push(
      "RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*",
      `ENV STEP_${i}=${i}`,
      `RUN groupadd -g ${2000 + i} grp${i} && useradd -u ${2000 + i} -g grp${i} usr${i}`,
      `# step ${i}`,
    );
  return `${out.slice(0, lines).join("\n")}\n`;
}

describe.skipIf(!hasPatch && !hasGit)(
  "unifiedDiff on large changes (applied by patch or git apply)",
  () => {
    /** The CLI's diff of NAME, applied with patch, must give what --write writes to a copy. */
    function diffGivesWrite(cmd: string, name: string, text: string): string {
      writeFileSync(join(tmp.dir, name), text);
      writeFileSync(join(tmp.dir, `${name}.w`), text);
      const shown = cli(cmd, name);
      expect(shown.stdout.startsWith(`--- a/${name}\n+++ b/${name}\n@@ `)).toBe(true);
      const written = cli(cmd, `${name}.w`, "--write");
      expect(written.code, written.stderr).toBe(0);
      const expected = readFileSync(join(tmp.dir, `${name}.w`), "utf8");
      expect(expected).not.toBe(text);
      expect(apply(name, shown.stdout)).toBe(expected);
      return shown.stdout;
    }

    it("alpinize entrypoint on a 30,000-line groupadd script prints a diff that gives --write's text", () => {
      const diff = diffGivesWrite("entrypoint", "big.sh", groupadds(30_000));
      expect(diff).toContain("+alpinize_ensure_group g29999 30999");
    });

    it("alpinize migrate on a 4,000-line Dockerfile prints a diff that gives --write's text", () => {
      const diff = diffGivesWrite("migrate", "Dockerfile", dockerfile(4000));
      expect(diff).toContain("+RUN apk add --no-cache curl ca-certificates");
      // Unchanged lines (ENV, comments) stay context: the diff is not one block of everything.
      expect(changedLines(diff, "-")).toBeLessThan(2100);
    });

    it("past the edit bound, shared unique lines still anchor the diff and each gap is exact", () => {
      const a: string[] = [];
      const b: string[] = [];
      for (let i = 0; i < 3000; i++) {
        a.push(`old ${i}`, `keep ${i}`, "dup");
        b.push(`new ${i}`, `keep ${i}`, i % 7 === 0 ? "dup\ndup" : "dup");
      }
      const diff = roundTrip(`${a.join("\n")}\n`, `${b.join("\n")}\n`);
      // 3,000 replaced lines and 429 added "dup"s; the 3,000 "keep" lines are context.
      expect([changedLines(diff, "-"), changedLines(diff, "+")]).toEqual([3000, 3429]);
    });

    it("a change with no shared line is one delete+insert block, missing final newlines kept", () => {
      const a = Array.from({ length: 2500 }, (_, i) => `a${i}`).join("\n");
      const b = Array.from({ length: 2600 }, (_, i) => `b${i}`).join("\n");
      const diff = roundTrip(`x\n${a}\ny`, `x\n${b}\ny\n`);
      expect(diff.split("\n").filter((l) => l.startsWith("@@"))).toEqual(["@@ -1,2502 +1,2602 @@"]);
      expect(diff).toContain("-a2499\n-y\n\\ No newline at end of file\n+b0\n");
      expect(diff.endsWith("+b2599\n+y\n")).toBe(true);
    });

    it("random heavy edits beyond the bound still round-trip exactly", () => {
      let r = 7;
      const rand = () => {
        r = (r * 1103515245 + 12345) % 2147483648;
        return r / 2147483648;
      };
      const words = ["fi", "done", "", "}", "esac", "then"];
      const pick = () =>
        rand() < 0.5 ? words[Math.floor(rand() * words.length)]! : `l${Math.floor(rand() * 1e6)}`;
      const a = Array.from({ length: 6000 }, pick);
      const b = a.flatMap((l) => (rand() < 0.4 ? [] : rand() < 0.4 ? [pick(), l] : [l]));
      roundTrip(`${a.join("\n")}\n`, `${b.join("\n")}\n`);
    });
  },
);

describe("unifiedDiff on ordinary changes", () => {
  it("keeps Myers' choice of which copy of a repeated line changed", () => {
    // Stripping the common suffix first would print "+x\n x"; ordinary diffs stay as before.
    expect(unifiedDiff("x\n", "x\nx\n", "f")).toBe("--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n x\n+x\n");
  });

  it.skipIf(!hasPatch && !hasGit)(
    "round-trips a small edit in a long file with 3 lines of context",
    () => {
      const a = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
      const b = a.map((l, i) => (i === 2500 ? "changed" : l));
      const diff = roundTrip(`${a.join("\n")}\n`, `${b.join("\n")}\n`);
      expect(diff).toBe(
        "--- a/f\n+++ b/f\n@@ -2498,7 +2498,7 @@\n line 2497\n line 2498\n line 2499\n-line 2500\n+changed\n line 2501\n line 2502\n line 2503\n",
      );
    },
  );
});

describe.skipIf(!hasPatch && !hasGit)("CRLF files", () => {
  it("keeps the CR of each line, so the diff applies to the CRLF file", () => {
    const before = "FROM debian:12\r\nRUN apt-get install -y curl\r\n# keep\r\n";
    const after = "FROM alpine:3.23\r\nRUN apk add --no-cache curl\r\n# keep\r\n";
    const diff = roundTrip(before, after);
    expect(diff).toContain("+FROM alpine:3.23\r\n");
  });
});
