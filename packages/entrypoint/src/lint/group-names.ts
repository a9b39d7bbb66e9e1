import { type GroupMention, groupMentions } from "../rewrite/group-mentions.js";
import { commandName } from "../shell/command-name.js";
import { literal, type SimpleCommand, type Word } from "../shell/scan.js";

/**
 * Later uses of a group NAME that the script made with a GID (`groupadd -g GID NAME`,
 * `addgroup -g GID NAME`, or `alpinize_ensure_group NAME GID`, captured or not): on Alpine
 * another group may hold the GID (ping holds 999), the shim reuses it, and NAME does not exist,
 * so `chgrp NAME`, `getent group NAME` or `grep NAME /etc/group` fails. The words are those the
 * rewrite edits or warns about (group-mentions.ts), so lint and a rerun agree.
 */
export function groupNameUses(
  text: string,
  inert: ReadonlyArray<readonly [number, number]>,
  commands: SimpleCommand[],
): GroupMention[] {
  // Each name's creations, so a lookup reads only that name's (a 30,000-line script makes as many).
  const made = new Map<string, Array<{ gid: string; end: number }>>();
  for (const cmd of commands) {
    const target = commandName(cmd);
    const origin = target?.name
      ? madeGroup(cmd, target.name, cmd.words.slice(target.at + 1))
      : undefined;
    if (!origin) continue;
    const list = made.get(origin.name) ?? [];
    list.push({ gid: origin.gid, end: cmd.end });
    made.set(origin.name, list);
  }
  if (made.size === 0) return [];
  // The latest creation that ends before the use: that GID is the one the use sees.
  const madeBefore = (name: string, offset: number) =>
    made.get(name)?.findLast((m) => m.end <= offset)?.gid;
  const ctx = { text, inert, madeBefore };
  return commands.flatMap((cmd) => {
    const target = commandName(cmd);
    return target?.name ? groupMentions(ctx, cmd, target.at) : [];
  });
}

function madeGroup(
  cmd: SimpleCommand,
  name: string,
  args: Word[],
): { name: string; gid: string } | undefined {
  const last = literal(args.at(-1)?.text ?? "");
  // The shim makes (or reuses) the group wherever it runs, its printed name captured or not.
  if (name === "alpinize_ensure_group") {
    const group = literal(args[0]?.text ?? "");
    return group && args[1] ? { name: group, gid: args[1].text } : undefined;
  }
  if (
    cmd.depth > 0 ||
    (name !== "groupadd" && name !== "addgroup") ||
    !last ||
    last.startsWith("-")
  )
    return undefined;
  for (let i = 0; i < args.length - 1; i++) {
    const lit = literal(args[i]!.text) ?? "";
    if (lit === "-g" || lit === "--gid") return { name: last, gid: args[i + 1]!.text };
    const m = /^(?:-g|--gid=)(\d+)$/.exec(lit);
    if (m) return { name: last, gid: m[1]! };
  }
  return undefined;
}
