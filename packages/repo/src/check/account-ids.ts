import {
  busyboxAddgroup,
  busyboxAdduser,
  type IdBook,
  type MadeAccount,
  runPackageScript,
} from "@alpinize/dockerfile";
import { type AccountCall, numericId } from "./account-calls.js";
import {
  type AccountOrigin,
  type AccountState,
  GID,
  groupWithGid,
  type IdSource,
  UID,
  userWithUid,
} from "./accounts.js";

/**
 * The state as busybox's lookups see it, kept up to date as accounts are written through it. An
 * ID from a variable, or a step that may not have run, make any ID busybox picks from here a guess.
 */
class StateBook implements IdBook {
  readonly unknown: boolean;

  /** `assumed`: a group taken as there (an -G group made where alpinize cannot see). */
  constructor(
    private readonly state: AccountState,
    private readonly assumed?: string,
  ) {
    this.unknown = state.uncertain || state.groups.someUnkeyed(GID) || state.users.someUnkeyed(UID);
  }

  hasGroup(name: string): boolean {
    return name === this.assumed || this.state.groups.has(name);
  }
  hasUser(name: string): boolean {
    return this.state.users.has(name);
  }
  gidTaken(gid: number): boolean {
    return groupWithGid(this.state, gid) !== undefined;
  }
  uidTaken(uid: number): boolean {
    return userWithUid(this.state, uid) !== undefined;
  }

  /** How an ID busybox picks here is known. */
  picked(): IdSource {
    return this.unknown ? "probable" : "picked";
  }

  /** Writes one account busybox made into the state (a group before the user that goes in it). */
  put(made: MadeAccount, origin: AccountOrigin, source: IdSource): void {
    if (made.kind === "group") {
      this.state.groups.set(made.name, { gid: made.id, origin, source });
      this.state.renamed.groups.delete(made.name);
      return;
    }
    this.state.users.set(made.name, { uid: made.id, group: made.group, origin, source });
    this.state.renamed.users.delete(made.name);
  }
}

/**
 * Runs the install scripts of the packages apk added that the state has not seen (`added`, in the
 * order apk added them), as apk runs them: each account gets the ID busybox gives it there. A
 * package the table does not know is taken to make none.
 */
export function runInstallScripts(state: AccountState, added: Iterable<string>): void {
  for (const pkg of added) {
    if (state.packages.has(pkg)) continue;
    state.packages.add(pkg);
    if (state.opaque) continue;
    const book = new StateBook(state);
    const source = book.picked();
    runPackageScript(book, pkg, (made) => book.put(made, { kind: "package", pkg }, source));
  }
}

type MakingCall = Extract<AccountCall, { tool: "addgroup" | "adduser" }>;

/**
 * Records what a busybox addgroup/adduser that succeeds made, with the IDs busybox picks where the
 * call gives none. An ID from a variable stays unknown.
 */
export function recordMade(state: AccountState, call: MakingCall, origin: AccountOrigin): void {
  const word = call.tool === "addgroup" ? call.gid : call.uid;
  const id = numericId(word);
  // A user's -G group made where alpinize cannot see (a script, a package it does not know) is
  // there, or busybox would have stopped: the UID is picked all the same.
  const book = new StateBook(state, call.tool === "adduser" ? call.group : undefined);
  const made =
    word !== undefined && id === undefined
      ? undefined
      : call.tool === "addgroup"
        ? [busyboxAddgroup(book, call.group, id, call.system)].filter((m) => m !== undefined)
        : busyboxAdduser(book, call.user, id, call.group, call.system);
  if (made === undefined || made.length === 0) {
    recordAsWritten(state, call, origin);
    return;
  }
  const source = word === undefined ? book.picked() : "given";
  for (const m of made) book.put(m, origin, source);
}

/** What the call makes, with the IDs as written (none for `$UID`): the model could not follow it. */
function recordAsWritten(state: AccountState, call: MakingCall, origin: AccountOrigin): void {
  if (call.tool === "addgroup") {
    state.groups.set(call.group, { gid: numericId(call.gid), origin });
    state.renamed.groups.delete(call.group);
    return;
  }
  const uid = numericId(call.uid);
  const own = call.group === undefined && !call.system;
  if (own) state.groups.set(call.user, { gid: uid, origin });
  if (own) state.renamed.groups.delete(call.user);
  state.renamed.users.delete(call.user);
  const group = call.group ?? (call.system ? "nogroup" : call.user);
  state.users.set(call.user, { uid, group, origin });
}
