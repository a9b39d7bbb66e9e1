import { type AccountOrigin, type AccountState, type IdSource, primaryUserOf } from "./accounts.js";

/**
 * Who made an account, as a clause after its name: "(Alpine's base image has it, GID 82)".
 * `id`: the account's ID, when known and worth saying ("GID 82").
 */
export function madeBy(origin: AccountOrigin, id?: string): string {
  const extra = id === undefined ? "" : `, ${id}`;
  switch (origin.kind) {
    case "base":
      return `(Alpine's base image has it${extra})`;
    case "image":
      return `(the ${origin.repo} image's Alpine variant has it${extra})`;
    case "line":
      return `(an earlier step made it on line ${origin.line}${extra})`;
    case "package":
      return `(the ${origin.pkg} package's install script made it${extra})`;
    case "renamed":
      return `(${origin.tool} on line ${origin.line} renamed ${origin.from} to it${extra})`;
  }
}

/**
 * The step that removes user `user` so its name and UID are free: busybox deluser, which also
 * drops the group of the same name. An image's or the file's own user has a home to remove.
 */
export function freeUserStep(state: AccountState, user: string): string {
  const origin = state.users.get(user)?.origin;
  return origin === undefined || origin.kind === "base"
    ? `deluser ${user}`
    : `deluser --remove-home ${user}`;
}

/**
 * The step that removes group `group`: delgroup, unless a user has it as primary group (busybox
 * refuses then): that user goes first, and takes a group of its own name with it.
 */
export function freeGroupStep(state: AccountState, group: string): string {
  const user = primaryUserOf(state, group);
  if (user === undefined) return `delgroup ${group}`;
  const step = freeUserStep(state, user);
  return user === group
    ? `${step} (it takes group ${group} with it)`
    : `${step} && delgroup ${group}`;
}

/**
 * How the account with a taken ID holds it, for the problem's reason and severity: `belongs` is
 * "already belongs" or "probably belongs", `picked` says busybox chose it (empty for an ID
 * written in a command or the image's), `probable` makes the finding a warning.
 */
export function heldId(
  id: string,
  entry: { source?: IdSource },
): { belongs: string; picked: string; probable: boolean } {
  if (entry.source === "picked")
    return {
      belongs: "already belongs",
      picked: `; busybox picked ${id}, the first free one`,
      probable: false,
    };
  if (entry.source === "probable")
    return {
      belongs: "probably belongs",
      picked: `, if busybox picked ${id} as the first free one there (a step before it has an ID alpinize cannot know, or may not run)`,
      probable: true,
    };
  return { belongs: "already belongs", picked: "", probable: false };
}

/**
 * The way out of an ID an installed package's script took: make the account first (the script
 * then picks the next free ID), or another ID.
 */
export function packageIdAdvice(pkg: string, kind: "GID" | "UID"): string {
  return `create this account before the apk add of ${pkg} (its install script then takes the next free ${kind}), or pick another ${kind} (and chown files to it)`;
}
