import type { MigrationContext } from "../migrate/context.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import type { SimpleCommand } from "../shell/script.js";
import { commandFolders } from "./command-folders.js";
import { type ImageDir, resolveIn, unquote } from "./image-dirs.js";
import type { Landed } from "./image-files.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import { firstLanded, listInherited } from "./stage-inherited.js";
import type { CopiedFile, Walk } from "./stage-walk.js";

/** PATH folders a bare name is looked up in (an ENV PATH of thousands stays bounded). */
const MAX_PATH = 64;
const SHELLS = /^(?:ba|da|a)?sh$/;

/**
 * The file an ENTRYPOINT/CMD starts, or an exec-form RUN runs (`RUN ["/app/x.sh"]`, looked up
 * where it stands, with the PATH then): one of the stage's own COPYs, else one another stage
 * copied (`COPY --from`, or a stage it is built FROM), listed apart (`InheritedStart`).
 */
export function linkProgram(
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

/**
 * Links each copied file a command of the RUN executes to its first such RUN; one found by its
 * path in what a parent stage copied (`inherited`) is listed in `w.inherited`, once.
 */
export function linkRun(
  ctx: MigrationContext,
  w: Walk,
  ins: Instruction,
  inherited: ((paths: readonly ImageDir[]) => Landed | undefined) | undefined,
): void {
  const sources = scriptsUnlessReportedByRun(ctx, ins);
  if (!sources) return;
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
export function programWord(ins: Instruction): { word: string; shell?: string } | undefined {
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
