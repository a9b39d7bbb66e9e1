import type { MigrationContext } from "../migrate/context.js";
import type { Stage } from "../stages.js";
import { buildpackVariant } from "./buildpack.js";
import type { BuildpackVariant } from "./buildpack-variant.js";
import { copiesOnlyStaticGo } from "./go-static.js";
import { decideImage, familiarRepository, splitReference } from "./images.js";
import { warnNewerAlpine } from "./newer-alpine.js";
import { noteFloatingTag } from "./pin-release.js";
import type { ReferenceTarget } from "./reference-target.js";
import { followRenovateComment } from "./renovate.js";
import type { StageInfo } from "./stage-info.js";

export interface Rewritten {
  alpine: boolean;
  go: boolean;
  buildpack?: BuildpackVariant;
  buildpackVia?: string;
  /** The image was Alpine-based before migration (nothing Debian to make up for). */
  already?: boolean;
  /** A .NET image moved to an -alpine tag without ICU and tzdata (see ImageDecision). */
  invariantGlobalization?: boolean;
  /**
   * The image's note that its full Debian tag had a C toolchain the -alpine tag lacks, and where
   * it goes: given by the stage rules (native-toolchain.ts), which may add build-base instead.
   */
  toolchainNote?: { at: number; text: string };
}

/** The reference at `[start, end)` is replaced as a whole. */
export function wholeTarget(
  ctx: MigrationContext,
  written: string,
  start: number,
  end: number,
): ReferenceTarget {
  return {
    written,
    write: (after) => {
      ctx.edit("from", start, end, after);
      return after;
    },
  };
}

/**
 * Decides a reference with no variables left (`reference`) and writes its Alpine image through
 * `target`, with the warnings and notes the image calls for.
 */
export function rewriteLiteral(
  ctx: MigrationContext,
  reference: string,
  target: ReferenceTarget,
  at: { start: number; instructionStart: number },
  stage: Stage,
  earlier: readonly StageInfo[],
): Rewritten {
  const { start } = at;
  const repo = familiarRepository(splitReference(reference).name);
  const go = repo === "golang";
  const d = decideImage(reference, ctx.release);
  if (d.family === "alpine") warnNewerAlpine(ctx, reference, start);
  const quiet =
    d.quietWhen?.test(ctx.text) || (d.distroless === true && copiesOnlyStaticGo(stage, earlier));
  if (d.warning && !quiet) ctx.warn("from", start, d.warning);
  else if (d.noVariant) ctx.warn("from", start, d.noVariant);
  if (d.after !== undefined && d.after !== reference) {
    const mark = { edits: ctx.edits.length, warnings: ctx.warnings.length };
    const now = target.write(d.after);
    if (now === undefined) {
      ctx.warn(
        "from",
        start,
        `${target.written} resolves to ${reference}, a Debian-family image, and alpinize cannot rewrite it in place: change the base to ${d.after} by hand; until then the stage stays on ${reference}, so its RUN lines are left for Debian (apk on a Debian base cannot build)`,
      );
      // The base stays Debian: converted RUN lines would run apk there.
      return { alpine: false, go };
    }
    const image = {
      line: ctx.line(start),
      ...(stage.alias !== undefined ? { stage: stage.alias } : {}),
      before: target.written,
      after: now,
      needsPin: d.needsPin,
    };
    ctx.images.push(image);
    const made = ctx.edits.slice(mark.edits);
    const said = ctx.warnings.slice(mark.warnings);
    noteFloatingTag(ctx, made[0]?.start ?? start, d.after, (pinned) => {
      // Written again from scratch: a variable's piece and its warning name the pinned tag.
      removeAll(ctx.edits, made);
      removeAll(ctx.warnings, said);
      const again = target.write(pinned);
      if (again === undefined) return undefined;
      const was = image.after;
      image.after = again;
      return [was, again];
    });
    if (d.needsPin) {
      ctx.warn(
        "from",
        start,
        `digest dropped from ${target.written}; pin ${d.after} again (alpinize pin)`,
      );
    }
    if (d.repository !== repo) followRenovateComment(ctx, at.instructionStart, repo, d.repository);
  }
  const buildpack =
    d.after === undefined
      ? undefined
      : repo === "buildpack-deps"
        ? buildpackVariant(reference)
        : d.onBuildpack;
  return {
    alpine: d.family !== "other",
    go,
    ...(buildpack ? { buildpack } : {}),
    ...(buildpack && repo !== "buildpack-deps" ? { buildpackVia: reference } : {}),
    ...(d.family === "alpine" ? { already: true } : {}),
    ...(d.after !== undefined && d.invariantGlobalization ? { invariantGlobalization: true } : {}),
    ...(d.note ? { toolchainNote: { at: start, text: d.note } } : {}),
  };
}

/** Takes the given items out of `list` (by identity). */
function removeAll<T>(list: T[], items: readonly T[]): void {
  const drop = new Set(items);
  for (let k = list.length - 1; k >= 0; k--) if (drop.has(list[k]!)) list.splice(k, 1);
}
