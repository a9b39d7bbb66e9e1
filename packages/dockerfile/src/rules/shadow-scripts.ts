import { shadowOnlyTool } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import { shellCommands } from "./context-files.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";

/**
 * Rule `users`: a COPYed shell script that a RUN of the stage executes (`RUN /tmp/install.sh`,
 * `RUN bash /tmp/install.sh`, `cd /tmp && ./install.sh`: the link `copiedFiles` makes) keeps its
 * shadow calls (`useradd -m bob`): neither migrate nor `migrate DIR` rewrites such a script (only
 * ENTRYPOINT/CMD scripts get the shims), and busybox has no useradd, so the stage gets Alpine's
 * shadow in an `apk add` before that RUN.
 */
export function addScriptShadow(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const f of state.copied) {
    const tool = shellCommands(f)
      ?.map((c) => c.name?.replace(/^.*\//, "") ?? "")
      // The users rule rewrites useradd and the like in a RUN, but not in a copied script.
      .find((n) => shadowOnlyTool(n) !== undefined);
    if (tool === undefined) continue;
    const run = f.run;
    if (!run) continue;
    addPackage(ctx, state, {
      pkg: "shadow",
      debian: "passwd",
      offset: run.offset,
      after: run.ins,
      rule: "users",
      warning: `${f.source} calls ${tool}, shadow's tool, and this RUN runs it as written (the script is not rewritten); busybox has no ${tool}: added shadow`,
      reason: `${f.source} (run by a RUN) calls ${tool}: Debian's base image ships shadow's tools (package passwd); Alpine's busybox lacks it`,
    });
  }
}
