import { isNested, type Pipeline, type Script, type SimpleCommand } from "../shell/script.js";
import { cdTarget, type ImageDir } from "./image-dirs.js";

export interface CommandFolder {
  cmd: SimpleCommand;
  /** The folder the command runs in; undefined where a `cd` leaves it unknown. */
  cwd: ImageDir;
}

/** Commands after which the shell may be in any folder. */
const MOVES = new Set(["pushd", "popd", "source", ".", "eval", "builtin", "command"]);

/**
 * Each simple command of a script with the folder it runs in, from `start` and the script's own
 * `cd`s (`cd /tmp && ./install.sh`, `cd build; sh setup.sh`). Read on the path the build means to
 * take (a `cd` joined by `&&` is taken to succeed), and given up where that cannot be told: a
 * `cd` in an `if`, loop or function body, after `||`, to a variable; what follows `||` after a
 * `cd` of its list (it runs where the `cd` failed). A `( … )` subshell or a background list
 * leaves the folder as it was.
 */
export function commandFolders(script: Script, start: ImageDir): CommandFolder[] {
  const out: CommandFolder[] = [];
  const saved: ImageDir[] = [];
  let cwd = start;
  // The folder when the current and-or list began, and the operator before its next command.
  let listStart = cwd;
  let link: "&&" | "||" | undefined;
  // After `&&`, `||` or `|` a newline continues the list.
  let open = false;
  const endList = () => {
    listStart = cwd;
    link = undefined;
    open = false;
  };
  for (const item of script.items) {
    if (item.kind === "op") {
      if (item.op === "&&" || item.op === "||") link = item.op;
      if (item.op === "&&" || item.op === "||" || item.op === "|") open = true;
      else if (item.op !== "\n" || !open) {
        // A list put in the background runs in a subshell: its `cd` stays there.
        if (item.op === "&") cwd = listStart;
        endList();
      }
      continue;
    }
    if (item.kind === "keyword" && item.word === "(") saved.push(cwd);
    else if (item.kind === "keyword" && item.word === ")") cwd = saved.pop();
    if (item.kind !== "pipeline") {
      endList();
      continue;
    }
    open = false;
    const here = link === "||" && cwd !== listStart ? undefined : cwd;
    for (const cmd of item.commands) out.push({ cmd, cwd: here });
    cwd = folderAfter(script, item, here, link);
  }
  return out;
}

function folderAfter(
  script: Script,
  pipeline: Pipeline,
  here: ImageDir,
  link: "&&" | "||" | undefined,
): ImageDir {
  const names = pipeline.commands.map((c) => c.name);
  const moves = names.some((n) => n === "cd" || (n !== undefined && MOVES.has(n)));
  if (!moves) return here;
  const cmd = pipeline.commands[0]!;
  if (names.length !== 1 || names[0] !== "cd" || pipeline.feedsCompound) return undefined;
  if (link === "||" || isNested(script, cmd.start)) return undefined;
  return cdTarget(
    here,
    cmd.args.slice(1).map((a) => a.value),
  );
}
