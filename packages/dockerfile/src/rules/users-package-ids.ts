import type { MigrationContext } from "../migrate/context.js";
import type { Stage } from "../stages.js";
import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "./alpine-base.js";
import { baseRepository } from "./base-image.js";
import { IdTable, type MadeAccount, runPackageScript } from "./busybox-ids.js";
import { alpineImageAccounts } from "./image-accounts.js";
import { packageScript } from "./package-scripts.js";
import type { ScriptScope } from "./scope.js";

/** An account a step of the file makes, with its ID word as written (none: busybox picks). */
export interface NotedAccount {
  kind: "group" | "user";
  name: string;
  id: string | undefined;
}

/**
 * One point of a stage's build as far as IDs go: the packages apk installed in the stage since
 * its previous entry (`count`: how many the stage had installed then), and the account a step
 * made there, if one. The context keeps them in build order (MigrationContext.accountLog).
 */
export interface AccountLogEntry {
  stage: Stage;
  count: number;
  packages: readonly string[];
  account?: NotedAccount;
}

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
  const { table, made } = replay(scope);
  const names = kind === "group" ? table.groups : table.users;
  for (const [name, held] of names) if (held === Number(id)) return made.get(`${kind}:${name}`);
  return undefined;
}

/** Steps that take accounts away or renumber them, which the log does not follow. */
const REMOVES = /\b(?:delgroup|deluser|groupdel|userdel|groupmod|usermod)\b/;

/** The accounts of the stage chain's image, then its log replayed: what each package made. */
function replay(scope: ScriptScope): { table: IdTable; made: Map<string, PackageHeld> } {
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
  const made = new Map<string, PackageHeld>();
  const ran = new Set<string>();
  for (const entry of scope.ctx.accountLog) {
    if (!chain.has(entry.stage)) continue;
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
    if (a === undefined) continue;
    const id = a.id !== undefined && /^\d+$/.test(a.id) ? Number(a.id) : undefined;
    if (a.kind === "group") table.addGroup(a.name, id);
    else table.addUser(a.name, id);
    made.delete(`${a.kind}:${a.name}`);
  }
  return { table, made };
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
