import { ALPINE_BASE_GROUPS, ALPINE_BASE_PRIMARY_GIDS, ALPINE_BASE_USERS } from "@alpinize/busybox";
import type { Instruction } from "@alpinize/dockerfile";
import { alpineImageAccounts } from "@alpinize/dockerfile";
import { AccountMap } from "./account-map.js";

/** Where an account the stage finds comes from, for the message that names it. */
export type AccountOrigin =
  | { kind: "base" }
  | { kind: "image"; repo: string }
  | { kind: "line"; line: number }
  | { kind: "package"; pkg: string }
  | { kind: "renamed"; tool: "usermod -l" | "groupmod -n"; from: string; line: number };

/** A name a rename took away: the account's new name and the line of the rename. */
export interface RenamedName {
  to: string;
  line: number;
}

/**
 * How an account's ID came to be known: written in the command (or the image's), or picked by
 * busybox as alpinize's model of it says, surely or (`probable`: a step before it whose ID is not
 * known may have taken that one) probably.
 */
export type IdSource = "given" | "picked" | "probable";

export interface GroupEntry {
  gid: number | undefined;
  origin: AccountOrigin;
  source?: IdSource;
}

export interface UserEntry {
  uid: number | undefined;
  /** The primary group's name (busybox delgroup refuses it while the user is there). */
  group: string | undefined;
  origin: AccountOrigin;
  source?: IdSource;
}

/**
 * What is known of /etc/group and /etc/passwd at one point of an Alpine stage's build: Alpine's
 * base accounts, the official image's own, what the install scripts of the packages apk added
 * made, and what earlier busybox commands made and removed. An ID busybox picked itself
 * (`addgroup -S app`, no -g) is the one its first-free search gives (busybox-ids in
 * @alpinize/dockerfile); an ID from a variable is not known.
 */
export interface AccountState {
  /** Indexed by GID (`GID`). */
  groups: AccountMap<GroupEntry>;
  /** Indexed by UID (`UID`) and by primary group (`PRIMARY_GROUP`). */
  users: AccountMap<UserEntry>;
  /** Names a deluser/delgroup removed: an installed package's account is gone too. */
  removed: { users: Set<string>; groups: Set<string> };
  /** Names a `usermod -l`/`groupmod -n` took away and nothing made again, with the new name. */
  renamed: { users: Map<string, RenamedName>; groups: Map<string, RenamedName> };
  /** /etc/group or /etc/passwd was written or copied in: nothing can be told. */
  opaque: boolean;
  /** Packages whose install scripts ran into this state, in the order apk added them. */
  packages: Set<string>;
  /** A step that may or may not have run (`if`, `||`) may have taken IDs: picked ones are guesses. */
  uncertain: boolean;
}

const BASE: AccountOrigin = { kind: "base" };

/** The indexes of `AccountState.groups` and `.users`. */
export const GID = 0;
export const UID = 0;
export const PRIMARY_GROUP = 1;
const GROUP_KEYS = [(g: GroupEntry) => g.gid];
const USER_KEYS = [(u: UserEntry) => u.uid, (u: UserEntry) => u.group];

/**
 * The accounts of an Alpine stage's image before any RUN: Alpine's base, with what the official
 * image (`node`, `php`, and the images built on php) adds. An image not in the table counts as
 * Alpine's base: every Alpine-based image starts from alpine-baselayout's files.
 */
export function imageAccounts(repo: string | undefined): AccountState {
  const state: AccountState = {
    groups: new AccountMap(GROUP_KEYS),
    users: new AccountMap(USER_KEYS),
    removed: { users: new Set(), groups: new Set() },
    renamed: { users: new Map(), groups: new Map() },
    opaque: false,
    packages: new Set(),
    uncertain: false,
  };
  for (const [gid, name] of ALPINE_BASE_GROUPS) state.groups.set(name, { gid, origin: BASE });
  // The table names the first user per primary GID: sync, shutdown and halt (GID 0) are left
  // out, which only matters to a `delgroup root`.
  const primary = new Map([...ALPINE_BASE_PRIMARY_GIDS].map(([gid, user]) => [user, gid]));
  for (const [uid, name] of ALPINE_BASE_USERS) {
    const gid = primary.get(name);
    const group = gid === undefined ? undefined : ALPINE_BASE_GROUPS.get(gid);
    state.users.set(name, { uid, group, origin: BASE });
  }
  const origin: AccountOrigin = { kind: "image", repo: repo ?? "" };
  for (const a of repo === undefined ? [] : alpineImageAccounts(repo)) {
    if (!state.groups.has(a.name)) state.groups.set(a.name, { gid: a.alpine.gid, origin });
    state.users.set(a.name, { uid: a.alpine.uid, group: a.name, origin });
  }
  return state;
}

export function copyAccounts(state: AccountState): AccountState {
  return {
    groups: state.groups.copy(),
    users: state.users.copy(),
    removed: { users: new Set(state.removed.users), groups: new Set(state.removed.groups) },
    renamed: { users: new Map(state.renamed.users), groups: new Map(state.renamed.groups) },
    opaque: state.opaque,
    packages: new Set(state.packages),
    uncertain: state.uncertain,
  };
}

/** The group that has GID `gid`, by name. */
export function groupWithGid(state: AccountState, gid: number): string | undefined {
  return state.groups.first(GID, gid);
}

/** The user that has UID `uid`, by name. */
export function userWithUid(state: AccountState, uid: number): string | undefined {
  return state.users.first(UID, uid);
}

/** The first user (in /etc/passwd order) whose primary group is `group`. */
export function primaryUserOf(state: AccountState, group: string): string | undefined {
  return state.users.first(PRIMARY_GROUP, group);
}

/** Takes a group out; a later `addgroup NAME` makes it anew. */
export function removeGroup(state: AccountState, group: string): void {
  state.groups.delete(group);
  state.removed.groups.add(group);
}

/**
 * Takes a user out, and (as busybox deluser does) the group of its name when no other user has it
 * as primary group.
 */
export function removeUser(state: AccountState, user: string): void {
  state.users.delete(user);
  state.removed.users.add(user);
  if (state.groups.has(user) && primaryUserOf(state, user) === undefined) removeGroup(state, user);
}

/** A file in /etc/passwd's or /etc/group's place: `>> /etc/group`, `sed -i … /etc/passwd`, `COPY etc/ /etc/`. */
export function touchesAccountFiles(ins: Pick<Instruction, "keyword" | "args">): boolean {
  const text = ins.args.text;
  if (/\/etc\/(?:passwd|group)\b/.test(text)) return true;
  return /^(?:COPY|ADD)$/.test(ins.keyword) && /\s\/etc\/?\s*$/.test(text);
}
