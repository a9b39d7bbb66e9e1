import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import type { StageInfo } from "./stage-info.js";

const BASE_NAME = /(org\.opencontainers\.image\.base\.name\s*=\s*)(["']?)([^"'\s]+)\2/g;

/** `debian:12` and `docker.io/library/debian:12` name the same image. */
function bare(ref: string): string {
  return ref.replace(/^(?:docker\.io\/|index\.docker\.io\/)?(?:library\/)?/, "");
}

/**
 * OCI annotation `org.opencontainers.image.base.name` in a LABEL still naming the stage's Debian
 * image: it follows the FROM, in the spelling it was written in. A base digest label is stale.
 */
export function followBaseLabel(ctx: MigrationContext, info: StageInfo, ins: Instruction): void {
  const change = ctx.images.find((c) => c.line === ctx.line(info.stage.imageStart));
  if (!change) return;
  const text = ins.args.text;
  for (const m of text.matchAll(BASE_NAME)) {
    const value = m[3]!;
    if (bare(value) !== bare(change.before)) continue;
    const prefix = value.slice(0, value.length - bare(value).length);
    const from = m.index + m[1]!.length + m[2]!.length;
    const [s, e] = sourceSpan(ins.args, from, from + value.length);
    ctx.edit("from", s, e, `${prefix}${bare(change.after)}`);
  }
  if (/org\.opencontainers\.image\.base\.digest\s*=/.test(text))
    ctx.warn(
      "from",
      ins.start,
      "the org.opencontainers.image.base.digest label names the Debian base's digest: update it for the Alpine image (or drop it and let the build tool set it)",
    );
}
