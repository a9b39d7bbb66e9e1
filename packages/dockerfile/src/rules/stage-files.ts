import type { MigrationContext } from "../migrate/context.js";
import type { ContextFileRead } from "../migrate/types.js";
import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { DEFAULT_PATH, pathAfterEnv } from "../search-path.js";
import type { SimpleCommand } from "../shell/script.js";
import { analyzeStages, type Stage } from "../stages.js";
import { commandFolders } from "./command-folders.js";
import { noteOutsideContext } from "./context-links.js";
import { type ImageDir, resolveIn, stageStartDir, unquote, workdirAfter } from "./image-dirs.js";
import { ImageFiles, type Landed, splitGlob } from "./image-files.js";
import { runScripts } from "./run.js";

export interface CopiedFile extends Landed {
  /**
   * The first RUN that executes the file where it lands, and the file offset of that call; `shell`:
   * the shell it was given to (`sh x.sh`), which reads it whatever its `#!` line says.
   */
  run?: { ins: Instruction; offset: number; shell?: string };
  /** ENTRYPOINT or CMD starts it; `shell`: the shell it is given to (`CMD ["sh", "/start.sh"]`). */
  started?: { shell?: string };
}

/**
 * A file a stage starts (ENTRYPOINT/CMD) or a RUN of it runs by its path (not through PATH) that
 * a stage it is built FROM copied (`FROM base` with `CMD ["/app/run.sh"]` under base's
 * `COPY . /app`): `by` starts or runs it (the first RUN that does), `shell` as for `started`.
 */
export interface InheritedStart {
  file: Landed;
  by: Instruction;
  shell?: string;
}

/** PATH folders a bare name is looked up in (an ENV PATH of thousands stays bounded). */
const MAX_PATH = 64;
/** Stages built FROM each other a started program is looked up in (a chain of thousands stays bounded). */
const MAX_ANCESTORS = 64;
const SHELLS = /^(?:ba|da|a)?sh$/;

interface Walk {
  dir: ImageDir;
  path: readonly string[];
  /** Folders a WORKDIR made: a COPY to one of them puts the file inside it. */
  made: Set<string>;
  image: ImageFiles;
  out: CopiedFile[];
  listed: Set<Landed>;
  bySource: Map<string, CopiedFile>;
  programs: { word: string; shell?: string; dir: ImageDir; ins: Instruction }[];
  inherited: InheritedStart[];
  /** Bare names a RUN runs looked up along PATH in the parents' images, for the PATH now. */
  byName: Map<string, Landed | undefined>;
  /** The stage's own COPY/ADD: a file found through one of another stage is listed apart. */
  copies: Set<Instruction>;
  /** A COPY source (named, or a file of a copied folder) the reader refused as a link out. */
  outside: (source: string, ins: Instruction, inFolder: boolean) => void;
}

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
    stage.parent ? lookUpInherited(ctx, stage.parent, read, paths) : undefined;
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

/**
 * The file an ENTRYPOINT/CMD starts, or an exec-form RUN runs (`RUN ["/app/x.sh"]`, looked up
 * where it stands, with the PATH then): one of the stage's own COPYs, else one another stage
 * copied (`COPY --from`, or a stage it is built FROM), listed apart (`InheritedStart`).
 */
function linkProgram(
  w: Walk,
  p: Walk["programs"][number],
  path: readonly string[],
  inParents: (paths: readonly ImageDir[]) => Landed | undefined,
): void {
  const isPath = p.word.includes("/");
  const paths = candidates(p.word, p.dir, path, isPath || p.shell !== undefined, !isPath);
  const hit = firstLanded(w, paths) ?? inParents(paths);
  const shell = p.shell ? { shell: p.shell } : {};
  if (!hit) return;
  if (!w.copies.has(hit.instruction)) listInherited(w, hit, p.ins, p.shell);
  else if (p.ins.keyword === "RUN")
    entryFor(w, hit).run ??= { ins: p.ins, offset: p.ins.start, ...shell };
  else entryFor(w, hit).started ??= shell;
}

