import { packageScript } from "./package-scripts.js";

/**
 * busybox's ID ranges on Alpine (CONFIG_FIRST_SYSTEM_ID, CONFIG_LAST_SYSTEM_ID, CONFIG_LAST_ID of
 * its build config): -S picks from the system range, anything else from LAST_SYSTEM_ID + 1 up.
 */
export const FIRST_SYSTEM_ID = 100;
export const LAST_SYSTEM_ID = 999;
const LAST_ID = 2147483647;

/**
 * The accounts at one point of a build, as busybox's addgroup/adduser look them up (getgrnam,
 * getgrgid, getpwnam, getpwuid). `unknown`: some account's ID is not known here (a `$UID`, a
 * step alpinize cannot read), so an ID busybox picks is only probably the one found.
 */
export interface IdBook {
  hasGroup(name: string): boolean;
  hasUser(name: string): boolean;
  gidTaken(gid: number): boolean;
  uidTaken(uid: number): boolean;
  readonly unknown: boolean;
}

/** What a busybox command made: the account, its ID, and the group a user went into. */
export type MadeAccount =
  | { kind: "group"; name: string; id: number }
  | { kind: "user"; name: string; id: number; group: string };

/**
 * The first ID `taken` says is free, from where busybox starts: 100 up to 999 for a system account
 * (-S), else 1000 up. Undefined when none is left ("no gids left").
 */
export function firstFreeId(system: boolean, taken: (id: number) => boolean): number | undefined {
  const last = system ? LAST_SYSTEM_ID : LAST_ID;
  for (let id = system ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1; id <= last; id++)
    if (!taken(id)) return id;
  return undefined;
}

/**
 * busybox `addgroup [-S] [-g GID] NAME`: refused on a name or a given GID in use; otherwise the
 * GID given, or the first free one of its range. Undefined when it fails.
 */
export function busyboxAddgroup(
  book: IdBook,
  name: string,
  gid: number | undefined,
  system: boolean,
): MadeAccount | undefined {
  if (book.hasGroup(name)) return undefined;
  if (gid !== undefined) return book.gidTaken(gid) ? undefined : { kind: "group", name, id: gid };
  const id = firstFreeId(system, (n) => book.gidTaken(n));
  return id === undefined ? undefined : { kind: "group", name, id };
}

/**
 * busybox `adduser [-S] [-u UID] [-G GROUP] NAME`, the IDs it takes: with -G (or -S, which puts
 * the user in nogroup) only the UID must be free; without either, busybox makes the user's own
 * group with GID = UID, so it looks for an ID free as both UID and GID, and then fails on a group
 * of the user's name. Returns the user (and its own group first), or undefined when it fails.
 */
export function busyboxAdduser(
  book: IdBook,
  name: string,
  uid: number | undefined,
  group: string | undefined,
  system: boolean,
): MadeAccount[] | undefined {
  const into = group ?? (system ? "nogroup" : undefined);
  if (into !== undefined && !book.hasGroup(into)) return undefined;
  if (book.hasUser(name)) return undefined;
  const own = into === undefined;
  const taken = (n: number) => book.uidTaken(n) || (own && book.gidTaken(n));
  const id = uid === undefined ? firstFreeId(system, taken) : taken(uid) ? undefined : uid;
  if (id === undefined || (own && book.hasGroup(name))) return undefined;
  const user: MadeAccount = { kind: "user", name, id, group: into ?? name };
  return own ? [{ kind: "group", name, id }, user] : [user];
}

/**
 * What Alpine package `pkg`'s pre-install script makes when apk installs it where `book` says
 * which accounts are there, in order; `add` is told each account as it is made, so the next step
 * sees it. Undefined for a package the table does not know.
 */
export function runPackageScript(
  book: IdBook,
  pkg: string,
  add: (made: MadeAccount) => void,
): MadeAccount[] | undefined {
  const script = packageScript(pkg);
  if (!script) return undefined;
  const made: MadeAccount[] = [];
  for (const step of script.steps) {
    const out =
      step.tool === "addgroup"
        ? busyboxAddgroup(book, step.group, step.gid, true)
        : busyboxAdduser(book, step.user, step.uid, step.group, true);
    for (const m of out === undefined ? [] : Array.isArray(out) ? out : [out]) {
      add(m);
      made.push(m);
    }
  }
  return made;
}

/**
 * An /etc/group and /etc/passwd as names and IDs, for following busybox's choices: `undefined`
 * for an ID that is not known (a `$UID`), which makes `unknown` true while that account is there.
 */
export class IdTable implements IdBook {
  readonly groups = new Map<string, number | undefined>();
  readonly users = new Map<string, number | undefined>();
  private readonly gids = new Map<number, number>();
  private readonly uids = new Map<number, number>();
  private readonly vague = new Set<string>();
  /** Something else makes the IDs uncertain (a step that removes accounts). */
  doubtful = false;

  get unknown(): boolean {
    return this.doubtful || this.vague.size > 0;
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }
  hasUser(name: string): boolean {
    return this.users.has(name);
  }
  gidTaken(gid: number): boolean {
    return this.gids.has(gid);
  }
  uidTaken(uid: number): boolean {
    return this.uids.has(uid);
  }

  /** Sets the group's GID (again: a step that gives a known group its GID). */
  addGroup(name: string, gid: number | undefined): void {
    this.set(this.groups, this.gids, `g:${name}`, name, gid);
  }

  addUser(name: string, uid: number | undefined): void {
    this.set(this.users, this.uids, `u:${name}`, name, uid);
  }

  add(made: MadeAccount): void {
    if (made.kind === "group") this.addGroup(made.name, made.id);
    else this.addUser(made.name, made.id);
  }

  private set(
    names: Map<string, number | undefined>,
    ids: Map<number, number>,
    key: string,
    name: string,
    id: number | undefined,
  ): void {
    const old = names.get(name);
    if (old !== undefined) {
      const left = (ids.get(old) ?? 1) - 1;
      if (left > 0) ids.set(old, left);
      else ids.delete(old);
    }
    names.set(name, id);
    if (id === undefined) this.vague.add(key);
    else {
      this.vague.delete(key);
      ids.set(id, (ids.get(id) ?? 0) + 1);
    }
  }
}
