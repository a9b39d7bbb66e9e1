import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusSkipReason, sharedCorpusDir } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { scanShell } from "../src/shell/scan.js";

// No false positives on real scripts: every shell script of the repository and of the shared
// corpus, and every shell-like string in the repository's tests, that dash or bash accepts must
// scan without a syntax error. The scanner is only asked; a shell runs only where it reports one.
const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, "../../..");
const CORPUS = sharedCorpusDir();
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);
const SHEBANG = /^#!\s*\S*\/(env\s+)?(sh|bash|dash|ash)\b/;
const SHELLS = ["dash", "bash"].filter((s) => spawnSync(s, ["-c", ":"]).status === 0);

function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory() && !SKIP_DIRS.has(name)) walk(path, keep, out);
    else if (stat?.isFile() && stat.size < 1_000_000 && keep(path)) out.push(path);
  }
  return out;
}

const isScript = (path: string) =>
  path.endsWith(".sh") || SHEBANG.test(readFileSync(path, "utf8").slice(0, 100));

/**
 * Whether some shell accepts the text; undefined when no shell is installed to ask. An error
 * inside a here-document body is dash's alone to judge: bash -n does not read bodies (bash
 * parses their `$( )` only when it expands them, which heredoc-grammar.test.ts runs).
 */
function someShellAccepts(text: string, inBody: boolean): boolean | undefined {
  const shells = inBody ? SHELLS.filter((s) => s === "dash") : SHELLS;
  if (shells.length === 0) return undefined;
  return shells.some((s) => spawnSync(s, ["-n", "-c", text]).status === 0);
}

/** The scripts reported as broken although dash or bash parses them. */
function falsePositives(texts: Array<[name: string, text: string]>): string[] {
  return texts
    .map(([name, text]) => ({ name, text, scan: scanShell(text) }))
    .filter(({ scan }) => scan.syntax !== undefined)
    .filter(({ text, scan }) => {
      const at = scan.syntax!.offset;
      const inBody = scan.inert.some(([a, b]) => a <= at && at < b);
      return someShellAccepts(text, inBody) !== false;
    })
    .map(({ name, scan }) => `${name}: ${scan.syntax?.message}`);
}

const read = (paths: string[], root: string): Array<[string, string]> =>
  paths.map((p) => [relative(root, p), readFileSync(p, "utf8")]);

/** Double-quoted string literals of the test files that look like shell code. */
function testStrings(): Array<[string, string]> {
  const files = [
    ...walk(join(REPO, "packages"), (p) => p.endsWith(".test.ts")),
    ...walk(join(REPO, "apps"), (p) => p.endsWith(".test.ts")),
  ];
  const out: Array<[string, string]> = [];
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
      const text = parseLiteral(m[1]!);
      const shellLike =
        text?.includes("\n") || /(^|\s)(if|fi|do|done|case|esac)(\s|;|$)/.test(text ?? "");
      if (text !== undefined && shellLike && !text.includes("\0")) {
        out.push([`${relative(REPO, file)}: ${JSON.stringify(text).slice(0, 60)}`, text]);
      }
    }
  }
  return out;
}

function parseLiteral(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

describe.skipIf(SHELLS.length === 0)("no syntax error on scripts a shell accepts", () => {
  it("in the repository's own scripts and fixtures", () => {
    const scripts = walk(REPO, isScript);
    expect(scripts.length).toBeGreaterThan(5);
    expect(falsePositives(read(scripts, REPO))).toEqual([]);
  });

  const skipped = corpusSkipReason(CORPUS);
  it.skipIf(skipped !== undefined)(
    `in the shared corpus${skipped ? ` (skipped: ${skipped})` : ""}`,
    () => {
      const scripts = walk(CORPUS, isScript);
      expect(scripts.length).toBeGreaterThan(10);
      expect(falsePositives(read(scripts, CORPUS))).toEqual([]);
    },
  );

  it("in the shell code the repository's tests feed to alpinize", () => {
    const strings = testStrings();
    expect(strings.length).toBeGreaterThan(100);
    expect(falsePositives(strings)).toEqual([]);
  });
});
