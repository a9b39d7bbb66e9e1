import type { MigrationContext } from "../migrate/context.js";
import type { ContextFileRead } from "../migrate/types.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { DEFAULT_PATH, pathAfterEnv } from "../search-path.js";
import type { Stage } from "../stages.js";
import { noteOutsideContext } from "./context-links.js";
import { type ImageDir, resolveIn, stageStartDir, unquote, workdirAfter } from "./image-dirs.js";
import { ImageFiles, splitGlob } from "./image-files.js";
import { copyFromStage, earlierStage, lineage, lookUpInherited } from "./stage-inherited.js";
import { linkProgram, linkRun, programWord } from "./stage-programs.js";
import type { CopiedFile, InheritedStart, Walk } from "./stage-walk.js";

/**
 * Build-context files a stage COPYs/ADDs (not `--from`): each file it copies by name, and each
 * file inside a copied folder that a RUN executes or ENTRYPOINT/CMD starts (a folder cannot be
 * read as one file, so the image path is mapped back into the context). A file a RUN executes
 * carries that RUN: by its path, relative to WORKDIR or to the RUN's own `cd`, or by its name in
 * a PATH folder, run as the command or as `sh`/`bash FILE`.
 */
export function stageFiles(
  ctx: MigrationContext,
  stage: Stage,
  read: (path: string) => ContextFileRead,
): CopiedFile[] {
  return walked(ctx, stage, read).out;
}

/** The files a stage starts out of what the stages it is built FROM copied (`InheritedStart`). */
export function inheritedStarts(
  ctx: MigrationContext,
  stage: Stage,
  read: (path: string) => ContextFileRead,
): InheritedStart[] {
  return walked(ctx, stage, read).inherited;
}

/** Per migration, each stage's walk by its FROM (stage lists made apart share their instructions). */
const memo = new WeakMap<MigrationContext, WeakMap<Instruction, Walk>>();

/** A stage's walk, once per migration: its files, and its image for the stages built FROM it. */
function walked(
  ctx: MigrationContext,
  stage: Stage,
  read: (path: string) => ContextFileRead,
): Walk {
  let byStage = memo.get(ctx);
  if (!byStage) {
    byStage = new WeakMap();
    memo.set(ctx, byStage);
  }
  let w = byStage.get(stage.from);
  if (!w) {
    w = walk(ctx, stage, read);
    byStage.set(stage.from, w);
  }
  return w;
}

function walk(ctx: MigrationContext, stage: Stage, read: (path: string) => ContextFileRead): Walk {
  const dir = stageStartDir(ctx, stage);
  const made = new Set<string>(dir === undefined ? [] : [dir]);
  const outside = (source: string, ins: Instruction, inFolder: boolean) =>
    noteOutsideContext(ctx, { source, instruction: ins, inFolder });
  const inParents = (paths: readonly ImageDir[]) =>
    stage.parent ? lookUpInherited(stage.parent, (s) => walked(ctx, s, read), paths) : undefined;
  const w: Walk = {
    dir,
    path: DEFAULT_PATH,
    made,
    image: new ImageFiles(read, (source, ins) => outside(source, ins, true)),
    out: [],
    listed: new Set(),
    bySource: new Map(),
    programs: [],
    inherited: [],
    byName: new Map(),
    copies: new Set(),
    outside,
  };
  for (const ins of stage.body) {
    if (ins.keyword === "WORKDIR") {
      w.dir = workdirAfter(w.dir, ins);
      if (w.dir !== undefined) w.made.add(w.dir);
    } else if (ins.keyword === "ENV") {
      const path = pathAfterEnv(ins, w.path);
      if (path !== w.path) w.byName.clear();
      w.path = path;
    } else if (ins.keyword === "COPY" || ins.keyword === "ADD") copy(ctx, w, ins, read, stage);
    else if (ins.keyword === "RUN" && ins.form === "exec") {
      const word = programWord(ins);
      if (word) linkProgram(w, { ...word, dir: w.dir, ins }, w.path, inParents);
    } else if (ins.keyword === "RUN" && (!w.image.empty || stage.parent))
      linkRun(ctx, w, ins, stage.parent && inParents);
    else if (ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") {
      const word = programWord(ins);
      if (word) w.programs.push({ ...word, dir: w.dir, ins });
    }
  }
  // A container starts after every COPY, with the stage's last PATH.
  for (const p of w.programs) linkProgram(w, p, w.path, inParents);
  return w;
}

function copy(
  ctx: MigrationContext,
  w: Walk,
  ins: Instruction,
  read: (path: string) => ContextFileRead,
  stage: Stage,
): void {
  const { flags, rest } = splitFlags(ins.args.text);
  if (ins.heredocs.length > 0) return;
  const words = splitWords(ins.args.text.slice(rest)).map((x) => unquote(x.text));
  const destWord = words.at(-1) ?? "";
  const dest = destWord.includes("$") ? undefined : resolveIn(w.dir, destWord);
  const sources = words.slice(0, -1);
  // `COPY a b /opt/`, `COPY x .`, `COPY x /app` after WORKDIR /app: into the folder.
  const into =
    sources.length > 1 ||
    /(?:^|\/)\.{0,2}$/.test(destWord) ||
    (dest !== undefined && w.made.has(dest));
  const from = flags.get("from");
  if (from !== undefined) {
    const source = dest === undefined ? undefined : earlierStage(ctx, from, stage);
    if (source) {
      // The stage's image holds what the stages it is built FROM copied too (`FROM a AS b`):
      // theirs first, farthest first, so its own (copied later) is looked at first.
      for (const s of lineage(source).reverse())
        copyFromStage(w, walked(ctx, s, read).image, sources, dest!, into);
    }
    return;
  }
  w.copies.add(ins);
  for (const source of sources) {
    if (/^https?:|^\[/.test(source)) continue;
    const content = /[*?$]/.test(source) ? undefined : read(source);
    if (typeof content === "string") {
      const file: CopiedFile = { source, content, instruction: ins };
      w.out.push(file);
      w.listed.add(file);
      if (!w.bySource.has(source)) w.bySource.set(source, file);
      if (dest !== undefined) landFile(w, dest, into, file);
    } else if (content !== undefined) w.outside(source, ins, false);
    else if (dest !== undefined && !source.includes("$")) copyFolder(w, ins, source, dest);
  }
}

/**
 * Where a copied file lands: inside `dest` when it names a folder; otherwise at `dest` itself, or
 * inside it when the image has that folder already (`COPY x.sh /tmp`), which a RUN naming
 * `/tmp/x.sh` shows it has.
 */
function landFile(w: Walk, dest: string, into: boolean, file: CopiedFile): void {
  const name = file.source.slice(file.source.lastIndexOf("/") + 1);
  if (!into) w.image.file(dest, file);
  if (name !== "" && name !== "." && name !== "..") {
    const inside = resolveIn(dest, name);
    if (inside !== undefined) w.image.file(inside, file);
  }
}

function copyFolder(w: Walk, ins: Instruction, source: string, dest: string): void {
  const glob = splitGlob(source);
  if (!glob) {
    if (!/[*?[\\]/.test(source)) w.image.folder({ source, dest, instruction: ins });
    return;
  }
  // A glob of names in one folder (`scripts/*.sh`): the files go straight into dest.
  const [, folder = ".", names] = glob;
  if (/[*?[\\]/.test(folder) || /[[\\]/.test(names)) return;
  w.image.folder({ source: folder, dest, instruction: ins, names });
}