/** A file another stage copied that `by` starts or runs: listed once per file and instruction kind. */
function listInherited(w: Walk, file: Landed, by: Instruction, shell: string | undefined): void {
  const run = by.keyword === "RUN";
  if (w.inherited.some((i) => i.file.source === file.source && (i.by.keyword === "RUN") === run))
    return;
  w.inherited.push({ file, by, ...(shell ? { shell } : {}) });
}

/**
 * A program the stage starts from a file a stage it is built FROM copied (`FROM base` with
 * `CMD ["/app/run.sh"]` under base's `COPY . /app`): looked up in their images, nearest first,
 * so that one the reader refused as a link out of the build context is noted at that COPY (the
 * `context` warning). The file found is not added to the stage's own files (the rules that read
 * those would act on the COPY of another stage): the caller lists it apart (`InheritedStart`).
 */
function lookUpInherited(
  ctx: MigrationContext,
  parent: Stage,
  read: (path: string) => ContextFileRead,
  paths: readonly ImageDir[],
): Landed | undefined {
  // Walked from the farthest down, each once: a deep chain is not walked by recursion.
  const walks = lineage(parent)
    .reverse()
    .map((s) => walked(ctx, s, read));
  for (const w of walks.reverse()) {
    const hit = w.image.empty ? undefined : firstLanded(w, paths);
    if (hit) return hit;
  }
  return undefined;
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

/**
 * `COPY --from=STAGE SRC… DEST`: each SRC of that stage's image (a folder's contents, or a file)
 * at DEST, or a file inside DEST when it names a folder.
 */
function copyFromStage(
  w: Walk,
  image: ImageFiles,
  sources: readonly string[],
  dest: string,
  into: boolean,
): void {
  for (const word of sources) {
    if (/[*?[$]/.test(word)) continue;
    const source = resolveIn("/", word)!;
    w.image.fromStage({ image, source, dest });
    const name = source.slice(source.lastIndexOf("/") + 1);
    const inside = into && name !== "" ? resolveIn(dest, name) : undefined;
    if (inside !== undefined) w.image.fromStage({ image, source, dest: inside, exact: true });
  }
}

/** A stage and those it is built FROM, nearest first (a chain of thousands stays bounded). */
function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length < MAX_ANCESTORS; s = s.parent)
    chain.push(s);
  return chain;
}

/** The earlier stage a `--from` names, by `AS` name (any case) or index; not an image. */
function earlierStage(ctx: MigrationContext, name: string, stage: Stage): Stage | undefined {
  const earlier = stagesOf(ctx).slice(0, stage.index);
  const lower = name.toLowerCase();
  return (
    earlier.find((s) => s.alias?.toLowerCase() === lower) ??
    (/^\d+$/.test(name) ? earlier[Number(name)] : undefined)
  );
}

const models = new WeakMap<MigrationContext, Stage[]>();

