import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface ScratchRepo {
  root: string;
  write(path: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A temp folder holding `files`; with `git: true` it is a real git repository with them committed. */
export async function scratchRepo(
  files: Record<string, string>,
  options: { git?: boolean } = {},
): Promise<ScratchRepo> {
  const root = await mkdtemp(join(tmpdir(), "alpinize-repo-"));
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) await write(path, text);
  if (options.git) {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: root,
        stdio: "pipe",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.invalid",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.invalid",
        },
      });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "scratch");
  }
  return { root, write, remove: () => rm(root, { recursive: true, force: true }) };
}
