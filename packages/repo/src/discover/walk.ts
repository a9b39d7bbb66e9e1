import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "@alpinize/errors";
import { unreadableRoot } from "../workspace/unreadable-dir.js";
import { holdsDockerfile } from "./dockerfile-text.js";
import { ALWAYS_SKIPPED, IgnoreStack } from "./ignore-rules.js";
import { classifyPath, type FileKind, isAmbiguousDockerfileName } from "./kinds.js";

export interface DiscoveredFiles {
  /** POSIX paths relative to the root, sorted. */
  dockerfiles: string[];
  compose: string[];
  workflows: string[];
  /**
   * Symbolic links named like a Dockerfile, never followed: the caller says they were not read
   * (a link may point outside the tree, or nowhere).
   */
  links: string[];
  /**
   * FIFOs, sockets and devices named like a Dockerfile, never opened (reading a FIFO waits for a
   * writer): the caller says they were not read, as for links.
   */
  special: string[];
  /** Files and directories skipped because .gitignore (or .git/info/exclude) ignores them. */
  ignored: string[];
  /** Directories that could not be listed (no permission): what they hold was not looked at. */
  unreadable: UnreadableDirectory[];
  /**
   * The ignore files the walk read (`.gitignore` at every level, `.git/info/exclude`), by
   * absolute path: inputs of the run, which `--report` must not name.
   */
  ignoreFiles: string[];
}

export interface UnreadableDirectory {
  /** POSIX path relative to the root, with a trailing `/`. */
  path: string;
  /** The system's error code (`EACCES`). */
  code: string;
}

export interface DiscoverOptions {
  /** Stop with an error past this many directory entries (bounds work on huge trees). */
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 200_000;

/**
 * Walks `root` for Dockerfiles, compose files and CI workflows, honouring .gitignore files at
 * every level and `.git/info/exclude`, never entering `.git` or `node_modules`, and never
 * following symbolic links (a link loop cannot hang the walk).
 */
export async function discoverFiles(
  root: string,
  options: DiscoverOptions = {},
): Promise<DiscoveredFiles> {
  const found: DiscoveredFiles = {
    dockerfiles: [],
    compose: [],
    workflows: [],
    links: [],
    special: [],
    ignored: [],
    unreadable: [],
    ignoreFiles: [],
  };
  const limit = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const budget = { left: limit, limit };
  const rules = await IgnoreStack.forRoot(root);
  // The same array the stacks fill as the walk enters folders.
  found.ignoreFiles = rules.read;
  await walk(root, "", rules, found, budget);
  for (const list of [
    found.dockerfiles,
    found.compose,
    found.workflows,
    found.links,
    found.special,
    found.ignored,
  ])
    list.sort();
  return found;
}

async function walk(
  root: string,
  dirRel: string,
  parentRules: IgnoreStack,
  found: DiscoveredFiles,
  budget: { left: number; limit: number },
): Promise<void> {
  const rules = dirRel === "" ? parentRules : await parentRules.enter(root, dirRel);
  const entries = await listDir(root, dirRel, found);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    budget.left--;
    if (budget.left < 0) {
      throw new InputError(
        "ALPINIZE_REPO_TOO_LARGE",
        `${root}: more than ${budget.limit} files and folders, the most alpinize walks (folders .gitignore names, .git and node_modules are not entered)`,
        {
          hint: "Run alpinize on the folder that holds the Dockerfiles, or ignore build output in .gitignore.",
          details: { root, limit: budget.limit },
        },
      );
    }
    const rel = `${dirRel}${entry.name}`;
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      if (rules.ignores(`${rel}/`)) {
        found.ignored.push(`${rel}/`);
        continue;
      }
      await walk(root, `${rel}/`, rules, found, budget);
    } else if (entry.isFile()) {
      const kind = await fileKind(root, rel, entry.name);
      if (kind === undefined) continue;
      if (rules.ignores(rel)) {
        found.ignored.push(rel);
        continue;
      }
      bucket(found, kind).push(rel);
    } else if (classifyPath(rel) === "dockerfile") {
      // A link, or a FIFO, socket or device: listed, never opened; skipping it silently would
      // let the run look complete.
      if (rules.ignores(rel)) found.ignored.push(rel);
      else (entry.isSymbolicLink() ? found.links : found.special).push(rel);
    }
  }
}

/** By name, or, for a name such as `Dockerfile.sh` that could be either, by what it holds. */
async function fileKind(root: string, rel: string, name: string): Promise<FileKind | undefined> {
  const kind = classifyPath(rel);
  if (kind !== undefined || !isAmbiguousDockerfileName(name)) return kind;
  return (await holdsDockerfile(join(root, rel))) ? "dockerfile" : undefined;
}

function bucket(found: DiscoveredFiles, kind: FileKind): string[] {
  if (kind === "dockerfile") return found.dockerfiles;
  if (kind === "compose") return found.compose;
  return found.workflows;
}

async function listDir(root: string, dirRel: string, found: DiscoveredFiles): Promise<Dirent[]> {
  try {
    return await readdir(join(root, dirRel), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A directory that vanished while walking is gone, as git would see it.
    if (code === "ENOENT") return [];
    if (code !== "EACCES" && code !== "EPERM") throw err;
    // The root itself is the input: it cannot be half checked.
    if (dirRel === "") throw unreadableRoot(root, code, err);
    // A Dockerfile may be in there: skipping it silently would let the run look complete.
    found.unreadable.push({ path: dirRel, code });
    return [];
  }
}
