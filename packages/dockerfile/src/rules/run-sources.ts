import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { ShellSource } from "../shell/source.js";
import { execRunSource } from "./exec-source.js";
import { withNestedSources } from "./nested.js";
import { runScripts } from "./run-scripts.js";

/**
 * Each shell-form RUN of `body` with the scripts it runs (heredocs and readable `sh -c` strings
 * included), for rules that look at what a stage does. A RUN that does not parse is skipped: the
 * RUN rules report it. With `exec`, an exec-form RUN's `sh -c` / `bash -c` string too, for rules
 * that only add packages (its sources are not to be edited).
 */
export function* runSources(
  ctx: MigrationContext,
  body: readonly Instruction[],
  options: { exec?: boolean } = {},
): Generator<{ ins: Instruction; sources: ShellSource[] }> {
  for (const ins of body) {
    if (ins.keyword !== "RUN" || (ins.form === "exec" && !options.exec)) continue;
    let sources: ShellSource[];
    try {
      const exec = ins.form === "exec" ? execRunSource(ctx, ins) : undefined;
      if (ins.form === "exec" && !exec) continue;
      sources = (exec ? [exec] : runScripts(ctx, ins)).flatMap((s) => withNestedSources(s));
    } catch {
      continue;
    }
    yield { ins, sources };
  }
}
