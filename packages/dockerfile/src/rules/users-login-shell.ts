import type { ScriptScope } from "./scope.js";
import { alpineShellPath } from "./users-shells.js";

/**
 * A login shell as Alpine has it: `/usr/sbin/nologin` is `/sbin/nologin` there, and a bash login
 * shell needs the bash package, which the stage is asked to install.
 */
export function fixShell(scope: ScriptScope, shell: string, at: number): string {
  if (shell === "/usr/sbin/nologin" || shell === "/bin/false" || shell === "/usr/bin/false") {
    return shell === "/usr/sbin/nologin" ? "/sbin/nologin" : shell;
  }
  const path = alpineShellPath(scope, shell, at);
  if (/bash$/.test(path))
    scope.stage.bashNeeds.push({ offset: scope.fileOffset(at), reason: `login shell ${path}` });
  return path;
}
