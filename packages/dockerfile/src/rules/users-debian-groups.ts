import { addgroupCall } from "./addgroup-call.js";
import { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";
import type { ScriptScope } from "./scope.js";
import { gidHolder, recordGroup } from "./users-gids.js";
import { sudoRights } from "./users-sudo.js";

// The package exports the table from here, as it did before it had a module of its own.
export { DEBIAN_BASE_GROUPS } from "./debian-base-groups.js";

/**
 * `addgroup -S GROUP` for a group Debian's base image has and Alpine's lacks (sudo, staff,
 * plugdev, …), which the caller checked nothing of this stage chain makes: busybox `addgroup
 * USER GROUP` and `adduser -G GROUP` stop the build on it ("unknown group"), where Debian's image
 * just had it.
 * Undefined for any other group.
 */
export function makeDebianGroup(
  scope: ScriptScope,
  at: number,
  group: string,
  user: string | undefined,
  owner?: { failure: string },
): string | undefined {
  const debian = DEBIAN_BASE_GROUPS.get(group);
  // A stage that was Alpine already never had Debian's groups: the file's own mistake stays flagged.
  if (debian === undefined || scope.stage.info.already) return undefined;
  const { gid, why } = chooseGid(scope, at, debian);
  recordGroup(scope, group, gid);
  // A group that only owns files grants nothing by itself: no word on membership rights then.
  const rights = owner
    ? ""
    : group === "sudo"
      ? `; ${sudoRights(scope, user)}`
      : "; Alpine's base image has no file or rule for it, so membership grants only what this file itself gives the group";
  const failure = owner?.failure ?? `busybox stops the build on it (unknown group ${group})`;
  scope.warn(
    "users",
    at,
    `group ${group} is in Debian's base image but not Alpine's, where ${failure}: addgroup -S ${group} now makes it first, ${why}${rights}`,
  );
  return addgroupCall(group, gid, true);
}

/**
 * Debian's GID is kept only where it matters and fits: this file uses the number (chown :50,
 * GID=50) and Alpine's base (or a group made before) leaves it free. Otherwise busybox picks.
 */
function chooseGid(scope: ScriptScope, at: number, debian: number): { gid?: string; why: string } {
  // Not Alpine's base group a step deleted before (`delgroup video` frees sudo's 27).
  const holder = gidHolder(scope, String(debian), at);
  if (holder !== undefined)
    return { why: `with a GID busybox picks (Debian's ${debian} is ${holder}'s on Alpine)` };
  const use = gidUse(scope.ctx.text, debian);
  if (use === undefined)
    return { why: `with a GID busybox picks (nothing in this file uses Debian's ${debian})` };
  return {
    gid: String(debian),
    why: `with Debian's GID ${debian}, which this file uses (${use}) and Alpine leaves free`,
  };
}

/** Where the Dockerfile names GID `gid` as a group (owner, option or variable), if it does. */
export function gidUse(text: string, gid: number): string | undefined {
  const n = String(gid);
  const uses = [
    new RegExp(`(?:\\bchown\\s+(?:-\\S+\\s+)*|--chown=)[^\\s:]*:${n}(?![\\w.-])`),
    new RegExp(`\\bchgrp\\s+(?:-\\S+\\s+)*${n}(?![\\w.-])`),
    new RegExp(`^[ \\t]*USER\\s+[^\\s:]+:${n}(?![\\w.-])`, "im"),
    new RegExp(`(?:--gid|--group-add|-group)[\\s=]+${n}(?![\\w.-])`),
    new RegExp(`\\b(?:useradd|usermod|groupmod)\\b[^;&|\\n]*\\s-g\\s+${n}(?![\\w.-])`),
    new RegExp(`\\b\\w*GID\\w*[=\\s]["']?${n}(?![\\w.-])`, "i"),
  ];
  for (const re of uses) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  return undefined;
}
