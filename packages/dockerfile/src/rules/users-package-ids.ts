import type { MigrationContext } from "../migrate/context.js";
import type { AccountLogEntry, NotedAccount } from "../migrate/context-records.js";
import type { Stage } from "../stages.js";
import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "./alpine-base.js";
import { baseRepository } from "./base-image.js";
import { IdTable, type MadeAccount, runPackageScript } from "./busybox-ids.js";
import { alpineImageAccounts } from "./image-accounts.js";
import { packageScript } from "./package-scripts.js";
import type { ScriptScope } from "./scope.js";

export type { AccountLogEntry, NotedAccount } from "../migrate/context-records.js";

/** The last entry of each stage, to find how many of its packages are noted without a scan. */
const lastEntry = new WeakMap<Stage, { index: number; entry: AccountLogEntry }>();
/** Files where a package with an install script was noted: the rest skip the simulation. */
const withScripts = new WeakSet<MigrationContext>();

/**
 * Notes, in build order, the packages the stage installed since its last note and the account a
 * step makes now (`recordGroup`, `checkIds`): what busybox picks depends on both.
 */
export function noteAccount(scope: ScriptScope, account?: NotedAccount): void {
  const log = scope.ctx.accountLog;
  const stage = scope.stage.info.stage;
  const installed = scope.stage.alpineInstalled;
  const before = notedCount(log, stage);
  if (installed.size === before && account === undefined) return;
  const packages = installed.size > before ? [...installed].slice(before) : [];
  if (packages.some((p) => packageScript(p) !== undefined)) withScripts.add(scope.ctx);
  const entry = { stage, count: installed.size, packages, account };
  lastEntry.set(stage, { index: log.length, entry });
  log.push(entry);
}

/** How many of the stage's installed packages the log has (a checkpoint may have cut it back). */
function notedCount(log: readonly AccountLogEntry[], stage: Stage): number {
  const last = lastEntry.get(stage);
  if (last && log[last.index] === last.entry) return last.entry.count;
  for (let k = log.length - 1; k >= 0; k--) if (log[k]!.stage === stage) return log[k]!.count;
  return 0;
}

/** An account an installed package's install script made, and how sure its ID is. */
export interface PackageHeld {
  pkg: string;
  name: string;
  /** Set by the script itself (squid's 31), not picked by busybox. */
  fixed: boolean;
  /** A step before it had an ID alpinize cannot know, or removes accounts: a guess. */
  probable: boolean;
}

/**
 * The account that an install script of a package this stage chain installed before this point
 * made with ID `id` (a group's GID or a user's UID), as busybox picks it: nginx's group gets the
 * first free system GID (101 on Alpine's base, where users has 100).
 */
export function packageIdHolder(
  scope: ScriptScope,
  kind: "group" | "user",
  id: string | undefined,
): PackageHeld | undefined {
  if (id === undefined || !/^\d+$/.test(id)) return undefined;
  noteAccount(scope);
  if (!withScripts.has(scope.ctx)) return undefined;
  const { table, made } = replayed(scope);
  // The few accounts packages made, not every account of the table.
  const names = kind === "group" ? table.groups : table.users;
  for (const [key, held] of made)
    if (key === `${kind}:${held.name}` && names.get(held.name) === Number(id)) return held;
  return undefined;
}

/** Steps that take accounts away or renumber them, which the log does not follow. */
const REMOVES = /\b(?:delgroup|deluser|groupdel|userdel|groupmod|usermod)\b/;

/** The stage chain's accounts as replayed up to `next` in the log, kept per stage. */
interface Replay {
  table: IdTable;
  made: Map<string, PackageHeld>;
  ran: Set<string>;
  chain: Set<Stage>;
  /** A stage built FROM the one it was made for went on with it: that one's is gone. */
  handedOn?: boolean;
  /** The log entries read so far, and the last of them (a checkpoint may have cut the log). */
  next: number;
  last: AccountLogEntry | undefined;
}

const replays = new WeakMap<Stage, Replay>();

/**
 * The accounts of the stage chain's image, then its log replayed: what each package made. Kept
 * per stage and moved on by the entries added since, so a stage that makes many accounts reads
 * the log once, not once per account.
 */
function replayed(scope: ScriptScope): Replay {
  const log = scope.ctx.accountLog;
  const stage = scope.stage.info.stage;
  const own = replays.get(stage);
  // One handed on to a stage built FROM this one is that stage's now.
  let r = own?.handedOn ? undefined : (own ?? inherited(stage));
  if (r === undefined || !current(r, log)) r = start(scope);
  replays.set(stage, r);
  for (; r.next < log.length; r.next++) {
    const entry = log[r.next]!;
    if (r.chain.has(entry.stage)) apply(r, entry);
  }
  r.last = log[r.next - 1];
  return r;
}

