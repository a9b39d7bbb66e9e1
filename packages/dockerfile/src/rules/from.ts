import { replaceVariables } from "@alpinize/image-ref";
import { fromReferenceProblem } from "../from-reference.js";
import { expandReference, globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import type { ArgDefault, Stage, StageModel } from "../stages.js";
import { wholeVariable } from "../stages.js";
import { DEBIAN_TOOLS } from "./debian-tools.js";
import { rewriteImage, VARIABLE_NAME } from "./from-image.js";
import type { Rewritten } from "./from-literal.js";
import { planSharedArgs } from "./from-shared-arg.js";
import { decideImage } from "./images.js";
import { glibcProgramsCopied, warnKeptForCopies, warnMuslIntoKept } from "./keep-glibc.js";
import type { StageInfo } from "./stage-info.js";
import { stageTrees, unconvertibleIn, warnKeptForRuns } from "./unconvertible.js";

/** Rule 1: rewrites FROM images (and the ARG defaults a `FROM ${X}` uses), per stage. */
export function migrateFromLines(ctx: MigrationContext, model: StageModel): StageInfo[] {
  const infos: StageInfo[] = [];
  const doneArgs = new Map<ArgDefault, Rewritten>();
  ctx.globalArgs = model.globalArgs;
  planSharedArgs(ctx, model);
  const partReaders = variablesInPartOfImage(model);
  const trees = stageTrees(model);
  model.stages.forEach((stage, index) => {
    const final = index === model.stages.length - 1;
    if (stage.parent) {
      const parent = infos[stage.parent.index]!;
      infos.push({
        stage,
        family: "inherit",
        alpine: parent.alpine,
        go: parent.go,
        final,
        ...(parent.already ? { already: true } : {}),
      });
      return;
    }
    if (stage.image.toLowerCase() === "scratch") {
      infos.push({ stage, family: "other", alpine: false, go: false, final });
      return;
    }
    // Docker refuses the reference, or alpinize cannot read it: nothing is converted, as check
    // reports it (from-reference) instead of passing or guessing.
    const problem = fromReferenceProblem(
      stage.image,
      expandReference(stage.image, model.globalArgs),
    );
    if (problem) {
      ctx.warn("from", stage.imageStart, `${problem}; the stage is left as is`);
      infos.push({ stage, family: "other", alpine: false, go: false, final });
      return;
    }
    // A RUN that cannot be converted (sh cannot read it, exec form) still runs apt-get or
    // useradd: its stage, and every stage built FROM it, stay where that works.
    const converts = wouldConvert(ctx, stage);
    const blocking = converts ? unconvertibleIn(ctx, trees.get(stage)!) : [];
    if (blocking.length > 0) {
      warnKeptForRuns(ctx, stage, blocking);
      warnMuslIntoKept(ctx, stage, infos);
      infos.push({ stage, family: "other", alpine: false, go: false, final, kept: true });
      return;
    }
    // A stage that runs what a glibc-only stage built stays on its Debian/Ubuntu base.
    const kept = glibcProgramsCopied(stage, infos, ctx.globalArgs);
    if (kept && converts) {
      warnKeptForCopies(ctx, stage, kept);
      warnMuslIntoKept(ctx, stage, infos);
      infos.push({ stage, family: "other", alpine: false, go: false, final, kept: true });
      return;
    }
    const variable = wholeVariable(stage.image);
    if (variable !== undefined) {
      const arg = globalArg(model.globalArgs, variable);
      if (!arg || arg.value === "") {
        // apt-get and friends in the stage say it was built on Debian: convert it, and say
        // that the image now has to come from the build command.
        const debian = stage.body.some(
          (ins) => ins.keyword === "RUN" && DEBIAN_TOOLS.test(ins.args.text),
        );
        ctx.warn(
          "from",
          stage.imageStart,
          debian
            ? `FROM ${stage.image}: ARG ${variable} has no default and the stage runs Debian tools: its RUN lines are converted for Alpine; build with --build-arg ${variable}=alpine:${ctx.release} (or give the ARG that default)`
            : `FROM ${stage.image}: ARG ${variable} has no default; set an Alpine image when you build`,
        );
        infos.push({ stage, family: "other", alpine: debian, go: false, final });
        return;
      }
      if (partReaders.has(variable)) {
        // `FROM ${IMG}` beside `FROM ${IMG}:bookworm`: a whole image in the default would
        // give the other FROM `alpine:3.24:bookworm`, so this FROM gets its image written out.
        const mark = ctx.edits.length;
        const r = rewriteImage(
          ctx,
          arg.value,
          stage.imageStart,
          stage.imageEnd,
          stage.from.start,
          stage,
          infos,
        );
        const after = ctx.edits[mark]?.text;
        if (after !== undefined)
          ctx.warn(
            "from",
            stage.imageStart,
            `${stage.image}: ARG ${variable} is read by another FROM as a part of its image, so it cannot hold this stage's whole image; the base is now ${after}, no longer taken from ARG ${variable}`,
          );
        infos.push({ stage, family: r.alpine ? "converted" : "other", ...r, final });
        return;
      }
      const known =
        doneArgs.get(arg) ??
        rewriteImage(ctx, arg.value, arg.start, arg.end, arg.instruction.start, stage, infos);
      doneArgs.set(arg, known);
      infos.push({ stage, family: known.alpine ? "converted" : "other", ...known, final });
      return;
    }
    const r = rewriteImage(
      ctx,
      stage.image,
      stage.imageStart,
      stage.imageEnd,
      stage.from.start,
      stage,
      infos,
    );
    infos.push({ stage, family: r.alpine ? "converted" : "other", ...r, final });
  });
  unshareKeptArgs(ctx, infos);
  return infos;
}

/**
 * A global ARG that a kept stage's FROM reads must keep its Debian default: a rewrite of it for
 * another stage would move the kept stage too. The other stages get their Alpine image written
 * out instead.
 */
function unshareKeptArgs(ctx: MigrationContext, infos: StageInfo[]): void {
  for (const kept of infos.filter((i) => i.kept)) {
    for (const m of kept.stage.image.matchAll(/\$\{?(\w+)/g)) {
      const name = m[1]!;
      const arg = globalArg(ctx.globalArgs, name);
      if (!arg) continue;
      const at = ctx.edits.findIndex((e) => e.start === arg.start && e.end === arg.end);
      if (at < 0) continue;
      ctx.edits.splice(at, 1);
      const stale = new RegExp(`ARG ${name}\\b.*(?:default is now|rewritten)`);
      for (let k = ctx.warnings.length - 1; k >= 0; k--)
        if (stale.test(ctx.warnings[k]!.message)) ctx.warnings.splice(k, 1);
      const use = new RegExp(`\\$\\{?${name}\\b\\}?`, "g");
      for (const other of infos) {
        if (other.kept || !other.alpine || other.already || other.family === "inherit") continue;
        if (!use.test(other.stage.image)) continue;
        use.lastIndex = 0;
        const written = other.stage.image.replace(use, arg.value);
        const after = written.includes("$") ? undefined : decideImage(written, ctx.release).after;
        if (after === undefined) {
          ctx.warn(
            "from",
            other.stage.imageStart,
            `${other.stage.image}: ARG ${name} is read by a stage that stays on glibc, so its default stays; give this stage an Alpine image`,
          );
          continue;
        }
        ctx.edit("from", other.stage.imageStart, other.stage.imageEnd, after);
        ctx.warn(
          "from",
          other.stage.imageStart,
          `${other.stage.image}: ARG ${name} is read by a stage that stays on glibc, so its default stays; the base is now ${after}, no longer taken from ARG ${name}`,
        );
      }
    }
  }
}

/** Variables a FROM reads as a part of its image (`${IMG}:bookworm`), not as the whole of it. */
function variablesInPartOfImage(model: StageModel): Set<string> {
  const out = new Set<string>();
  for (const stage of model.stages) {
    if (stage.parent || wholeVariable(stage.image) !== undefined) continue;
    for (const m of stage.image.matchAll(/\$\{?([A-Za-z_]\w*)/g)) out.add(m[1]!);
  }
  return out;
}

/** Whether the stage's image (or the default of the ARG that names it) would move to Alpine. */
function wouldConvert(ctx: MigrationContext, stage: Stage): boolean {
  const variable = wholeVariable(stage.image);
  const image = variable === undefined ? stage.image : globalArg(ctx.globalArgs, variable)?.value;
  if (image === undefined || image === "") return false;
  const probe = replaceVariables(image, VARIABLE_NAME, () => "bookworm");
  return decideImage(probe, ctx.release).family === "converted";
}
