import { parseScript, type Script } from "@alpinize/dockerfile";
import type { ShellCommand } from "../dockerfile/commands.js";
import type { RunStep } from "../dockerfile/stages.js";

type Item = Script["items"][number];

// Worked out once per RUN: asked for each of its account commands.
const plainOf = new WeakMap<RunStep, ReadonlyMap<number, string | undefined>>();

/**
 * Whether the command runs whenever the RUN gets to it: not inside an `if`, loop or `case`, not
 * after a `||` in its and-or list (`getent group www-data || addgroup www-data`), not in a `$(…)`
 * or a nested `sh -c '…'`. A `|| true` after it does not count here (ShellCommand.guarded says so).
 */
export function runsWhenReached(run: RunStep, cmd: ShellCommand): boolean {
  let plain = plainOf.get(run);
  if (!plain) {
    plain = plainStarts(run.text);
    plainOf.set(run, plain);
  }
  // A command nested in `sh -c '…'`, `eval` or `su -c` carries the offset of the outer one.
  return plain.has(cmd.offset) && plain.get(cmd.offset) === cmd.name;
}

interface Frame {
  afterOr: boolean;
  depth: number;
}

/**
 * The offsets of the commands that run unconditionally (the last of a pipeline, whose status
 * counts), each with its name.
 */
function plainStarts(text: string): ReadonlyMap<number, string | undefined> {
  const starts = new Map<number, string | undefined>();
  let script: Script;
  try {
    script = parseScript(text);
  } catch {
    return starts;
  }
  const outer: Frame[] = [];
  let now: Frame = { afterOr: false, depth: 0 };
  for (const item of script.items) {
    if (item.kind === "pipeline") {
      const conditional = now.afterOr || now.depth > 0 || outer.some((f) => f.afterOr);
      const last = item.commands.at(-1);
      if (!conditional && last) starts.set(last.start, last.name);
    } else if (item.kind === "op") now.afterOr = afterOr(item, now.afterOr);
    else if (item.kind === "header") now.depth++;
    else if (item.kind === "keyword") {
      if (item.word === "(" || item.word === "{") {
        outer.push(now);
        now = { afterOr: false, depth: now.depth };
      } else if (item.word === ")" || item.word === "}") now = outer.pop() ?? now;
      else now.depth += depthChange(item.word);
    }
  }
  return starts;
}

function afterOr(item: Extract<Item, { kind: "op" }>, before: boolean): boolean {
  if (item.op === "||") return true;
  return item.op === "&&" || item.op === "|" ? before : false;
}

/** `if`/`while`/`until` open a compound command (a `for`/`case` header does too); `fi`/`done`/`esac` close it. */
function depthChange(word: string): number {
  if (word === "if" || word === "while" || word === "until") return 1;
  if (word === "fi" || word === "done" || word === "esac") return -1;
  return 0;
}
