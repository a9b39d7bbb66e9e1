import type { ScriptScope } from "./scope.js";

/**
 * Alpine's first release whose images merge /bin and /sbin into /usr (alpine-baselayout gained its
 * usr-merge-nag subpackage in 3.23.0): from then on `/bin/zsh` and `/usr/bin/zsh` are one file.
 */
const USR_MERGED: readonly [number, number] = [3, 23];

/**
 * Where Alpine's packages put these programs while /bin and /usr/bin were apart (aports bash and
 * zsh configure `--bindir=/bin`, fish and git use `/usr`, busybox links sh and ash in /bin).
 */
const BEFORE_MERGE: Readonly<Record<string, string>> = {
  bash: "/bin/bash",
  zsh: "/bin/zsh",
  fish: "/usr/bin/fish",
  sh: "/bin/sh",
  ash: "/bin/ash",
  "git-shell": "/usr/bin/git-shell",
};

function usrMerged(release: string): boolean {
  const [major, minor] = release.split(".").map(Number);
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) {
    return true;
  }
  return major > USR_MERGED[0] || (major === USR_MERGED[0] && minor >= USR_MERGED[1]);
}

/**
 * A login shell Debian finds in /bin or /usr/bin alike (its /usr is merged) may exist in only one
 * of them on an Alpine release before 3.23: `/usr/bin/zsh` becomes `/bin/zsh` there. A shell
 * whose Alpine directory is not known here is kept, with a warning.
 */
export function alpineShellPath(scope: ScriptScope, shell: string, at: number): string {
  const program = /^\/(?:usr\/)?bin\/([^/]+)$/.exec(shell)?.[1];
  const release = scope.ctx.release;
  if (program === undefined || usrMerged(release)) return shell;
  const path = BEFORE_MERGE[program];
  if (path === shell) return shell;
  if (path !== undefined) {
    scope.warn(
      "users",
      at,
      `login shell ${shell} is ${path} on Alpine ${release}, whose /bin and /usr/bin are still apart (merged from 3.23 on): rewritten`,
    );
    return path;
  }
  scope.warn(
    "users",
    at,
    `login shell ${shell}: Alpine ${release} keeps /bin and /usr/bin apart (merged from 3.23 on), and which one its ${program} package uses is not known here: check with apk info -L (a missing login shell makes su and sshd logins fail)`,
  );
  return shell;
}
