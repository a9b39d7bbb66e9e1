import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, toolEnv } from "../src/run.js";
import { repoRoot } from "../src/workspace.js";

// `changeset version` on a copy of the repository's manifests and pending changesets, in a scratch
// git repository: the real tree is never versioned by a test.

interface Changeset {
  file: string;
  bumps: Map<string, "major" | "minor" | "patch">;
  summary: string;
}

const TEST_CHANGESET = "pack-e2e-release-flow.md";
let scratch: string;
let changesets: Changeset[];
let versionRun: { code: number; stdout: string; stderr: string };

/** Workspace package folders (relative), from the globs in pnpm-workspace.yaml. */
function workspaceDirs(): string[] {
  const yaml = readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8");
  const globs = [...yaml.matchAll(/^\s*-\s*["']?([^"'\s]+)["']?\s*$/gm)].map((m) => m[1]!);
  return globs.flatMap((glob) => {
    if (!glob.endsWith("/*")) return existsSync(join(repoRoot, glob, "package.json")) ? [glob] : [];
    const parent = glob.slice(0, -2);
    return readdirSync(join(repoRoot, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(repoRoot, dir, "package.json")));
  });
}

function parseChangeset(file: string, text: string): Changeset {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) {
    throw new Error(
      `${file}: no "---" frontmatter block naming packages; a Markdown formatter may have turned it into a heading. Restore it as ---, "package": bump lines, ---.`,
    );
  }
  const bumps = new Map<string, "major" | "minor" | "patch">();
  for (const line of match[1]!.split(/\r?\n/)) {
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (entry) bumps.set(entry[1]!, entry[2] as "major" | "minor" | "patch");
  }
  if (bumps.size === 0) throw new Error(`${file}: the frontmatter names no package`);
  return { file, bumps, summary: match[2]!.trim() };
}

function bumped(version: string, kind: "major" | "minor" | "patch"): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (kind === "major") return `${major + 1}.0.0`;
  if (kind === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function git(args: string[]) {
  return run(
    "git",
    ["-c", "user.name=release-test", "-c", "user.email=release@test.invalid", ...args],
    {
      cwd: scratch,
      env: toolEnv(),
    },
  );
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "alpinize-release-"));
  for (const file of ["package.json", "pnpm-workspace.yaml"]) {
    cpSync(join(repoRoot, file), join(scratch, file));
  }
  for (const dir of workspaceDirs()) {
    mkdirSync(join(scratch, dir), { recursive: true });
    cpSync(join(repoRoot, dir, "package.json"), join(scratch, dir, "package.json"));
  }
  cpSync(join(repoRoot, ".changeset"), join(scratch, ".changeset"), { recursive: true });
  // One changeset of the test's own, so the flow is exercised even when none is pending.
  writeFileSync(
    join(scratch, ".changeset", TEST_CHANGESET),
    '---\n"@alpinize/errors": patch\n---\n\nRelease-flow test entry: errors keep their codes.\n',
  );
  changesets = readdirSync(join(scratch, ".changeset"))
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .map((f) => parseChangeset(f, readFileSync(join(scratch, ".changeset", f), "utf8")));
  expect((await git(["init", "-q", "-b", "main"])).code).toBe(0);
  expect((await git(["add", "-A"])).code).toBe(0);
  expect((await git(["commit", "-q", "-m", "release test"])).code).toBe(0);
  const bin = join(dirname(rootPackageFile("@changesets/cli/package.json")), "bin.js");
  versionRun = await run(process.execPath, [bin, "version"], { cwd: scratch, env: toolEnv() });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The workspace's own @changesets/cli (a root devDependency). */
function rootPackageFile(id: string): string {
  const file = join(repoRoot, "node_modules", id);
  if (!existsSync(file)) throw new Error(`${id} is not installed at the repository root`);
  return file;
}

function manifestOf(name: string): { dir: string; version: string; private: boolean } {
  for (const dir of workspaceDirs()) {
    const pkg = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as {
      name: string;
      version: string;
      private?: boolean;
    };
    if (pkg.name === name) return { dir, version: pkg.version, private: pkg.private === true };
  }
  throw new Error(`a changeset names ${name}, which is no workspace package`);
}

/** Changesets 3 versions public packages only: a changeset naming only private ones stays. */
const isPublic = (name: string) => !manifestOf(name).private;

describe("changeset version on a copy of the repository", () => {
  it("runs cleanly and consumes every changeset that names a public package", () => {
    expect(versionRun.code, versionRun.stdout + versionRun.stderr).toBe(0);
    const left = readdirSync(join(scratch, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    const privateOnly = changesets
      .filter((c) => ![...c.bumps.keys()].some(isPublic))
      .map((c) => c.file);
    expect(left.sort()).toEqual(privateOnly.sort());
  });

  it("writes each changeset's text into the CHANGELOG.md of each package it names", () => {
    const missing: string[] = [];
    for (const changeset of changesets) {
      const firstLine = changeset.summary.split("\n")[0]!;
      for (const name of [...changeset.bumps.keys()].filter(isPublic)) {
        const { dir } = manifestOf(name);
        const changelog = join(scratch, dir, "CHANGELOG.md");
        const text = existsSync(changelog) ? readFileSync(changelog, "utf8") : "";
        if (!text.startsWith(`# ${name}`) || !text.includes(firstLine)) {
          missing.push(`${changeset.file} → ${dir}/CHANGELOG.md`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("bumps each named package by its highest requested bump", () => {
    const highest = new Map<string, "major" | "minor" | "patch">();
    const rank = { patch: 0, minor: 1, major: 2 };
    for (const { bumps } of changesets) {
      for (const [name, kind] of [...bumps].filter(([n]) => isPublic(n))) {
        const seen = highest.get(name);
        if (!seen || rank[kind] > rank[seen]) highest.set(name, kind);
      }
    }
    for (const [name, kind] of highest) {
      const { dir, version } = manifestOf(name);
      const after = JSON.parse(readFileSync(join(scratch, dir, "package.json"), "utf8")) as {
        version: string;
      };
      expect(after.version, name).toBe(bumped(version, kind));
    }
  });

  it("leaves workspace: ranges for pnpm pack to rewrite at publish time", () => {
    const cli = readFileSync(join(scratch, "apps", "cli", "package.json"), "utf8");
    expect(cli).toMatch(/"@alpinize\/errors": "workspace:/);
  });
});
