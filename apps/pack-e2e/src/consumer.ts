import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npmCommand, type RunResult, run, toolEnv } from "./run.js";
import { repoRoot } from "./workspace.js";

/** Versions the consumer's type-check uses: the same TypeScript and Node types as the workspace. */
export function toolVersions(): { typescript: string; typesNode: string } {
  const read = (name: string) =>
    (
      JSON.parse(readFileSync(join(repoRoot, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  return { typescript: read("typescript"), typesNode: read("@types/node") };
}

/**
 * Writes a fresh npm project that depends on the tarballs only. Every alpinize name is also an
 * override, so a dependency between two alpinize packages resolves to the packed tarball and
 * never to whatever the public registry holds under that name.
 */
export function writeConsumerManifest(dir: string, tarballs: Map<string, string>): void {
  const deps: Record<string, string> = {};
  for (const [name, file] of tarballs) deps[name] = `file:${file}`;
  const { typescript, typesNode } = toolVersions();
  const manifest = {
    name: "alpinize-consumer",
    version: "1.0.0",
    private: true,
    type: "module",
    dependencies: deps,
    devDependencies: { typescript, "@types/node": typesNode },
    overrides: deps,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `npm install` as a user runs it, but from npm's cache first (`--prefer-offline`) and without
 * install scripts: only third-party packages have any, and the test is about ours.
 */
export function npmInstall(dir: string): Promise<RunResult> {
  const npm = npmCommand();
  return run(
    npm.command,
    [
      ...npm.prefix,
      "install",
      "--prefer-offline",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: dir, env: toolEnv(), timeoutMs: 540_000 },
  );
}
