import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { analyzeStages, type Stage } from "../stages.js";
import { type ImageDir, resolveIn } from "./image-dirs.js";
import type { ImageFiles, Landed } from "./image-files.js";
import type { Walk } from "./stage-walk.js";

/** Stages built FROM each other a started program is looked up in (a chain of thousands stays bounded). */
const MAX_ANCESTORS = 64;

/** A file another stage copied that `by` starts or runs: listed once per file and instruction kind. */
export function listInherited(
  w: Walk,
  file: Landed,
  by: Instruction,
  shell: string | undefined,
): void {
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
 * `walked`: a stage's walk, once per migration (stage-files.ts).
 */
export function lookUpInherited(
  parent: Stage,
  walked: (stage: Stage) => Walk,
  paths: readonly ImageDir[],
): Landed | undefined {
  // Walked from the farthest down, each once: a deep chain is not walked by recursion.
  const walks = lineage(parent)
    .reverse()
    .map((s) => walked(s));
  for (const w of walks.reverse()) {
    const hit = w.image.empty ? undefined : firstLanded(w, paths);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * `COPY --from=STAGE SRC… DEST`: each SRC of that stage's image (a folder's contents, or a file)
 * at DEST, or a file inside DEST when it names a folder.
 */
export function copyFromStage(
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
export function lineage(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length < MAX_ANCESTORS; s = s.parent)
    chain.push(s);
  return chain;
}

/** The earlier stage a `--from` names, by `AS` name (any case) or index; not an image. */
export function earlierStage(ctx: MigrationContext, name: string, stage: Stage): Stage | undefined {
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

export function firstLanded(w: Walk, paths: readonly ImageDir[]): Landed | undefined {
  for (const p of paths) {
    const hit = p === undefined ? undefined : w.image.at(p);
    if (hit) return hit;
  }
  return undefined;
}
