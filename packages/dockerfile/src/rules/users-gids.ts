import type { Stage } from "../stages.js";
import { wholeVariable } from "../stages.js";
import { imageGroupWithGid } from "./image-accounts.js";
import type { ScriptScope } from "./scope.js";
import { baseGroupAt } from "./users-base-gone.js";
import { noteAccount } from "./users-package-ids.js";

/** The groups one stage creates, indexed so a GID is looked up, not searched for. */
interface StageGroups {
  /** Name → the GID word as written (number or `$VAR`), if any, in the order first made. */
  made: Map<string, string | undefined>;
  /** Name → its place in `made`. */
  order: Map<string, number>;
  /** `gidKey` of a GID word → the names made with it, in the order of `made`. */
  byKey: Map<string, string[]>;
}

const stageGroups = new WeakMap<Stage, StageGroups>();

/**
 * How a GID is compared: a number as is; `$GID`, `${GID}`, `"$GID"` and `"${GID}"` are one
 * value; any other expansion only equals the same text.
 */
function gidKey(gid: string): string {
  const bare = /^"(.*)"$/.exec(gid)?.[1] ?? gid;
  const variable = wholeVariable(bare);
  return variable === undefined ? bare : `$${variable}`;
}

/** Groups a `groupmod -n NEW OLD` of each stage took the name OLD from (until made again). */
const stageRenamed = new WeakMap<Stage, Set<string>>();

/** Notes that this stage creates group `name` (with GID word `gid`, when given). */
export function recordGroup(scope: ScriptScope, name: string, gid: string | undefined): void {
  scope.ctx.setCreatedGroup(name, gid);
  noteAccount(scope, { kind: "group", name, id: gid });
  const stage = scope.stage.info.stage;
  let groups = stageGroups.get(stage);
  if (!groups) {
    groups = { made: new Map(), order: new Map(), byKey: new Map() };
    stageGroups.set(stage, groups);
  }
  indexGroup(groups, name, gid);
  stageRenamed.get(stage)?.delete(name);
}

/** Records `name` with GID word `gid` (made again: its new GID, at its first place). */
function indexGroup(groups: StageGroups, name: string, gid: string | undefined): void {
  const before = groups.made.get(name);
  if (before !== undefined) {
    const names = groups.byKey.get(gidKey(before))!;
    names.splice(names.indexOf(name), 1);
  }
  groups.made.set(name, gid);
  if (!groups.order.has(name)) groups.order.set(name, groups.order.size);
  if (gid === undefined) return;
  const key = gidKey(gid);
  const names = groups.byKey.get(key) ?? [];
  groups.byKey.set(key, names);
  const place = groups.order.get(name)!;
  let at = names.length;
  while (at > 0 && groups.order.get(names[at - 1]!)! > place) at--;
  names.splice(at, 0, name);
}

/**
 * Notes that this stage renames group `from` to `to` (`groupmod -n`): `to` has its GID from
 * here on, and no group `from` holds it any more.
 */
export function recordRenamedGroup(
  scope: ScriptScope,
  from: string,
  to: string,
  gid?: string,
): void {
  recordGroup(scope, to, gid ?? scope.ctx.createdGroups.get(from));
  const stage = scope.stage.info.stage;
  const renamed = stageRenamed.get(stage) ?? new Set<string>();
  renamed.add(from);
  stageRenamed.set(stage, renamed);
}

/**
 * The group this stage, or a stage it is built FROM, created with GID word `gid`: busybox takes
 * group names where shadow takes GIDs. A group of another stage does not exist in this one.
 */
export function groupWithGid(scope: ScriptScope, gid: string): string | undefined {
  const key = gidKey(gid);
  const walked: Stage[] = [];
  for (let s: Stage | undefined = scope.stage.info.stage; s; s = s.parent) {
    walked.push(s);
    for (const name of stageGroups.get(s)?.byKey.get(key) ?? []) {
      // A tentative conversion that was abandoned takes its groups out of the context's list.
      if (!scope.ctx.createdGroups.has(name)) continue;
      // Renamed in this stage or one between it and the stage that made the group: gone by then.
      if (walked.some((w) => stageRenamed.get(w)?.has(name))) continue;
      return name;
    }
  }
  // A GID of the official image's own group, as its Debian variant numbers it (node's 1000).
  return imageGroupWithGid(scope.ctx, scope.stage.info.stage, gid);
}

/**
 * This stage or a stage it is built FROM made group `name` before this point: a group of another
 * stage does not exist in this one.
 */
export function madeInChain(scope: ScriptScope, name: string): boolean {
  // A tentative conversion that was abandoned takes its groups out of the context's list.
  if (!scope.ctx.createdGroups.has(name)) return false;
  for (let s: Stage | undefined = scope.stage.info.stage; s; s = s.parent) {
    if (stageGroups.get(s)?.made.has(name)) return true;
  }
  return false;
}

/** A GID word that expands at build time (`$GID`, `"${GID}"`), which busybox cannot look up. */
export function isExpansion(word: string): boolean {
  return /[$`]/.test(word);
}

/**
 * The group that already has GID word `gid` where the line at script offset `at` runs: one of
 * Alpine's base image (a number; not one a step deleted before), or one this stage or a stage it
 * is built FROM made with the same word.
 */
export function gidHolder(scope: ScriptScope, gid: string, at?: number): string | undefined {
  const numeric = /^\d+$/.test(gid);
  if (!numeric && !isExpansion(gid)) return undefined;
  return groupWithGid(scope, gid) ?? (numeric ? baseGroupAt(scope, at, Number(gid)) : undefined);
}
