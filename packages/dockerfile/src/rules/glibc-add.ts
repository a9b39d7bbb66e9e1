import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { glibcAddArtifacts } from "./glibc-artifacts.js";

/**
 * Rule 9 for ADD: a URL source named for glibc (`ADD https://…-x86_64-unknown-linux-gnu.tar.gz`),
 * as a RUN's curl of it is flagged. The layout table's notes (Node.js tarballs, tini) come from
 * flagDebianLayout, once.
 */
export function flagGlibcAdd(ctx: MigrationContext, ins: Instruction): void {
  if (ins.keyword !== "ADD") return;
  const { rest } = splitFlags(ins.args.text);
  for (const a of glibcAddArtifacts(ins.args.text.slice(rest), ctx.release)) {
    if (a.kind === "layout") continue;
    ctx.warn("glibc", sourceSpan(ins.args, rest + a.index, rest + a.index)[0], a.note);
    return;
  }
}
