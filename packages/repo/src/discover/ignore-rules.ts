import { stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { readBounded } from "@alpinize/bounded-read";
import { InputError } from "@alpinize/errors";
import ignore, { type Ignore } from "ignore";
import { fileType, NOT_REGULAR } from "../workspace/files.js";

/** Directories never walked, whatever .gitignore says. */
export const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);
/** A .gitignore larger than this is not a hand-written one; read only its start. */
const MAX_IGNORE_BYTES = 1024 * 1024;

interface Level {
  /** Directory of the ignore file, relative to the root ("" for the root), with a trailing "/". */
  base: string;
  /** For ignore files above the root: the root's path relative to their folder, with "/". */
  prefix: string;
  rules: Ignore;
}

/** How far up a walk looks for the repository's top (the folder holding `.git`). */
const MAX_PARENTS = 64;

/**
 * Git's ignore rules as a stack of per-directory levels: deeper files are consulted last so a
 * nested `!pattern` can re-include what a parent ignored, as git does.
 */
export class IgnoreStack {
  private constructor(
    private readonly levels: Level[],
    /** Every ignore file read so far, by absolute path (shared by the stacks of one walk). */
    readonly read: string[],
  ) {}

  /**
   * The levels that apply at `root`: when `root` is inside a git repository, the repository's
   * `.git/info/exclude` and every `.gitignore` from its top down to `root`, as git applies them.
   */
  static async forRoot(root: string): Promise<IgnoreStack> {
    const top = await findRepositoryTop(root);
    const levels: Level[] = [];
    const read: string[] = [];
    if (top !== undefined) {
      const exclude = await readSmall(join(top, ".git", "info", "exclude"), read);
      if (exclude !== undefined) levels.push(aboveLevel(top, root, exclude));
      let dir = top;
      for (const part of relative(top, root).split(sep).filter(Boolean)) {
        const text = await readSmall(join(dir, ".gitignore"), read);
        if (text !== undefined) levels.push(aboveLevel(dir, root, text));
        dir = join(dir, part);
      }
    }
    const own = await readSmall(join(root, ".gitignore"), read);
    if (own !== undefined)
      levels.push({ base: "", prefix: "", rules: ignore({ ignorecase: false }).add(own) });
    return new IgnoreStack(levels, read);
  }

  /** The stack for the directory `dirRel` ("a/b/"), adding its own `.gitignore` if it has one. */
  async enter(root: string, dirRel: string): Promise<IgnoreStack> {
    const text = await readSmall(join(root, dirRel, ".gitignore"), this.read);
    if (text === undefined) return this;
    return new IgnoreStack(
      [
        ...this.levels,
        { base: dirRel, prefix: "", rules: ignore({ ignorecase: false }).add(text) },
      ],
      this.read,
    );
  }

  /** `rel` is relative to the root; directories are passed with a trailing "/". */
  ignores(rel: string): boolean {
    let ignored = false;
    for (const level of this.levels) {
      if (!rel.startsWith(level.base)) continue;
      const result = level.rules.test(level.prefix + rel.slice(level.base.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

function aboveLevel(dir: string, root: string, text: string): Level {
  const prefix = relative(dir, root).split(sep).join("/");
  return {
    base: "",
    prefix: prefix === "" ? "" : `${prefix}/`,
    rules: ignore({ ignorecase: false }).add(text),
  };
}

/** The nearest folder at or above `start` that holds `.git` (a folder, or a worktree's file). */
async function findRepositoryTop(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (let i = 0; i < MAX_PARENTS; i++) {
    if (await exists(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The start of an ignore file, recorded in `read`; undefined when there is none to read (absent,
 * a folder, unreadable, as git takes them). A FIFO, socket or device is exit 2, never read: it
 * could block or never end, and skipping it would check files the user excluded.
 */
async function readSmall(path: string, read: string[]): Promise<string | undefined> {
  let got: Awaited<ReturnType<typeof readBounded>>;
  try {
    got = await readBounded(path, MAX_IGNORE_BYTES, { head: true });
  } catch {
    return undefined;
  }
  if (got.status === "special") throw notRegularIgnoreFile(path, got.info);
  if (got.status !== "ok") return undefined;
  read.push(path);
  return got.bytes.toString("utf8");
}

function notRegularIgnoreFile(path: string, info: Parameters<typeof fileType>[0]): InputError {
  return new InputError(
    NOT_REGULAR,
    `${path}: ${fileType(info)}, not a regular file; alpinize does not open it, and cannot tell which files it excludes`,
    {
      hint: "Replace it with a regular file (or remove it), then run alpinize again.",
      details: { file: path },
    },
  );
}
