import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";

/** Directories never walked, whatever .gitignore says. */
export const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);
/** A .gitignore larger than this is not a hand-written one; read only its start. */
const MAX_IGNORE_BYTES = 1024 * 1024;

interface Level {
  /** Directory of the ignore file, relative to the root ("" for the root), with a trailing "/". */
  base: string;
  rules: Ignore;
}

/**
 * Git's ignore rules as a stack of per-directory levels: deeper files are consulted last so a
 * nested `!pattern` can re-include what a parent ignored, as git does.
 */
export class IgnoreStack {
  private constructor(private readonly levels: Level[]) {}

  /** Root level: `.git/info/exclude`, then the root `.gitignore`. */
  static async forRoot(root: string): Promise<IgnoreStack> {
    const rules = ignore({ ignorecase: false });
    const exclude = await readSmall(join(root, ".git", "info", "exclude"));
    if (exclude !== undefined) rules.add(exclude);
    const own = await readSmall(join(root, ".gitignore"));
    if (own !== undefined) rules.add(own);
    return new IgnoreStack([{ base: "", rules }]);
  }

  /** The stack for the directory `dirRel` ("a/b/"), adding its own `.gitignore` if it has one. */
  async enter(root: string, dirRel: string): Promise<IgnoreStack> {
    const text = await readSmall(join(root, dirRel, ".gitignore"));
    if (text === undefined) return this;
    return new IgnoreStack([
      ...this.levels,
      { base: dirRel, rules: ignore({ ignorecase: false }).add(text) },
    ]);
  }

  /** `rel` is relative to the root; directories are passed with a trailing "/". */
  ignores(rel: string): boolean {
    let ignored = false;
    for (const level of this.levels) {
      if (!rel.startsWith(level.base)) continue;
      const result = level.rules.test(rel.slice(level.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

async function readSmall(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, "utf8");
    return text.length > MAX_IGNORE_BYTES ? text.slice(0, MAX_IGNORE_BYTES) : text;
  } catch {
    return undefined;
  }
}
