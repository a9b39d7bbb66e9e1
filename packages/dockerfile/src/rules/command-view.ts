import type { SimpleCommand } from "../shell/script.js";
import { unwrapped } from "./gnu-calls.js";
import type { ScriptScope } from "./scope.js";

/**
 * The Debian tool a command runs, as a view whose edits land on the parsed command: the command
 * behind a wrapper (`sudo -u root apt-get`, `env X=1 apt-get`), or itself without its path.
 */
export function unwrap(scope: ScriptScope, cmd: SimpleCommand): SimpleCommand {
  const inner = unwrapped(cmd);
  const name = cmd.args[0]?.value?.replace(/^.*\//, "");
  const view = inner ?? (name !== cmd.name ? { ...cmd, name } : undefined);
  if (!view) return cmd;
  scope.views.set(view, cmd);
  return view;
}
