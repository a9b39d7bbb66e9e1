import { replaceVariables } from "@alpinize/image-ref";
import type { MigrationContext } from "../migrate/context.js";
import type { Stage } from "../stages.js";
import { type Rewritten, rewriteLiteral, wholeTarget } from "./from-literal.js";
import { resolvedTarget, resolveReference } from "./from-resolve.js";
import { variableInName } from "./from-segments.js";
import { sharedArgsOf } from "./from-shared-arg.js";
import { credentialsNote, decideImage, familiarRepository, splitReference } from "./images.js";
import { noteFloatingTag } from "./pin-release.js";
import type { StageInfo } from "./stage-info.js";
import { dropDebianVariables, rewriteTagArg } from "./tag-variables.js";

/** After `$`: a variable's name (`\$\{[^}]*\}|\$[A-Za-z_]\w*` with replaceVariables). */
export const VARIABLE_NAME = /[A-Za-z_]\w*/y;

export function rewriteImage(
  ctx: MigrationContext,
  written: string,
  start: number,
  end: number,
  instructionStart: number,
  stage: Stage,
  earlier: readonly StageInfo[],
): Rewritten {
  // Docker refuses the reference. A literal one is judged by decideImage, which says so; the
  // variable branches below would quote it in their messages, password and all.
  const credentials = written.includes("$") ? credentialsNote(written) : undefined;
  if (credentials) {
    ctx.warn("from", start, credentials);
    return { alpine: false, go: false };
  }
  // `${REGISTRY}/library/debian:12`, `$MIRROR/python:3.12-slim`: a registry (or mirror path)
  // from a variable in front of a literal image: the image is decided and rewritten on its own.
  const prefixed = /^(\$\{[^}]+\}|\$\w+)\/([^$:@]+(?:[:@].*)?)$/.exec(written);
  if (prefixed) {
    const offset = prefixed[1]!.length + 1;
    const before = ctx.edits.length;
    const r = rewriteImage(
      ctx,
      prefixed[2]!,
      start + offset,
      end,
      instructionStart,
      stage,
      earlier,
    );
    if (ctx.edits.length > before) {
      ctx.warnOnce(
        `registry:${prefixed[1]}`,
        "from",
        start,
        `${prefixed[1]} supplies the registry of this image: make sure the registry it names serves the Alpine image too`,
      );
    }
    return r;
  }
  // `${IMG:-debian}:bookworm`: a variable picks the image itself; judged by what it resolves to
  // when that is an image alpinize knows (else the warnings below name it as written).
  const resolved = variableInName(written)
    ? resolveReference(written, start, ctx.globalArgs)
    : undefined;
  if (resolved && decideImage(resolved.text, ctx.release).family !== "other") {
    const target = resolvedTarget(ctx, written, resolved, start, sharedArgsOf(ctx));
    const at = { start, instructionStart };
    return rewriteLiteral(ctx, resolved.text, target, at, stage, earlier);
  }
  const vars: string[] = [];
  if (/^[^$:@]+:.*\$/.test(written)) {
    const colon = written.indexOf(":");
    const image = written.slice(0, colon);
    // `python:${TAG}` with `ARG TAG=3.12-slim-bookworm`: the ARG's default is rewritten.
    const viaArg = rewriteTagArg(ctx, image, written.slice(colon + 1), ctx.globalArgs, start);
    if (viaArg) {
      const go = familiarRepository(image) === "golang";
      if (viaArg.kind === "literal") {
        const why =
          viaArg.why === "image"
            ? `ARG ${viaArg.arg} chose the Debian release, and the image itself changes`
            : `ARG ${viaArg.arg} is read by another FROM or ARG too, so its default stays`;
        ctx.warn(
          "from",
          start,
          `${written}: ${why}; the base is now ${viaArg.after}, no longer taken from ARG ${viaArg.arg}`,
        );
        writeImage(ctx, stage, written, viaArg.after, start, end);
        return { alpine: true, go };
      }
      return viaArg.kind === "alpine" ? { alpine: true, go, already: true } : { alpine: true, go };
    }
    // `python:${V}-${DEBIAN}` with `ARG DEBIAN=bookworm`: that variable goes with the Debian tag.
    const original = written;
    const reduced = dropDebianVariables(written.slice(colon + 1), ctx.globalArgs);
    const dropped = reduced.dropped.map((n) => `ARG ${n}`).join(", ");
    if (reduced.dropped.length > 0) written = `${image}:${reduced.tag}`;
    // `python:${PY}-slim`: decide with a stand-in version, then put the variables back.
    const probe = replaceVariables(written, VARIABLE_NAME, (v) => {
      vars.push(v);
      return `987${vars.length - 1}`;
    });
    // A variable after a literal version (`python:3.12-slim-${SUITE}`) names the Debian suite:
    // decide with one, and the variable goes if the Alpine tag has no place for it.
    const suite = /^[^:]+:[^$]+\$/.test(written)
      ? replaceVariables(written, VARIABLE_NAME, () => "bookworm")
      : undefined;
    const bySuite = suite === undefined ? undefined : decideImage(suite, ctx.release);
    const d =
      bySuite?.after !== undefined &&
      bySuite.family !== "other" &&
      !bySuite.after.includes("bookworm")
        ? { ...bySuite, after: bySuite.after.replace(/bookworm/g, "") }
        : decideImage(probe, ctx.release);
    if (d.family === "alpine") {
      return {
        alpine: true,
        go: familiarRepository(splitReference(probe).name) === "golang",
        already: true,
      };
    }
    const after = d.after?.replace(/987(\d+)/g, (_, k: string) => vars[Number(k)] ?? "");
    if (d.family === "other" || after === undefined || d.after === probe) {
      ctx.warn(
        "from",
        start,
        `image ${original} takes its tag from a variable and has no Alpine variant alpinize knows; give it an Alpine tag`,
      );
      return { alpine: false, go: familiarRepository(splitReference(probe).name) === "golang" };
    }
    // Once per variable: a suite ARG shared by every stage says the same thing each time.
    if (dropped !== "")
      ctx.warnOnce(
        `suite-arg:${dropped}`,
        "from",
        start,
        `${dropped} named the Debian release or variant of this image; the Alpine tag has no place for it, so it no longer takes part${after.includes("$") ? "" : ` (the base is now ${after})`}`,
      );
    else if (!after.includes("$"))
      ctx.warn(
        "from",
        start,
        `${original}: the tag came from a variable, which no longer picks the base (${after})`,
      );
    writeImage(ctx, stage, original, after, start, end);
    const repo = familiarRepository(splitReference(probe).name);
    return { alpine: true, go: repo === "golang" };
  }
  const go = familiarRepository(splitReference(written).name) === "golang";
  if (written.includes("$") && !/:/.test(written)) {
    ctx.warn(
      "from",
      start,
      `image ${written} holds a variable alpinize cannot resolve; make sure it is Alpine-based`,
    );
    return { alpine: false, go };
  }
  return rewriteLiteral(
    ctx,
    written,
    wholeTarget(ctx, written, start, end),
    { start, instructionStart },
    stage,
    earlier,
  );
}

/** Replaces the reference at `[start, end)` and reports it among the images. */
function writeImage(
  ctx: MigrationContext,
  stage: Stage,
  before: string,
  after: string,
  start: number,
  end: number,
): void {
  const mark = ctx.edits.length;
  ctx.edit("from", start, end, after);
  const edit = ctx.edits[mark];
  const image = {
    line: ctx.line(start),
    ...(stage.alias !== undefined ? { stage: stage.alias } : {}),
    before,
    after,
    needsPin: false,
  };
  ctx.images.push(image);
  noteFloatingTag(ctx, start, after, (pinned) => {
    if (edit) edit.text = pinned;
    image.after = pinned;
    return [after, pinned];
  });
}
