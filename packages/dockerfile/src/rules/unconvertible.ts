import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { assertWholeScript } from "../shell/grammar.js";
import { parseScript } from "../shell/script.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import { rootStage, type Stage, type StageModel } from "../stages.js";
import { TOOL_WORD } from "./debian-tools.js";
import { shellFormHint } from "./exec-form-hint.js";
import { runScripts } from "./run-scripts.js";
import { toolsInRun } from "./tools-in-run.js";

/**
 * The Debian tool a shell script names when sh cannot read the script (`echo "x && apt-get …`
 * with the quote never closed): migrate leaves such a RUN whole, and a scan that reads commands
 * tolerantly takes the tool for quoted text. `alpinize check` asks for RUN lines on Alpine.
 */
export function toolInUnreadableScript(
  script: string,
): { tool: string; offset: number; reason: string } | undefined {
  const m = script.matchAll(TOOL_WORD).next().value;
  if (!m) return undefined;
  try {
    assertWholeScript(parseScript(script));
    return undefined;
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    return { tool: m[2]!, offset: m.index + m[0].length - m[1]!.length, reason: err.message };
  }
}

/** A RUN migrate leaves whole although it runs a Debian tool, which then fails on Alpine. */
export interface UnconvertibleRun {
  ins: Instruction;
  tool: string;
  /** Where the tool is named in the file. */
  offset: number;
  /** Why the RUN is not converted, and what to do about it. */
  why: string;
  fix: string;
}

/**
 * The first Debian tool a RUN migrate cannot convert runs (`toolsInRun`: an exec form's words as
 * Docker decodes them, a tool's name as a word in text sh cannot read).
 */
export function unconvertibleRun(
  ctx: MigrationContext,
  ins: Instruction,
): UnconvertibleRun | undefined {
  if (ins.keyword !== "RUN") return undefined;
  if (ins.form === "exec") {
    return toolIn(ctx, ins, "it is an exec-form RUN, which migrate does not rewrite", {
      // The line to write, which the next run converts: `RUN useradd -m bob`, not always apt-get.
      fix: `rewrite it in shell form, ${shellFormHint(ins)}`,
    });
  }
  try {
    runScripts(ctx, ins);
    return undefined;
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    return toolIn(ctx, ins, `it could not be read as sh (${err.message})`, {
      fix: 'make it plain sh (close every quote and heredoc; set deep substitutions in variables first: x=$(…); y=$(… "$x")) or rewrite it for Alpine by hand',
    });
  }
}

function toolIn(
  ctx: MigrationContext,
  ins: Instruction,
  why: string,
  { fix }: { fix: string },
): UnconvertibleRun | undefined {
  const [first] = toolsInRun(ctx, ins);
  if (!first) return undefined;
  return { ins, tool: first.tool, offset: first.offset, why, fix };
}

/** Each root stage (one that names an image) with the stages built FROM it, in file order. */
export function stageTrees(model: StageModel): Map<Stage, Stage[]> {
  const out = new Map<Stage, Stage[]>();
  for (const stage of model.stages) {
    const root = rootStage(stage);
    const tree = out.get(root);
    if (tree) tree.push(stage);
    else out.set(root, [stage]);
  }
  return out;
}

export interface BlockingRun {
  run: UnconvertibleRun;
  stage: Stage;
}

/**
 * The RUN lines migrate cannot convert in a root stage and the stages built FROM it: moving that
 * root to Alpine would move them too, where their Debian tools fail.
 */
export function unconvertibleIn(ctx: MigrationContext, tree: readonly Stage[]): BlockingRun[] {
  const out: BlockingRun[] = [];
  for (const stage of tree) {
    for (const ins of stage.body) {
      const run = unconvertibleRun(ctx, ins);
      if (run) out.push({ run, stage });
    }
  }
  return out;
}

/** The warning at each RUN that keeps its stage tree on Debian. */
export function warnKeptForRuns(
  ctx: MigrationContext,
  root: Stage,
  blocking: readonly BlockingRun[],
): void {
  for (const { run, stage } of blocking) {
    const base = `${root.image} (line ${ctx.line(root.from.start)})`;
    const where =
      stage === root
        ? `its stage stays on ${base}`
        : `its stage (${stage.alias ?? stage.index}) is built FROM ${root.alias ?? root.index}, which stays on ${base}`;
    ctx.warn(
      "from",
      run.offset,
      `${run.tool} in this RUN is not converted: ${run.why}; on Alpine it would fail, so ${where}, with every stage built FROM it; ${run.fix}, then run alpinize again`,
    );
  }
}
