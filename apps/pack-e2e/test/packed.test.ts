import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmInstall, writeConsumerManifest } from "../src/consumer.js";
import { npxCommand, type RunResult, run, toolEnv } from "../src/run.js";
import {
  isLibrary,
  type Manifest,
  pnpmPack,
  publishablePackages,
  repoRoot,
  tarballContents,
  type WorkspacePackage,
} from "../src/workspace.js";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const packages = publishablePackages();
const libraries = packages.filter(isLibrary);
const cliPackage = packages.find((p) => p.name === "alpinize");
const workspaceBin = join(repoRoot, "apps", "cli", "dist", "bin.js");

let work: string;
let consumer: string;
const tarballs = new Map<string, string>();
const packed = new Map<string, { files: string[]; manifest: Manifest }>();

function npx(args: string[]): Promise<RunResult> {
  const cmd = npxCommand();
  return run(cmd.command, [...cmd.prefix, ...args], { cwd: consumer, env: toolEnv() });
}

/** The same command through the workspace's own build, for a like-for-like comparison. */
function workspaceCli(args: string[]): Promise<RunResult> {
  return run(process.execPath, [workspaceBin, ...args], { cwd: consumer, env: toolEnv() });
}

function notBuilt(pkg: WorkspacePackage): boolean {
  return !existsSync(join(pkg.dir, "dist"));
}

beforeAll(async () => {
  const missing = packages.filter(notBuilt).map((p) => p.name);
  if (missing.length > 0) {
    throw new Error(
      `not built: ${missing.join(", ")}. Run: pnpm turbo run test --filter=@alpinize/pack-e2e (builds them first)`,
    );
  }
  work = mkdtempSync(join(tmpdir(), "alpinize-pack-e2e-"));
  const dest = join(work, "tarballs");
  consumer = join(work, "consumer");
  mkdirSync(dest);
  mkdirSync(consumer);
  for (const pkg of packages) {
    const tarball = await pnpmPack(pkg, dest);
    tarballs.set(pkg.name, tarball);
    packed.set(pkg.name, await tarballContents(tarball));
  }
  writeConsumerManifest(consumer, tarballs);
  cpSync(join(fixtures, "consumer"), consumer, { recursive: true });
  cpSync(join(fixtures, "Dockerfile.debian"), join(consumer, "Dockerfile"));
  cpSync(join(fixtures, "trivy-report.json"), join(consumer, "trivy-report.json"));
  const install = await npmInstall(consumer);
  if (install.code !== 0) {
    throw new Error(`npm install of the tarballs failed (${install.code}):\n${install.stderr}`);
  }
});

