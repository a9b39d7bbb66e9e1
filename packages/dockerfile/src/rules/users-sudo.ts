import type { ScriptScope } from "./scope.js";
import { installsAny } from "./users-installs.js";
import { q } from "./users-options.js";

const SUDO = new Set(["sudo"]);

/**
 * What to do about Debian's sudo group on Alpine. Debian's /etc/sudoers allows %sudo; Alpine's
 * allows no group (its %wheel line is commented out), so a sudo group made there grants
 * nothing: wheel and a sudoers.d line do what the Debian image did.
 */
export function sudoAdvice(scope: ScriptScope, user: string | undefined): string {
  const own = /%sudo\b[^\n]*/.exec(scope.ctx.text)?.[0];
  const rule = own?.includes("NOPASSWD") ? "NOPASSWD: ALL" : "ALL";
  const steps = [
    `group sudo is not in Alpine's base image, and Alpine's sudoers has no %sudo rule (Debian's has), so making it grants nothing: add the user to wheel instead (addgroup ${user === undefined ? "USER" : q(user)} wheel) and allow wheel in /etc/sudoers.d (echo '%wheel ALL=(ALL) ${rule}' > /etc/sudoers.d/wheel)`,
  ];
  if (own !== undefined)
    steps.push(
      "this file's own %sudo line does the same for sudo only if the group is made first (addgroup sudo)",
    );
  if (!installsAny(scope, SUDO)) steps.push("install sudo too (apk add sudo)");
  return steps.join("; ");
}
