import { type AccountOrigin, type AccountState, primaryUserOf } from "./accounts.js";

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
