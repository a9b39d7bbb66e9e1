import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { run, toolEnv } from "./run.js";

export const repoRoot = resolve(import.meta.dirname, "..", "..", "..");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** Every non-private package under packages/ and apps/: what `changeset publish` would publish. */
export function publishablePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const parent of ["packages", "apps"]) {
    const base = join(repoRoot, parent);
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const dir = join(base, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, "package.json"))) continue;
      const manifest = readManifest(dir);
      if (manifest.private !== true) found.push({ name: manifest.name, dir, manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Libraries are the publishable packages with a "." export; the CLI has only a bin. */
export function isLibrary(pkg: WorkspacePackage): boolean {
  return pkg.manifest.exports !== undefined && "." in pkg.manifest.exports;
}

/** Packs one package with `pnpm pack` (which rewrites `workspace:` ranges) and returns the .tgz. */
export async function pnpmPack(pkg: WorkspacePackage, dest: string): Promise<string> {
  const res = await run("pnpm", ["pack", "--pack-destination", dest, "--json"], {
    cwd: pkg.dir,
    env: toolEnv(),
  });
  if (res.code !== 0) throw new Error(`pnpm pack failed for ${pkg.name}:\n${res.stderr}`);
  const { filename } = JSON.parse(res.stdout) as { filename: string };
  return filename;
}

/** The file list and package.json inside a tarball, read with tar (no extraction to disk). */
export async function tarballContents(
  tarball: string,
): Promise<{ files: string[]; manifest: Manifest }> {
  const list = await run("tar", ["-tzf", tarball], { cwd: repoRoot });
  const json = await run("tar", ["-xOzf", tarball, "package/package.json"], { cwd: repoRoot });
  if (list.code !== 0 || json.code !== 0) throw new Error(`cannot read ${tarball}: ${list.stderr}`);
  const files = list.stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
  return { files, manifest: JSON.parse(json.stdout) as Manifest };
}
