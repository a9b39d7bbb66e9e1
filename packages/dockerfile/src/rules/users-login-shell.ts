import type { Stage } from "../stages.js";
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

/** `ENV SHELL=…`, `ENV SHELL …`, `ARG SHELL[=…]`, also among other variables of the line. */
const SETS_SHELL = /(?:^|\s)SHELL(?:[=\s]|$)/;

/**
 * The `-s` a useradd call without one needs for busybox adduser to give what Debian's useradd
 * gives: SHELL=/bin/sh from /etc/default/useradd (Debian and Ubuntu), for system users too.
 * busybox gives -S users /sbin/nologin, and others $SHELL (else /bin/sh).
 */
export function useraddDefaultShell(scope: ScriptScope, system: boolean): string | undefined {
  return system || buildSetsShell(scope) ? "/bin/sh" : undefined;
}

/** This stage (before the current line) or one it is built FROM sets $SHELL for its RUN lines. */
function buildSetsShell(scope: ScriptScope): boolean {
  // A stage built FROM another comes after it in the file: all of that one is before here.
  return firstShellSet(scope.stage.info.stage) < scope.instruction.start;
}

/** Per stage: where its chain first sets $SHELL (Infinity: nowhere), so no body is read twice. */
const shellSets = new WeakMap<Stage, number>();

function firstShellSet(stage: Stage): number {
  const path: Stage[] = [];
  let s: Stage | undefined = stage;
  for (; s && !shellSets.has(s); s = s.parent) path.push(s);
  let first = s ? shellSets.get(s)! : Number.POSITIVE_INFINITY;
  for (const p of path.reverse()) {
    const own = p.body.find(
      (i) => (i.keyword === "ENV" || i.keyword === "ARG") && SETS_SHELL.test(i.args.text),
    );
    first = Math.min(first, own?.start ?? Number.POSITIVE_INFINITY);
    shellSets.set(p, first);
  }
  return first;
}
