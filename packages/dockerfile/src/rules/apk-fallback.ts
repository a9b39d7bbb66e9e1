import type { ShellOptions } from "../shell/command-status.js";
import type { Item, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { apkChange } from "./apk-change.js";
import { failureCaught } from "./failure-caught.js";
import { callsOf } from "./gnu-calls.js";

/**
 * The commands of a script whose failure the build goes on past to an `apk add`
 * (`apk add libssl1.1 || apk add libssl3`, `apk add a && x || apk add b`,
 * `apk add a || echo no && apk add b`, `if ! apk add a; then apk add b; fi`): read as the guards
 * are (failureCaught), each `apk add` taken for a command that ends well, since its own names are
 * judged on their own where it stands. A `|| apk add b && exit 1` still stops the build.
 */
export function fallbackCommands(
  items: readonly Item[],
  options?: ShellOptions,
): Set<SimpleCommand> {
  const read = items.map((it) =>
    it.kind === "pipeline" && it.commands.some(addsWithApk)
      ? { ...it, commands: it.commands.map((c) => (addsWithApk(c) ? endsWell(c) : c)) }
      : it,
  );
  const caught = failureCaught(read, options);
  const out = new Set<SimpleCommand>();
  for (const [k, it] of read.entries()) {
    const own = items[k];
    if (it.kind !== "pipeline" || own?.kind !== "pipeline") continue;
    for (const [j, cmd] of it.commands.entries())
      if (caught.has(it) || caught.has(cmd)) out.add(own.commands[j]!);
  }
  return out;
}

/** `true` in the place of a command: its redirections and assignments are still read. */
function endsWell(cmd: SimpleCommand): SimpleCommand {
  const first = cmd.args[0];
  const word: Word | undefined = first && { ...first, raw: "true", value: "true" };
  return { ...cmd, name: "true", args: word ? [word] : [] };
}

export function addsWithApk(cmd: SimpleCommand): boolean {
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
