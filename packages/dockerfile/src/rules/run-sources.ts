import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { ShellSource } from "../shell/source.js";
import { withNestedSources } from "./nested.js";
import { runScripts } from "./run.js";

/**
 * Each shell-form RUN of `body` with the scripts it runs (heredocs and readable `sh -c` strings
 * included), for rules that look at what a stage does. A RUN that does not parse is skipped: the
 * RUN rules report it.
 */
export function* runSources(
  ctx: MigrationContext,
  body: readonly Instruction[],
): Generator<{ ins: Instruction; sources: ShellSource[] }> {
  for (const ins of body) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    let sources: ShellSource[];
    try {
      sources = runScripts(ctx, ins).flatMap((s) => withNestedSources(s));
    } catch {
      continue;
    }
    yield { ins, sources };
  }
}
