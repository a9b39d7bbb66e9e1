import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { isNested } from "../shell/script.js";
import { asRoot } from "./place.js";
import type { ScriptScope, StageState } from "./scope.js";

/** `RUN addgroup -S staff` on a line of its own before `ins` (as root after a USER). */
export function lineBefore(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
  make: string,
): void {
  const eol = ctx.doc.eol;
  ctx.edit(
    "users",
    ins.start,
    ins.start,
    `${asRoot(state.info.stage, ins.start, `RUN ${make}`, eol)}${eol}`,
  );
}

/**
 * The `addgroup -S` step to run right before the call at `at`, or undefined once it is put on a
 * RUN line of its own: in a loop or a function the call may run twice, and busybox addgroup stops
 * the second time ("group 'staff' in use"). A line before the RUN makes the group once, and a
 * second migrate, reading an Alpine stage, adds nothing.
 */
export function groupStepHere(scope: ScriptScope, at: number, make: string): string | undefined {
  // Inside a `sh -c` string too: the string itself may sit in a loop of the outer script.
  if (scope.quotes.length === 0 && !isNested(scope.src.script, at)) return make;
  lineBefore(scope.ctx, scope.stage, scope.instruction, make);
  return undefined;
}
