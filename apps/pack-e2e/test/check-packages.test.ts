import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, toolEnv } from "../src/run.js";
import { repoRoot } from "../src/workspace.js";

// `pnpm check-packages` must fail on the mistakes it exists for. Each case is a small package
// folder written here and checked with `--dir`, through the real publint and attw.

const scratch = mkdtempSync(join(tmpdir(), "alpinize-check-packages-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function goodManifest(name: string): Record<string, unknown> {
  return {
    name: `@alpinize/${name}`,
    version: "1.0.0",
    description: "A fixture package for the check-packages test.",
    license: "MIT",
    repository: { type: "git", url: "git+https://example.invalid/x.git", directory: name },
    keywords: ["fixture"],
    type: "module",
    engines: { node: ">=22" },
    sideEffects: false,
    exports: {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
    },
    files: ["dist"],
    publishConfig: { access: "public" },
  };
}

function writePackage(
  name: string,
  edit: (manifest: Record<string, unknown>) => void = () => {},
  files: Record<string, string> = {},
): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "dist"), { recursive: true });
  const manifest = goodManifest(name);
  edit(manifest);
  const all: Record<string, string> = {
    "package.json": `${JSON.stringify(manifest, null, 2)}\n`,
    LICENSE: "MIT License\n",
    "README.md": "# fixture\n",
    "dist/index.js": "export const answer = 42;\n",
    "dist/index.d.ts": "export declare const answer: number;\n",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    if (text !== "") writeFileSync(join(dir, file), text);
  }
  return dir;
}

function check(dir: string) {
  return run(process.execPath, [join(repoRoot, "scripts", "check-packages.mjs"), "--dir", dir], {
    cwd: repoRoot,
    env: toolEnv(),
  });
}

describe("check-packages", () => {
  it("passes a complete ESM package", async () => {
    const res = await check(writePackage("fixture-good"));
    expect(res.stdout).toMatch(/^ok {5}@alpinize\/fixture-good \(publint, attw ok\)/m);
    expect(res.code, res.stdout).toBe(0);
  });

  it("fails when the types import a file the tarball lacks (attw)", async () => {
    const dir = writePackage("fixture-dts-chunk", () => {}, {
      // What a d.ts chunk left out of "files" looks like to a consumer.
      "dist/index.d.ts": 'export { answer } from "./types-chunk.js";\n',
    });
    const res = await check(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/FAILED @alpinize\/fixture-dts-chunk \(publint, attw FAILED\)/);
    expect(res.stdout).toMatch(/node16 \(from ESM\): .*Internal resolution error/);
    expect(res.stdout).not.toContain("publint:");
  });

  it("fails when the declared types file is missing (publint)", async () => {
    const res = await check(writePackage("fixture-no-types", () => {}, { "dist/index.d.ts": "" }));
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /publint:[\s\S]*types is \.\/dist\/index\.d\.ts but the file does not exist/,
    );
  });

  it("fails when an exported file is missing (publint)", async () => {
    const res = await check(writePackage("fixture-no-js", () => {}, { "dist/index.js": "" }));
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/publint:[\s\S]*dist\/index\.js/);
  });

  it("fails on missing publishing metadata, naming each field", async () => {
    const dir = writePackage("fixture-bare", (m) => {
      delete m.sideEffects;
      delete m.engines;
      delete m.publishConfig;
      m.exports = {
        ".": { default: "./dist/index.js", types: "./dist/index.d.ts" },
        "./package.json": "./package.json",
      };
    });
    const res = await check(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("sideEffects missing");
    expect(res.stdout).toContain("engines.node missing");
    expect(res.stdout).toContain("publishConfig.access is not public");
    expect(res.stdout).toContain('exports["."]: "types" must come first');
  });

  it("fails when Node's import cannot resolve an export (a require-only entry)", async () => {
    const dir = writePackage("fixture-require-only", (m) => {
      m.exports = {
        ".": { types: "./dist/index.d.ts", require: "./dist/index.js" },
        "./package.json": "./package.json",
      };
    });
    const res = await check(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('exports["."]: `import` resolves to nothing');
  });

  it("fails when require() cannot resolve an export (an import-only entry)", async () => {
    const dir = writePackage("fixture-import-only", (m) => {
      m.exports = {
        ".": { types: "./dist/index.d.ts", import: "./dist/index.js" },
        "./package.json": "./package.json",
      };
    });
    const res = await check(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('exports["."]: `require` resolves to nothing');
  });

  it("fails when the library export has no types at all", async () => {
    const dir = writePackage(
      "fixture-untyped",
      (m) => {
        m.exports = { ".": "./dist/index.js", "./package.json": "./package.json" };
      },
      { "dist/index.d.ts": "" },
    );
    const res = await check(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('exports["."] has no types');
  });

  it("accepts a string export with its .d.ts beside the JS", async () => {
    const dir = writePackage("fixture-string-export", (m) => {
      m.exports = { ".": "./dist/index.js", "./package.json": "./package.json" };
    });
    const res = await check(dir);
    expect(res.code, res.stdout).toBe(0);
  });

  it("exits 2 when a --dir folder has no package.json", async () => {
    const res = await check(join(scratch, "no-such-package"));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("no package.json in");
  });

  it("rejects an unknown option with exit 2", async () => {
    const res = await run(
      process.execPath,
      [join(repoRoot, "scripts", "check-packages.mjs"), "-x"],
      {
        cwd: repoRoot,
        env: toolEnv(),
      },
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown option -x");
  });
});
