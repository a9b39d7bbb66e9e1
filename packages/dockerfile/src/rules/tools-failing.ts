import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import type { ToolUse } from "./tools-in-run.js";
import { debianToolsLeftIn } from "./tools-left.js";

// Per stage, once: each call of a tool in it asks.
const failingOf = new WeakMap<Stage, readonly ToolUse[]>();

/**
 * The Debian tools a stage already on Alpine runs where apk has not installed their package when
 * the call runs, read from the input as `migrate --check` reads the output (debianToolsLeftIn: a
 * probe before `&&` installs nothing where the program is missing, an `apk add` in an `if` only
 * there, an `apk del` everywhere after it). A rule that keeps a call as written because the stage
 * installs the tool's package (useradd with shadow) keeps only one not listed here; knowing only
 * that the stage names the package somewhere, it kept `command -v useradd && apk add shadow;
 * useradd app`, which --check then failed.
 */
export function toolsFailingIn(ctx: MigrationContext, stage: Stage): readonly ToolUse[] {
  let failing = failingOf.get(stage);
  if (!failing) {
    // The stages it is built FROM, first: their apk calls are what it starts with.
    const chain: Stage[] = [];
    for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parent) chain.unshift(s);
    failing = debianToolsLeftIn(ctx.doc, chain, (s) => s === stage, {
      target: ctx.release,
      globalArgs: ctx.globalArgs,
    });
    failingOf.set(stage, failing);
  }
  return failing;
}

/** The call of a tool at file offset `at` (its command word) fails there (toolsFailingIn). */
export function failsAt(ctx: MigrationContext, stage: Stage, at: number): boolean {
  return toolsFailingIn(ctx, stage).some((t) => t.offset === at);
}

/** Some call of `tool` in the RUN fails there (toolsFailingIn). */
export function failsInRun(
  ctx: MigrationContext,
  stage: Stage,
  ins: Instruction,
  tool: string,
): boolean {
  return toolsFailingIn(ctx, stage).some(
    (t) => t.tool === tool && t.offset >= ins.start && t.offset < ins.end,
  );
}
