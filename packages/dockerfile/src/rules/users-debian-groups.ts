import type { ScriptScope } from "./scope.js";
import { gidHolder, recordGroup } from "./users-gids.js";
import { addgroupCall } from "./users-groupadd.js";
import { sudoRights } from "./users-sudo.js";

/**
 * The groups of Debian's base image with their GIDs: base-passwd's group.master (bookworm and
 * trixie; Ubuntu's base image has the same). gnats (41) is in it up to bullseye and Ubuntu 22.04.
 */
export const DEBIAN_BASE_GROUPS: ReadonlyMap<string, number> = new Map([
  ["root", 0],
  ["daemon", 1],
  ["bin", 2],
  ["sys", 3],
  ["adm", 4],
  ["tty", 5],
  ["disk", 6],
  ["lp", 7],
  ["mail", 8],
  ["news", 9],
  ["uucp", 10],
  ["man", 12],
  ["proxy", 13],
  ["kmem", 15],
  ["dialout", 20],
  ["fax", 21],
  ["voice", 22],
  ["cdrom", 24],
  ["floppy", 25],
  ["tape", 26],
  ["sudo", 27],
  ["audio", 29],
  ["dip", 30],
  ["www-data", 33],
  ["backup", 34],
  ["operator", 37],
  ["list", 38],
  ["irc", 39],
  ["src", 40],
  ["gnats", 41],
  ["shadow", 42],
  ["utmp", 43],
  ["video", 44],
  ["sasl", 45],
  ["plugdev", 46],
  ["staff", 50],
  ["games", 60],
  ["users", 100],
  ["nogroup", 65534],
]);

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
  const { gid, why } = chooseGid(scope, debian);
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
function chooseGid(scope: ScriptScope, debian: number): { gid?: string; why: string } {
  const holder = gidHolder(scope, String(debian));
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
