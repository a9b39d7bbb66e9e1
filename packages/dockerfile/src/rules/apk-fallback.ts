import { type Item, parseScript, type SimpleCommand } from "../shell/script.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import type { Op } from "../shell/tokens.js";
import { apkChange } from "./apk-change.js";
import { callsOf } from "./gnu-calls.js";

/**
 * The commands of a pipeline whose failure runs an `apk add` right after `||`
 * (`apk add libssl1.1 || apk add libssl3`): the build goes on to that add, so a name the first
 * call lacks does not stop it there; the fallback's own names are judged on their own.
 */
export function fallbackCommands(items: readonly Item[]): Set<SimpleCommand> {
  const out = new Set<SimpleCommand>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item?.kind !== "pipeline" || !isOp(items[i + 1], "||")) continue;
    let k = i + 2;
    // `a ||` at a line's end goes on to the command on the next line.
    while (isOp(items[k], "\n")) k++;
    const next = items[k];
    if (next?.kind === "pipeline" && next.commands[0] && addsWithApk(next.commands[0]))
      for (const cmd of item.commands) out.add(cmd);
  }
  return out;
}

/**
 * Where, in `text`, the command names of fallbackCommands start (check's offsets of the same
 * text); none for a script sh cannot read.
 */
export function fallbackOffsets(text: string): Set<number> {
  let items: Item[];
  try {
    items = parseScript(text).items;
  } catch (err) {
    if (err instanceof ShellSyntaxError) return new Set();
    throw err;
  }
  const out = new Set<number>();
  for (const cmd of fallbackCommands(items)) {
    const name = cmd.args[0];
    if (name) out.add(name.start);
  }
  return out;
}

function isOp(item: Item | undefined, op: Op["op"]): boolean {
  return item?.kind === "op" && item.op === op;
}

function addsWithApk(cmd: SimpleCommand): boolean {
  return callsOf(cmd).some((call) => {
    const [name, ...args] = call.args;
    return (
      apkChange(
        name?.value,
        args.map((w) => w.value ?? w.raw),
      )?.verb === "add"
    );
  });
}
