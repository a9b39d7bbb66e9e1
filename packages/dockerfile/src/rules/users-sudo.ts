import type { ScriptScope } from "./scope.js";
import { installsAny } from "./users-installs.js";
import { q } from "./users-options.js";

const SUDO = new Set(["sudo"]);

/**
 * What Debian's sudo group grants on Alpine. Debian's /etc/sudoers allows %sudo; Alpine's allows
 * no group (its %wheel line is commented out), so the group alone grants nothing there unless the
 * file writes its own %sudo rule: wheel and a sudoers.d line do what the Debian image did.
 */
export function sudoRights(scope: ScriptScope, user: string | undefined): string {
  const own = /%sudo\b[^\n]*/.exec(scope.ctx.text)?.[0];
  const steps: string[] = [];
  if (own !== undefined) {
    steps.push(
      "this file's own %sudo rule gives the group sudo rights on Alpine too, now that the group exists",
    );
  } else {
    steps.push(
      `the group alone grants no sudo rights there: Alpine's sudoers has no %sudo rule (Debian's has); for them, ${wheelAdvice(user)}`,
    );
  }
  if (!installsAny(scope, SUDO)) steps.push("install sudo too (apk add sudo)");
  return steps.join("; ");
}

/** Alpine's way to give `user` sudo rights. */
export function wheelAdvice(user: string | undefined): string {
  return `add the user to wheel instead (addgroup ${user === undefined ? "USER" : q(user)} wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel)`;
}
