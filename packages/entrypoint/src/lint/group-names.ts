import { groupWords, type Kind, split } from "../rewrite/group-uses.js";
import { commandName } from "../shell/command-name.js";
import { literal, type SimpleCommand, type Word } from "../shell/scan.js";

export interface GroupNameUse {
  offset: number;
  group: string;
  gid: string;
}

/**
 * Later uses of a group NAME that the script made with a GID (`groupadd -g GID NAME`,
 * `addgroup -g GID NAME`, or `alpinize_ensure_group NAME GID` whose printed name is thrown
 * away): on Alpine another group may hold the GID (ping holds 999), the shim reuses it, and
 * NAME does not exist, so `chgrp NAME` or `alpinize_exec_as app:NAME` fails.
 */
export function groupNameUses(commands: SimpleCommand[]): GroupNameUse[] {
  const made = new Map<string, string>();
  const out: GroupNameUse[] = [];
  for (const cmd of commands) {
    const target = commandName(cmd);
    if (!target?.name) continue;
    const args = cmd.words.slice(target.at + 1);
    for (const { word, kind } of usesOf(target.name, args)) {
      const parts = split(word.text, kind);
      const gid = parts ? made.get(parts.group) : undefined;
      if (parts && gid !== undefined) out.push({ offset: word.start, group: parts.group, gid });
    }
    const origin = cmd.depth === 0 ? madeGroup(target.name, args) : undefined;
    if (origin) made.set(origin.name, origin.gid);
  }
  return out;
}

function usesOf(name: string, args: Word[]): Array<{ word: Word; kind: Kind }> {
  if (["gosu", "su-exec", "alpinize_exec_as"].includes(name) && args[0])
    return [{ word: args[0], kind: "owner" }];
  if (name === "alpinize_add_user_to_group" && args[1]) return [{ word: args[1], kind: "group" }];
  if (name === "getent" || name === "alpinize_getent") return getentGroupKeys(args);
  return groupWords(name, args) ?? [];
}

/**
 * The keys of `getent group KEY…`: the rewrite leaves the call as written and warns, since the
 * lookup fails where NAME was never made. Options (glibc's `-s SERVICE`, `-i`) come first.
 */
function getentGroupKeys(args: Word[]): Array<{ word: Word; kind: Kind }> {
  let i = 0;
  for (; i < args.length; i++) {
    const lit = literal(args[i]!.text);
    if (lit === "--") {
      i++;
      break;
    }
    if (lit === undefined || !lit.startsWith("-")) break;
    if (lit === "-s") i++;
  }
  if (literal(args[i]?.text ?? "") !== "group") return [];
  return args.slice(i + 1).map((word) => ({ word, kind: "group" as const }));
}

function madeGroup(name: string, args: Word[]): { name: string; gid: string } | undefined {
  const last = literal(args.at(-1)?.text ?? "");
  if (name === "alpinize_ensure_group") {
    const group = literal(args[0]?.text ?? "");
    return group && args[1] ? { name: group, gid: args[1].text } : undefined;
  }
  if ((name !== "groupadd" && name !== "addgroup") || !last || last.startsWith("-"))
    return undefined;
  for (let i = 0; i < args.length - 1; i++) {
    const lit = literal(args[i]!.text) ?? "";
    if (lit === "-g" || lit === "--gid") return { name: last, gid: args[i + 1]!.text };
    const m = /^(?:-g|--gid=)(\d+)$/.exec(lit);
    if (m) return { name: last, gid: m[1]! };
  }
  return undefined;
}