/** The replay still matches the log: a checkpoint did not cut back what it read. */
function current(r: Replay, log: readonly AccountLogEntry[]): boolean {
  return r.next <= log.length && (r.next === 0 || log[r.next - 1] === r.last);
}

/**
 * The replay of the nearest stage this one is built FROM that has one, taken over: that stage is
 * done (stages are migrated in order), so a FROM chain reads the log once, not once per stage. A
 * second stage built FROM the same one starts again.
 */
function inherited(stage: Stage): Replay | undefined {
  const walked = [stage];
  for (let s = stage.parent; s; s = s.parent) {
    const r = replays.get(s);
    if (r === undefined) {
      walked.push(s);
      continue;
    }
    if (r.handedOn) return undefined;
    r.handedOn = true;
    const next = { ...r, handedOn: false };
    for (const w of walked) next.chain.add(w);
    return next;
  }
  return undefined;
}

function start(scope: ScriptScope): Replay {
  const stage = scope.stage.info.stage;
  const table = new IdTable();
  for (const [gid, name] of ALPINE_BASE_GROUPS) table.addGroup(name, gid);
  for (const [uid, name] of ALPINE_BASE_USERS) table.addUser(name, uid);
  for (const a of alpineImageAccounts(baseRepository(scope.ctx, stage) ?? "")) {
    if (!table.hasGroup(a.name)) table.addGroup(a.name, a.alpine.gid);
    table.addUser(a.name, a.alpine.uid);
  }
  table.doubtful = REMOVES.test(scope.ctx.text);
  const chain = new Set<Stage>();
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.add(s);
  return { table, made: new Map(), ran: new Set(), chain, next: 0, last: undefined };
}

/** One log entry: the install scripts of its packages, then the file's account. */
function apply(r: Replay, entry: AccountLogEntry): void {
  const { table, made, ran } = r;
  for (const pkg of entry.packages) {
    if (ran.has(pkg)) continue;
    ran.add(pkg);
    const probable = table.unknown;
    runPackageScript(table, pkg, (m) => {
      table.add(m);
      made.set(`${m.kind}:${m.name}`, { pkg, name: m.name, fixed: setsId(pkg, m), probable });
    });
  }
  const a = entry.account;
  if (a === undefined) return;
  const id = a.id !== undefined && /^\d+$/.test(a.id) ? Number(a.id) : undefined;
  if (a.kind === "group") table.addGroup(a.name, id);
  else table.addUser(a.name, id);
  made.delete(`${a.kind}:${a.name}`);
}

/** The package's script gives the account its ID itself (squid's `-g 31`, `-u 31`). */
function setsId(pkg: string, m: MadeAccount): boolean {
  return (packageScript(pkg)?.steps ?? []).some((s) =>
    s.tool === "addgroup"
      ? m.kind === "group" && s.group === m.name && s.gid !== undefined
      : m.kind === "user" && s.user === m.name && s.uid !== undefined,
  );
}

/**
 * Warns that busybox stops on `-g`/`-u` `id` (`option`: "addgroup -g", "adduser -u") because an
 * install script took it; `own`: the user whose own group busybox adduser makes with GID = UID.
 * `made`: the account the step makes: when the package made that very name, busybox stops on the
 * name first, which the caller says (createdByPackage).
 */
export function warnPackageId(
  scope: ScriptScope,
  at: number,
  kind: "group" | "user",
  id: string | undefined,
  option: string,
  own?: string,
  made?: string,
): void {
  const held = packageIdHolder(scope, kind, id);
  if (held === undefined || held.name === made || held.name === own) return;
  const what = kind === "group" ? "GID" : "UID";
  const tool = kind === "group" ? "addgroup -S" : "adduser -S";
  const how = held.fixed
    ? `with ${what} ${id} itself`
    : `with ${tool}, where busybox picks the first free system ${what} (100 up), ${held.probable ? `which is ${id} unless a step before it (one with an ID alpinize cannot know, or one that removes accounts) changed that` : `${id} here`}`;
  const subject = own
    ? `GID ${id}, which busybox ${option} ${id} without -G gives the group of ${own} it makes,`
    : `${what} ${id}`;
  const quote = own || kind === "user" ? `uid '${id}' in use` : `gid '${id}' in use`;
  const first = own || kind === "user" ? "user" : "group";
  scope.warn(
    "users",
    at,
    `${subject} is ${held.probable ? "probably " : ""}taken on Alpine by ${kind} ${held.name}: Alpine's ${held.pkg} package, installed before this step, makes it in its install script ${how}; busybox ${option} ${id} then stops (${quote}): make this ${first} before the package's install (its script then takes the next free ${what}), or pick another ${own ? "UID" : what}`,
  );
}
