import { unwrap } from "./command-view.js";
import { warnEchoesKept } from "./dash-echo-strings.js";
import { editsFit, type NestedScript, nestedScripts, snapshotStage } from "./nested.js";
import { renameDebianCall } from "./renamed-calls.js";
import { ScriptScope } from "./scope.js";

/** The RUN rules over one script (run.ts); true when it has nothing left to do. */
type MigrateScript = (scope: ScriptScope) => boolean;

/**
 * `bash -c 'apt-get …'`: the string is converted like a RUN of its own. When an edit would need a
 * character the string cannot hold (a quote), everything it changed is put back and the outer
 * command is flagged instead.
 */
export function migrateNested(
  outer: ScriptScope,
  nested: NestedScript,
  depth: number,
  migrateScript: MigrateScript,
): void {
  const { ctx, stage } = outer;
  const restoreCtx = ctx.checkpoint();
  const snapshot = snapshotStage(stage);
  const mark = ctx.edits.length;
  let emptied: boolean;
  try {
    const scope = new ScriptScope(
      ctx,
      stage,
      nested.src,
      outer.instruction,
      [...outer.quotes, nested.quote],
      nested.shell,
    );
    if (depth < 3) {
      for (const inner of nestedScripts(nested.src))
        migrateNested(scope, inner, depth + 1, migrateScript);
    }
    emptied = migrateScript(scope);
  } catch (error) {
    // The stage's undo log stays open while a snapshot is: a throw must not leave it logging.
    snapshot.keep();
    throw error;
  }
  if (!editsFit(ctx, mark, nested)) {
    restoreCtx();
    snapshot.restore();
    warnEchoesKept(outer, nested);
    return;
  }
  snapshot.keep();
  outer.convertedStrings.add(nested.word);
  if (emptied && nested.alone) outer.deletePipeline(nested.pipeline, "apt");
  else if (emptied) ctx.edit("apt", ...nested.src.span(0, nested.src.script.text.length), "true");
  outer.nestedEdits.push({ pipeline: nested.pipeline, from: mark, to: ctx.edits.length, emptied });
}

/**
 * A pipeline this script deletes or replaces whole (`sh -c "…" | apt-mark manual x`) takes its
 * strings with it: their own edits would overlap, so they go.
 */
export function dropNestedEditsOfRemoved(scope: ScriptScope): void {
  const gone = scope.nestedEdits
    .filter((n) => scope.deleted.has(n.pipeline) || scope.replacedPipelines.has(n.pipeline))
    .sort((a, b) => b.from - a.from);
  for (const n of gone) {
    scope.ctx.edits.splice(n.from, n.to - n.from);
    // A string left with nothing to do took nothing else with it.
    if (n.emptied) continue;
    scope.warn(
      "apt",
      n.pipeline.start,
      "this pipeline is removed as a whole, and the sh -c string in it with it: if that string did other work, give that work a line of its own",
    );
  }
}

/** gpg1 → gpg over one command substitution's commands (the other rules leave those). */
export function renameCalls(scope: ScriptScope): void {
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) renameDebianCall(scope, unwrap(scope, cmd));
  }
}
