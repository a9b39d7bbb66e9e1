import type { Stage } from "../stages.js";
import { ALPINE_BASE_GROUPS } from "./alpine-base.js";
import type { ScriptScope } from "./scope.js";

/**
 * Base groups a converted step deletes (`delgroup ping` before `addgroup -g 999 worker`), per
 * stage: base group → the group made with its GID.
 */
const removed = new WeakMap<Stage, Map<string, string>>();

/** Notes that this stage's converted step deletes base group `holder` to make group `group`. */
export function recordRemoved(scope: ScriptScope, holder: string, group: string): void {
  const stage = scope.stage.info.stage;
  let groups = removed.get(stage);
  if (!groups) {
    groups = new Map();
    removed.set(stage, groups);
  }
  groups.set(holder, group);
}

/**
 * Alpine's base group with GID `gid` where the command at script offset `at` runs: none when a
 * step of this stage (or a stage it is built FROM) deleted it before (`delgroup ping`). Without
 * `at`, only the deletions alpinize wrote count.
 */
export function baseGroupAt(
  scope: ScriptScope,
  at: number | undefined,
  gid: number,
): string | undefined {
  const name = ALPINE_BASE_GROUPS.get(gid);
  if (name === undefined) return undefined;
  return removedBefore(scope, at, name) ? undefined : name;
}

function removedBefore(scope: ScriptScope, at: number | undefined, name: string): boolean {
  for (let s: Stage | undefined = scope.stage.info.stage; s; s = s.parent) {
    const group = removed.get(s)?.get(name);
    // A tentative conversion that was abandoned takes its groups out of the context's list.
    if (group !== undefined && scope.ctx.createdGroups.has(group)) return true;
  }
  return at !== undefined && deletesGroup(textBefore(scope, at), name);
}

/** The text of this stage up to script offset `at`, after that of the stages it is built FROM. */
function textBefore(scope: ScriptScope, at: number): string {
  const text = scope.ctx.text;
  const stage = scope.stage.info.stage;
  const parts = [text.slice(stage.from.end, scope.fileOffset(at))];
  for (let s = stage.parent; s; s = s.parent) {
    const last = s.body[s.body.length - 1];
    if (last) parts.unshift(text.slice(s.from.end, last.end));
  }
  return parts.join("\n");
}

/** A `delgroup NAME` or `groupdel NAME` (the group itself, not `delgroup USER NAME`) in `text`. */
function deletesGroup(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  const n = name.replace(/[.\\-]/g, "\\$&");
  const re = new RegExp(
    `\\b(?:delgroup|groupdel)(?:\\s+-\\S+)*\\s+['"]?${n}['"]?(?=\\s*(?:$|[;&|)}]|\\\\?\\r?\\n))`,
    "m",
  );
  return re.test(text);
}
