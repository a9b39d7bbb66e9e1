import type { Instruction } from "../parse/types.js";
import { shellOptions } from "../shell/command-status.js";
import type { SimpleCommand } from "../shell/script.js";
import { fallbackCommands } from "./apk-fallback.js";
import { runSources } from "./apk-replay.js";
import type { DockerfileText } from "./exec-source.js";
import { failureCaught } from "./failure-caught.js";
import { callsOf } from "./gnu-calls.js";

/** How a failing call of a RUN is taken: a `||` catches it, or an `apk add` runs after it. */
export type CallGuard = "guarded" | "fallback";

/**
 * The file offsets of the command names (behind wrappers too) of a shell-form RUN whose failure
 * does not stop the build: a guard catches it (failureCaught, as the tools left read it), or a
 * `|| apk add …` runs next (fallbackCommands). Only the RUN's own script and here-document
 * bodies are read, not `sh -c` strings or `$( )`s.
 */
export function callGuards(file: DockerfileText, ins: Instruction): Map<number, CallGuard> {
  const out = new Map<number, CallGuard>();
  if (ins.form === "exec") return out;
  const options = shellOptions(file.text);
  for (const src of runSources(file, ins)) {
    const caught = failureCaught(src.script.items, options);
    const fallback = fallbackCommands(src.script.items);
    const mark = (cmd: SimpleCommand, guard: CallGuard) => {
      for (const call of callsOf(cmd)) {
        const name = call.args[0];
        if (name && !out.has(src.span(name.start, name.start + 1)[0]))
          out.set(src.span(name.start, name.start + 1)[0], guard);
      }
    };
    for (const item of src.script.items) {
      if (item.kind !== "pipeline") continue;
      for (const cmd of item.commands)
        if (caught.has(item) || caught.has(cmd)) mark(cmd, "guarded");
        else if (fallback.has(cmd)) mark(cmd, "fallback");
    }
  }
  return out;
}
