import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "../facts/alpine-base.js";
import type { RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

export interface FreedIds {
  gids: Set<number>;
  uids: Set<number>;
}

/**
 * `delgroup ping` (`deluser NAME`) frees the ID Alpine's base gave that group (user): migrate
 * writes it before an `addgroup -g 999` that Debian's base lets through. A two-word delgroup
 * takes a user out of a group and frees nothing.
 */
export function recordFreed(cmd: ShellCommand, freed: FreedIds): void {
  const words = cmd.args.filter((a) => !a.startsWith("-"));
  if (words.length !== 1) return;
  const [table, into] =
    baseName(cmd.name) === "delgroup"
      ? [ALPINE_BASE_GROUPS, freed.gids]
      : [ALPINE_BASE_USERS, freed.uids];
  for (const [id, holder] of table) if (holder === words[0]) into.add(id);
}

/** busybox addgroup/adduser fail on an ID Alpine's base image already uses (GID 999 is ping). */
export function checkIds(
  stage: StageInfo,
  cmd: ShellCommand,
  line: number,
  emit: Emit,
  freed: FreedIds,
): void {
  const flag = cmd.name.endsWith("addgroup") ? "-g" : "-u";
  const long = flag === "-g" ? "--gid" : "--uid";
  const held = flag === "-g" ? ALPINE_BASE_GROUPS : ALPINE_BASE_USERS;
  const gone = flag === "-g" ? freed.gids : freed.uids;
  const taken = { has: (id: number) => held.has(id) && !gone.has(id) };
  // `-g 999`, `-g999`, `--gid 999`, `--gid=999`
  let id: string | undefined;
  cmd.args.forEach((a, k) => {
    if (a === flag || a === long) id = cmd.args[k + 1];
    else if (a.startsWith(`${long}=`)) id = a.slice(long.length + 1);
    else if (a.startsWith(flag) && /^\d+$/.test(a.slice(2))) id = a.slice(2);
  });
  if (id === undefined || !/^\d+$/.test(id)) return;
  if (!taken.has(Number(id))) {
    if (flag === "-u" && !freed.gids.has(Number(id))) checkUserGroupId(stage, cmd, id, line, emit);
    return;
  }
  emit(
    line,
    "alpine-id-taken",
    `${cmd.name} ${flag} ${id} in stage ${stage.name}: Alpine's base image already uses ${flag === "-g" ? "GID" : "UID"} ${id}, so the command fails; pick another ID (and chown files to it)`,
  );
}

/**
 * busybox `adduser -u N` without -G also creates a group named like the user with GID N, and
 * fails with "uid 'N' in use" when Alpine's base holds GID N (ping holds 999), though UID N is
 * free. A system user (-S) without -G goes into nogroup instead (both checked under musl busybox).
 */
function checkUserGroupId(
  stage: StageInfo,
  cmd: ShellCommand,
  id: string,
  line: number,
  emit: Emit,
): void {
  const group = ALPINE_BASE_GROUPS.get(Number(id));
  const hasGroup = cmd.args.some((a) => /^(?:-G|--ingroup)/.test(a));
  const system = cmd.args.some((a) => a === "--system" || /^-[A-Za-z]*S[A-Za-z]*$/.test(a));
  if (group === undefined || hasGroup || system) return;
  emit(
    line,
    "alpine-id-taken",
    `${cmd.name} -u ${id} without -G in stage ${stage.name}: busybox adduser then makes a group with GID ${id}, which Alpine's base already gives to ${group}, so it fails with "uid '${id}' in use"; create the group first (addgroup -g GID NAME) and pass -G NAME, or pick another UID`,
  );
}
