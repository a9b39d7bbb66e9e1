import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { heredocSource, isHeredocScript, runSource, type ShellSource } from "../shell/source.js";

/** The shell scripts a RUN executes: its command line, or its heredoc bodies for `RUN <<EOF`. */
export function runScripts(ctx: MigrationContext, ins: Instruction): ShellSource[] {
  // Several rules read the same RUN; parse it once per migration.
  const cached = ctx.scripts.get(ins);
  if (cached instanceof Error) throw cached;
  if (cached) return cached;
  try {
    const scripts = readRunScripts(ctx, ins);
    ctx.scripts.set(ins, scripts);
    return scripts;
  } catch (err) {
    if (err instanceof Error) ctx.scripts.set(ins, err);
    throw err;
  }
}

function readRunScripts(ctx: MigrationContext, ins: Instruction): ShellSource[] {
  const { rest } = splitFlags(ins.args.text);
  const command = ins.args.text.slice(rest).trim();
  const escapeChar = ctx.doc.escape;
  if (ins.heredocs.length > 0 && isHeredocScript(command)) {
    return ins.heredocs.map((h) => heredocSource(ctx.text, h, escapeChar));
  }
  return [runSource(ctx.text, ins, rest, escapeChar)];
}

/**
 * The RUN's scripts for a rule that only reads them, or undefined when the RUN does not tokenize:
 * migrateRun warns at that RUN itself ("could not be read as sh"), so a rule that only reads
 * it skips it rather than warn twice or stop the migration.
 */
export function scriptsUnlessReportedByRun(
  ctx: MigrationContext,
  ins: Instruction,
): ShellSource[] | undefined {
  try {
    return runScripts(ctx, ins);
  } catch {
    return undefined;
  }
}