afterAll(() => {
  if (work && !process.env.ALPINIZE_KEEP_E2E) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarballs", () => {
  it("cover the CLI and the libraries", () => {
    expect(cliPackage, "apps/cli must be publishable").toBeDefined();
    expect(libraries.length).toBeGreaterThanOrEqual(7);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s: rewritten ranges, built files, license",
    (name, pkg) => {
      const content = packed.get(name)!;
      const ranges = {
        ...content.manifest.dependencies,
        ...(content.manifest.peerDependencies as Record<string, string> | undefined),
      };
      for (const [dep, range] of Object.entries(ranges)) {
        expect(range, `${name} → ${dep}`).not.toMatch(/^workspace:/);
      }
      expect(content.files).toContain("package.json");
      expect(content.files).toContain("LICENSE");
      expect(content.files.some((f) => f.startsWith("dist/"))).toBe(true);
      // Sources, tests and configs stay in the repository.
      expect(content.files.filter((f) => /^src\/|\.test\.|tsconfig|tsup\.config/.test(f))).toEqual(
        [],
      );
      for (const target of exportTargets(pkg.manifest)) {
        expect(content.files, `${name} exports ${target}`).toContain(target.replace(/^\.\//, ""));
      }
    },
  );

  it("were installed from the tarballs, not from the registry", () => {
    const lock = JSON.parse(readFileSync(join(consumer, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>;
    };
    for (const pkg of packages) {
      const entry = lock.packages[`node_modules/${pkg.name}`];
      expect(entry?.resolved, pkg.name).toMatch(/^file:.*\.tgz$/);
    }
  });
});

describe("npx alpinize from the tarballs", () => {
  it("--version prints the CLI's version", async () => {
    const res = await npx(["alpinize", "--version"]);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(cliPackage!.manifest.version);
  });

  it("--help lists the commands", async () => {
    const res = await npx(["alpinize", "--help"]);
    expect(res.code).toBe(0);
    for (const command of ["migrate", "check", "gate", "packages", "resolve", "pin", "shims"]) {
      expect(res.stdout).toMatch(new RegExp(`^ {2}${command} `, "m"));
    }
  });

  it("migrate prints a diff that moves the Dockerfile to Alpine", async () => {
    const res = await npx(["alpinize", "migrate", "Dockerfile"]);
    expect(res.stderr).not.toMatch(/not implemented/i);
    expect([0, 1], res.stderr).toContain(res.code);
    expect(res.stdout).toMatch(/^-FROM debian:bookworm-slim/m);
    expect(res.stdout).toMatch(/^\+FROM alpine:\d+\.\d+/m);
    expect(res.stdout).toMatch(/^\+.*apk add --no-cache/m);
    // The packed CLI behaves exactly like the workspace build: nothing it needs (data files,
    // chunks) was left out of the tarballs.
    const same = await workspaceCli(["migrate", "Dockerfile"]);
    expect(res.stdout).toBe(same.stdout);
  });

  it("migrate --check exits 1, --write fixes the file, --check then exits 0", async () => {
    const file = join("write", "Dockerfile");
    mkdirSync(join(consumer, "write"), { recursive: true });
    cpSync(join(fixtures, "Dockerfile.debian"), join(consumer, file));
    const before = await npx(["alpinize", "migrate", "--check", file]);
    expect(before.code, before.stderr).toBe(1);
    const write = await npx(["alpinize", "migrate", "--write", file]);
    expect(write.code, write.stderr).toBe(0);
    const text = readFileSync(join(consumer, file), "utf8");
    expect(text).toMatch(/^FROM alpine:/m);
    expect(text).not.toMatch(/apt-get/);
    const after = await npx(["alpinize", "migrate", "--check", file]);
    expect(after.code, after.stdout + after.stderr).toBe(0);
  });

  it.each([
    ["packages", "map", "libssl-dev", "python3-pip", "--json"],
    ["shims", "print"],
    ["check", "Dockerfile"],
    ["gate", "trivy-report.json", "--format", "markdown"],
  ])("%s %s gives the same output as the workspace build", async (...args) => {
    const res = await npx(["alpinize", ...args]);
    const same = await workspaceCli(args);
    expect(res.stderr).not.toMatch(/not implemented/i);
    expect(res.code, res.stderr).toBe(same.code);
    expect(res.stdout).toBe(same.stdout);
    expect(res.stdout.length).toBeGreaterThan(0);
  });
});

describe("the GitHub Action with the packed CLI", () => {
  it("runs check and gate through node_modules/.bin/alpinize and writes the summary", async () => {
    const summary = join(work, "step-summary.md");
    writeFileSync(summary, "");
    const res = await run(process.execPath, [join(repoRoot, "apps", "action", "src", "run.mjs")], {
      cwd: consumer,
      env: toolEnv({
        INPUT_PATHS: "Dockerfile",
        INPUT_REPORT: "trivy-report.json",
        INPUT_SEVERITY: "HIGH,CRITICAL",
        INPUT_FAIL_ON_FINDINGS: "true",
        INPUT_CLI: join(consumer, "node_modules", ".bin", "alpinize"),
        GITHUB_STEP_SUMMARY: summary,
      }),
    });
    expect(res.code, res.stdout + res.stderr).toBe(1);
    const text = readFileSync(summary, "utf8");
    expect(text).toContain("## alpinize check: ❌ findings");
    expect(text).toContain("CVE-2026-40001");
    expect(res.stdout).toMatch(/^::error file=Dockerfile,line=\d+::/m);
  });
});

describe("the libraries from a fresh project", () => {
  it("import from plain ESM with runtime exports and ./package.json", async () => {
    const names = libraries.map((l) => l.name);
    const res = await run(process.execPath, ["exports.mjs", ...names], {
      cwd: consumer,
      env: toolEnv(),
    });
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as Record<
      string,
      { exports?: string[]; version?: string; error?: string }
    >;
    const problems = libraries.flatMap((lib) => {
      const entry = out[lib.name];
      if (entry?.error) return [`${lib.name}: ${entry.error}`];
      if (entry?.version !== lib.manifest.version) return [`${lib.name}: wrong ./package.json`];
      return entry.exports?.length ? [] : [`${lib.name}: no runtime export`];
    });
    expect(problems).toEqual([]);
  });

  it("require() from CommonJS loads every library (docs/releasing.md promises it)", async () => {
    const names = libraries.map((l) => l.name);
    const res = await run(process.execPath, ["require.cjs", ...names], {
      cwd: consumer,
      env: toolEnv(),
    });
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as Record<string, { exports?: string[]; error?: string }>;
    const problems = libraries.flatMap((lib) => {
      const entry = out[lib.name];
      if (entry?.error) return [`${lib.name}: ${entry.error}`];
      return entry?.exports?.length ? [] : [`${lib.name}: no runtime export`];
    });
    expect(problems).toEqual([]);
  });

  it("each library answers one real call (TypeScript consumer run by node)", async () => {
    const res = await run(process.execPath, ["index.ts"], { cwd: consumer, env: toolEnv() });
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out).sort()).toEqual(libraries.map((l) => l.name).sort());
    expect(out["@alpinize/errors"]).toMatchObject({ isAlpinizeError: true, exitCode: 2 });
    expect(out["@alpinize/image-ref"]).toMatchObject({
      registry: "ghcr.io",
      repository: "owner/app",
      tag: "1.2",
      canonical: "docker.io/library/alpine:3.23",
    });
    expect(out["@alpinize/busybox"]).toEqual({ option: "-P", package: "grep" });
    expect(out["@alpinize/bounded-read"]).toEqual({
      small: { status: "too-large", read: 0 },
      whole: true,
    });
    expect(out["@alpinize/digest"]).toEqual({ platform: "linux/amd64" });
    expect(out["@alpinize/dockerfile"]?.changed).toBe(true);
    expect(out["@alpinize/dockerfile"]?.output).toMatch(/^FROM alpine:\d+\.\d+/m);
    expect(out["@alpinize/dockerfile"]?.output).toMatch(/apk add --no-cache curl/);
    // The shim library and the package data are files beside dist/: they must be in the tarball.
    expect(out["@alpinize/entrypoint"]).toMatchObject({ missing: [] });
    expect(out["@alpinize/package-map"]).toMatchObject({ busyboxExists: true });
    expect(out["@alpinize/package-map"]?.alpine).toContain("openssl-dev");
    expect(out["@alpinize/repo"]).toEqual({ containerfile: true, readme: false });
    expect(out["@alpinize/trivy-gate"]).toEqual({
      passed: false,
      blocking: 1,
      markdownNamesCve: true,
    });
  });

  it.each(["nodenext", "bundler"])(
    "type-check a TypeScript consumer with moduleResolution %s",
    async (mode) => {
      const tsc = join(consumer, "node_modules", "typescript", "bin", "tsc");
      const res = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], {
        cwd: consumer,
        env: toolEnv(),
      });
      expect(res.stdout + res.stderr).toBe("");
      expect(res.code).toBe(0);
    },
  );
});

/** Files the exports map and bin point at ("./dist/index.js", …), without patterns. */
function exportTargets(manifest: Manifest): string[] {
  const targets = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (!value.includes("*")) targets.add(value);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(walk);
    }
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return [...targets];
}
