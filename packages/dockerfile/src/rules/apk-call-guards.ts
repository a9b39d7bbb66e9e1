import type { Instruction } from "../parse/types.js";
import { type ShellOptions, shellOptions } from "../shell/command-status.js";
import { type Item, parseScript, type SimpleCommand } from "../shell/script.js";
import { type ShellSource, textSource } from "../shell/source.js";
import { substitutionsInScript } from "../shell/substitutions.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import { fallbackCommands } from "./apk-fallback.js";
import { placedIn, runSources } from "./apk-replay.js";
import type { DockerfileText } from "./exec-source.js";
import { failureCaught } from "./failure-caught.js";
import { callsOf } from "./gnu-calls.js";
import { nestedSource, shellStrings } from "./nested.js";

/** How a failing call of a RUN is taken: a `||` catches it, or an `apk add` runs after it. */
export type CallGuard = "guarded" | "fallback";

/** How deep `sh -c` strings and `$( )`s inside each other are read, as apkCalls reads them. */
const MAX_DEPTH = 8;

/**
 * The file offsets of the command names (behind wrappers too) of a shell-form RUN whose failure
 * does not stop the build: a guard catches it (failureCaught, as the tools left read it), or the
 * build goes on to an `apk add` (fallbackCommands). Read in the RUN's own script and here-document
 * bodies, and in the `sh -c` strings and `$( )`s these run, as `alpinize check` reads them.
 * `options`: what the RUN's stage sets (stageShellOptions); the whole file's text by default.
 */
export function callGuards(
  file: DockerfileText,
  ins: Instruction,
  options: ShellOptions = shellOptions(file.text),
): Map<number, CallGuard> {
  const out = new Map<number, CallGuard>();
  if (ins.form === "exec") return out;
  for (const src of runSources(file, ins)) markGuards(src, options, out);
  return out;
}

/**
 * Where, in `text`, the commands that fall back to an `apk add` start (their first word and the
 * command name behind a wrapper), in its `$( )`s and `sh -c` strings too: check's offsets of the
 * same text. None for a script sh cannot read.
 */
export function fallbackOffsets(text: string): Set<number> {
  const out = new Set<number>();
  const guards = new Map<number, CallGuard>();
  try {
    markGuards(textSource(parseScript(text)), { pipefail: false, nounset: false }, guards, {
      firstWords: true,
    });
  } catch (err) {
    if (err instanceof ShellSyntaxError) return out;
    throw err;
  }
  for (const [at, guard] of guards) if (guard === "fallback") out.add(at);
  return out;
}

interface Walk {
  /** Mark each command's first word too (`sudo`), where check places a wrapped call. */
  firstWords?: boolean;
  /** How the failure of the command that runs this script is taken. */
  inherited?: CallGuard;
  depth?: number;
}

/**
 * Marks in `out` (file offsets) the commands of `src` whose failure does not stop the build, and
 * those of the `sh -c` strings and `$( )`s it runs. A command in one takes over the guard of the
 * command that runs it (`sh -c 'apk add a' || true`), as check reads it; its own script's guard
 * comes first (`sh -c 'apk add a || true'`), and a guard before a fallback.
 */
function markGuards(
  src: ShellSource,
  options: ShellOptions,
  out: Map<number, CallGuard>,
  walk: Walk = {},
): void {
  const { inherited, depth = 0 } = walk;
  const items = src.script.items;
  const caught = failureCaught(items, options);
  const fallback = fallbackCommands(items, options);
  const guardOf = (item: Item, cmd: SimpleCommand): CallGuard | undefined =>
    inherited === "guarded" || caught.has(item) || caught.has(cmd)
      ? "guarded"
      : fallback.has(cmd)
        ? "fallback"
        : inherited;
  const mark = (start: number, guard: CallGuard) => {
    const at = src.span(start, start + 1)[0];
    if (!out.has(at)) out.set(at, guard);
  };
  const own = new Map<SimpleCommand, CallGuard | undefined>();
  for (const item of items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      const guard = guardOf(item, cmd);
      own.set(cmd, guard);
      if (guard) {
        if (walk.firstWords && cmd.args[0]) mark(cmd.args[0].start, guard);
        for (const call of callsOf(cmd)) if (call.args[0]) mark(call.args[0].start, guard);
      }
      if (depth >= MAX_DEPTH) continue;
      for (const { word } of shellStrings(cmd)) {
        const inner = nestedSource(src, word);
        if (inner) markGuards(inner, options, out, { ...walk, inherited: guard, depth: depth + 1 });
      }
    }
  }
  if (depth >= MAX_DEPTH) return;
  for (const sub of substitutionsInScript(src.script)) {
    const inner = sub.src && placedIn(src, sub.src);
    if (!inner) continue;
    // A `$( )` in a command's words runs before it, under the guard of its place in the list.
    const holder = sub.pipeline?.commands.find((c) => c.start <= sub.at[0] && sub.at[0] < c.end);
    const guard = holder ? own.get(holder) : inherited;
    markGuards(inner, options, out, { ...walk, inherited: guard, depth: depth + 1 });
  }
}
