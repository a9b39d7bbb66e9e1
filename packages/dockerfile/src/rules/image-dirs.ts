import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import { baseRepository } from "./base-image.js";

/**
 * A folder in the image as a stage's instructions see it: absolute (`/app`), relative to the
 * WORKDIR the base image leaves set, which the Dockerfile does not show (`""` is that folder,
 * `scripts` a folder in it), or undefined when a variable, `~` or a `..` above that folder hides
 * it. Two relative paths of one stage chain name the same place whatever the base's WORKDIR is.
 */
export type ImageDir = string | undefined;

/** Official images whose WORKDIR is `/` (they set none). */
const ROOT_WORKDIR = new Set(["debian", "ubuntu"]);

/**
 * `path` (absolute or relative) resolved in `dir`, `.` and `..` folded as the kernel does. `dir`
 * is itself a result of this function: only a `..` makes it split (a deep WORKDIR chain asks
 * this for every command).
 */
export function resolveIn(dir: ImageDir, path: string): ImageDir {
  const absolute = path.startsWith("/");
  if (!absolute && dir === undefined) return undefined;
  const base = absolute ? "/" : dir!;
  const rooted = base.startsWith("/");
  const names = path.split("/").filter((p) => p !== "" && p !== ".");
  if (!names.includes("..")) {
    if (names.length === 0) return base;
    return base === "/" || base === "" ? `${base}${names.join("/")}` : `${base}/${names.join("/")}`;
  }
  const out = base.split("/").filter((p) => p !== "");
  for (const p of names) {
    if (p !== "..") out.push(p);
    else if (out.length > 0) out.pop();
    // Above the base image's WORKDIR: somewhere the file does not show.
    else if (!rooted) return undefined;
  }
  return rooted ? `/${out.join("/")}` : out.join("/");
}

/** A word of WORKDIR, COPY or ADD without the quotes around it. */
export function unquote(word: string): string {
  return word.replace(/^["']|["']$/g, "");
}

/** The folder after a WORKDIR instruction; a variable in it makes the folder unknown. */
export function workdirAfter(dir: ImageDir, ins: Instruction): ImageDir {
  const value = unquote(ins.args.text.trim());
  if (value === "") return dir;
  return value.includes("$") ? undefined : resolveIn(dir, value);
}

/**
 * The folder `cd ARGS` goes to from `cwd`: a literal target only (no variable, `~`, `-` or
 * glob; `cd` alone goes to $HOME), as CDPATH is unset in a build.
 */
export function cdTarget(cwd: ImageDir, args: readonly (string | undefined)[]): ImageDir {
  let i = 0;
  while (i < args.length && /^-[LPe@]+$/.test(args[i] ?? "")) i++;
  if (args[i] === "--") i++;
  const dir = args[i];
  if (dir === undefined || dir === "" || dir === "-" || /^~|[$`*?[]/.test(dir)) return undefined;
  return resolveIn(cwd, dir);
}

const ends = new WeakMap<Stage, ImageDir>();

/** The WORKDIR a stage starts in: its parent stage's last one, or its base image's. */
export function stageStartDir(ctx: MigrationContext, stage: Stage): ImageDir {
  if (!stage.parent) return ROOT_WORKDIR.has(baseRepository(ctx, stage) ?? "") ? "/" : "";
  // Walked once per chain (a chain of thousands of stages asks for each of them).
  const path: Stage[] = [];
  let s: Stage | undefined = stage.parent;
  while (s && !ends.has(s)) {
    path.push(s);
    s = s.parent;
  }
  let dir = s ? ends.get(s) : undefined;
  for (const p of path.reverse()) {
    if (!p.parent) dir = stageStartDir(ctx, p);
    for (const ins of p.body) if (ins.keyword === "WORKDIR") dir = workdirAfter(dir, ins);
    ends.set(p, dir);
  }
  return dir;
}