function stagesOf(ctx: MigrationContext): Stage[] {
  let stages = models.get(ctx);
  if (!stages) {
    stages = analyzeStages(ctx.doc).stages;
    models.set(ctx, stages);
  }
  return stages;
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

/**
 * Links each copied file a command of the RUN executes to its first such RUN; one found by its
 * path in what a parent stage copied (`inherited`) is listed in `w.inherited`, once.
 */
function linkRun(
  ctx: MigrationContext,
  w: Walk,
  ins: Instruction,
  inherited: ((paths: readonly ImageDir[]) => Landed | undefined) | undefined,
): void {
  let sources: ReturnType<typeof runScripts>;
  try {
    sources = runScripts(ctx, ins);
  } catch {
    return;
  }
  for (const src of sources) {
    for (const { cmd, cwd } of commandFolders(src.script, w.dir)) {
      const target = executed(cmd);
      if (!target) continue;
      const isPath = target.word.includes("/");
      const inCwd = isPath || target.shell;
      const hit = firstLanded(w, candidates(target.word, cwd, w.path, inCwd, !isPath));
      const shell = target.shell ? cmd.name?.slice(cmd.name.lastIndexOf("/") + 1) : undefined;
      if (!hit) {
        const found = inCwd
          ? inherited?.(candidates(target.word, cwd, w.path, true, false))
          : inherited && byName(ctx, w, target.word, inherited);
        if (found) listInherited(w, found, ins, shell);
        continue;
      }
      if (!w.copies.has(hit.instruction)) {
        listInherited(w, hit, ins, shell);
        continue;
      }
      const file = entryFor(w, hit);
      const offset = src.span(cmd.start, cmd.start)[0];
      file.run ??= { ins, offset, ...(shell ? { shell } : {}) };
    }
  }
}

/** Bare names looked up along PATH in the parents' images, per migration (each up to 64 x 64 paths). */
const MAX_NAME_LOOKUPS = 1024;
const nameLookups = new WeakMap<MigrationContext, number>();

/**
 * A bare name a RUN runs (`RUN setup.sh`) along PATH in the parents' images: once per name and
 * PATH a stage, and for at most MAX_NAME_LOOKUPS names a migration (bounded work on a long
 * chain of stages each running many names).
 */
function byName(
  ctx: MigrationContext,
  w: Walk,
  word: string,
  inherited: (paths: readonly ImageDir[]) => Landed | undefined,
): Landed | undefined {
  if (w.byName.has(word)) return w.byName.get(word);
  const spent = nameLookups.get(ctx) ?? 0;
  if (spent >= MAX_NAME_LOOKUPS) return undefined;
  nameLookups.set(ctx, spent + 1);
  const found = inherited(candidates(word, undefined, w.path, false, true));
  w.byName.set(word, found);
  return found;
}

/** The file a command executes: its name, or the script a shell is given (`bash -e x.sh`). */
function executed(cmd: SimpleCommand): { word: string; shell: boolean } | undefined {
  const name = cmd.name;
  if (!name) return undefined;
  if (!SHELLS.test(name.slice(name.lastIndexOf("/") + 1))) return { word: name, shell: false };
  const operand = cmd.args.slice(1).find((a) => !(a.value ?? a.raw).startsWith("-"));
  return operand?.value ? { word: operand.value, shell: true } : undefined;
}

/** The image paths `word` may mean, in the order they are tried. */
function candidates(
  word: string,
  cwd: ImageDir,
  path: readonly string[],
  inCwd: boolean,
  inPath: boolean,
): ImageDir[] {
  if (word === "" || /[$`*?[]/.test(word)) return [];
  const out: ImageDir[] = [];
  if (inCwd || word.startsWith("/")) out.push(resolveIn(cwd, word));
  if (inPath) for (const dir of path.slice(0, MAX_PATH)) out.push(resolveIn(dir, word));
  return out;
}

function firstLanded(w: Walk, paths: readonly ImageDir[]): Landed | undefined {
  for (const p of paths) {
    const hit = p === undefined ? undefined : w.image.at(p);
    if (hit) return hit;
  }
  return undefined;
}

/** The entry a landed file is listed by: one per file copied by name, one per source otherwise. */
function entryFor(w: Walk, hit: Landed): CopiedFile {
  if (w.listed.has(hit)) return hit;
  const known = w.bySource.get(hit.source);
  if (known) return known;
  const file: CopiedFile = { ...hit };
  w.out.push(file);
  w.listed.add(file);
  w.bySource.set(hit.source, file);
  return file;
}

/** The program an ENTRYPOINT/CMD starts: its first word, or the script a shell is given. */
function programWord(ins: Instruction): { word: string; shell?: string } | undefined {
  const text = ins.args.text.trim();
  let words: string[];
  if (ins.form === "exec") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return undefined;
      words = parsed.filter((x): x is string => typeof x === "string");
    } catch {
      return undefined;
    }
  } else {
    words = splitWords(text).map((x) => unquote(x.text));
  }
  const [first, second] = words;
  if (
    first &&
    /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a)?sh$/.test(first) &&
    second &&
    !second.startsWith("-")
  )
    return { word: second, shell: first.slice(first.lastIndexOf("/") + 1) };
  return first && !first.includes("$") ? { word: first } : undefined;
}
