import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import { runScripts } from "./run-scripts.js";
import { startedCommands } from "./started-commands.js";

/** Command names a stage's RUN lines use, as context for the package map. */
export function stageCommands(ctx: MigrationContext, body: Instruction[]): Set<string> {
  const names = new Set<string>();
  for (const ins of body) {
    // What the container starts needs its package as much as what the build runs (xvfb-run).
    if (ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") {
      for (const name of startedCommands(ins)) names.add(name);
      continue;
    }
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    try {
      for (const src of runScripts(ctx, ins)) {
        for (const c of simpleCommands(src.script)) {
          if (c.name) names.add(c.name.replace(/^.*\//, ""));
          if (c.name === "xargs" || c.name === "command" || c.name === "exec") {
            const inner = c.args.slice(1).find((a) => a.value && !a.value.startsWith("-"));
            if (inner?.value) names.add(inner.value);
          }
        }
      }
    } catch {
      // A script that does not tokenize is reported when the RUN itself is migrated.
    }
  }
  return names;
}
