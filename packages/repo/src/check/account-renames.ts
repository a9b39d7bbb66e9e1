import type { AccountCall } from "./account-calls.js";
import { type AccountState, PRIMARY_GROUP, type RenamedName } from "./accounts.js";

export type RenameCall = Extract<AccountCall, { tool: "usermod" | "groupmod" }>;

/** A shadow rename, as the message names it: `usermod -l web app`. */
export function renameText(call: RenameCall): string {
  return call.tool === "usermod"
    ? `usermod -l ${call.to} ${call.user}`
    : `groupmod -n ${call.to} ${call.group}`;
}

/**
 * Moves the renamed account to its new name, with its ID. The old name is gone (a package's
 * account of that name too) until something makes it again; a renamed group stays the primary
 * group of its users under the new name.
 */
export function applyRename(state: AccountState, call: RenameCall, line: number): void {
  if (call.tool === "usermod") {
    const from = call.user;
    const old = state.users.get(from);
    state.users.delete(from);
    state.removed.users.add(from);
    const origin = { kind: "renamed", tool: "usermod -l", from, line } as const;
    state.users.set(call.to, { uid: old?.uid, group: old?.group, origin });
    forget(state.renamed.users, from, call.to, line);
    return;
  }
  const from = call.group;
  const old = state.groups.get(from);
  state.groups.delete(from);
  state.removed.groups.add(from);
  const origin = { kind: "renamed", tool: "groupmod -n", from, line } as const;
  state.groups.set(call.to, { gid: old?.gid, origin });
  for (const name of state.users.all(PRIMARY_GROUP, from)) {
    const u = state.users.get(name)!;
    state.users.set(name, { ...u, group: call.to });
  }
  forget(state.renamed.groups, from, call.to, line);
}

/** Notes that `from` is gone, renamed to `to` (which is a name again). */
function forget(renamed: Map<string, RenamedName>, from: string, to: string, line: number): void {
  renamed.delete(to);
  renamed.set(from, { to, line });
}

/** The name the account has now: `usermod -l b a`, then `usermod -l c b` leave a as c. */
export function currentName(renamed: ReadonlyMap<string, RenamedName>, first: RenamedName): string {
  let to = first.to;
  // A rename to a name takes it out of the map, so the names form no cycle; bounded all the same.
  for (let k = 0; k < 100; k++) {
    const next = renamed.get(to);
    if (next === undefined) break;
    to = next.to;
  }
  return to;
}
