import type { Substitution } from "../shell/substitutions.js";
import type { EditOverlaps } from "./edit-overlaps.js";
import { ScriptScope } from "./scope.js";

/**
 * Runs `body` over a command substitution as a script of its own, tentatively: its edits stay
 * (and join `made`) unless one overlaps an edit already made around it, which would write over
 * it; then everything `body` did is undone and false comes back, for the caller to warn.
 */
export function trySubstitution(
  scope: ScriptScope,
  src: NonNullable<Substitution["src"]>,
  made: EditOverlaps,
  body: (inner: ScriptScope, mark: number) => void,
): boolean {
  const { ctx } = scope;
  const restore = ctx.checkpoint();
  const mark = ctx.edits.length;
  const inner = new ScriptScope(
    ctx,
    scope.stage,
    src,
    scope.instruction,
    scope.quotes,
    scope.runner,
    scope,
  );
  body(inner, mark);
  const added = ctx.edits.slice(mark);
  if (added.some((e) => made.overlaps(e))) {
    restore();
    return false;
  }
  made.add(added);
  return true;
}
