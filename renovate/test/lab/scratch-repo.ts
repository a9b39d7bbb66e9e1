import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { run } from "./run.js";

async function git(repo: string, args: string[]): Promise<string> {
  const result = await run("git", args, { cwd: repo });
  if (result.code !== 0) {
    throw new Error(`git ${args.join(" ")} failed in ${repo}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else files.push(rel);
  }
  return files;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`fixture placeholder ${whole} has no value`);
    return value;
  });
}

/**
 * A git repository (Renovate's local platform reads the file list from git) holding the fixture
 * files with their `{{KEY}}` placeholders filled, plus a renovate.json with these `extends`.
 */
export async function createScratchRepo(
  repo: string,
  fixtureDir: string,
  vars: Record<string, string>,
  extendsList: string[],
): Promise<void> {
  await mkdir(repo, { recursive: true });
  await cp(fixtureDir, repo, { recursive: true });
  for (const file of await listFiles(repo)) {
    const path = join(repo, file);
    await writeFile(path, fill(await readFile(path, "utf8"), vars));
  }
  const config = {
    $schema: "https://docs.renovatebot.com/renovate-schema.json",
    extends: extendsList,
  };
  await writeFile(join(repo, "renovate.json"), `${JSON.stringify(config, null, 2)}\n`);
  await git(repo, ["init", "-q", "-b", "main"]);
  // Identity for this repository only; nothing global is touched.
  await git(repo, ["config", "user.name", "alpinize renovate test"]);
  await git(repo, ["config", "user.email", "renovate-test@alpinize.invalid"]);
  await git(repo, ["add", "-A"]);
  await git(repo, ["commit", "-q", "-m", "scratch repository"]);
}

/** Rewrites one committed file (as a merged pull request would) and commits it. */
export async function commitEdit(
  repo: string,
  file: string,
  edit: (text: string) => string,
  message: string,
): Promise<void> {
  const path = join(repo, file);
  await mkdir(dirname(path), { recursive: true });
  const before = await readFile(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`commitEdit: ${file} did not change`);
  await writeFile(path, after);
  await git(repo, ["commit", "-q", "-am", message]);
}

/** Commits every change in the scratch repository. */
export async function commitAll(repo: string, message: string): Promise<void> {
  await git(repo, ["commit", "-q", "-am", message]);
}
