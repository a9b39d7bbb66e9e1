import { gidOnAlpine } from "../lint/gid-holder.js";
import { parseOptions } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";
import { BB_ADDGROUP, GROUPADD, USERMOD } from "./command-options.js";
import {
  type CommandContext,
  type CommandOutcome,
  GROUP_USE,
  SHADOW_ONLY,
  text,
  warn,
} from "./command-outcome.js";
import { decimalId } from "./decimal-id.js";
import { groupUseEdits } from "./group-uses.js";

export function groupUses(name: string, ctx: CommandContext): CommandOutcome | undefined {
  const edits = groupUseEdits(name, ctx.cmd, ctx.at, ctx.groups);
  if (!edits || edits.length === 0) return undefined;
  return {
    kind: "words",
    rule: "group-name",
    edits,
    message: GROUP_USE,
  };
}

/** `alpinize_ensure_group NAME GID` as written: it stays, and later uses of NAME are known. */
export function ensuredGroup(args: Word[], ctx: CommandContext): undefined {
  const lit = literal(text(args[0]));
  if (lit !== undefined && args[1]) ctx.groups.defineEnsured(lit, args[1].text, ctx.cmd);
  return undefined;
}

function ensureGroup(
  name: Word,
  written: string,
  ctx: CommandContext,
  rule: string,
): CommandOutcome {
  const gid = decimalId(written);
  const lit = literal(name.text);
  if (lit !== undefined) ctx.groups.define(lit, gid, ctx.cmd);
  return {
    kind: "replace",
    rule,
    defines: lit,
    call: `alpinize_ensure_group ${name.text} ${gid}`,
    quietStdout: true,
    message: reuseNote(gid),
  };
}

/**
 * The GID at hand and what holds it on Alpine: an example GID (ping's 999) read as a claim about
 * a group made with GID 1500.
 */
function reuseNote(gid: string): string {
  return `reuses the group that already holds GID ${gid} instead of failing (${gidOnAlpine(gid)})`;
}

export function groupadd(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, GROUPADD);
  const gid = o.values.get("g");
  const lacking = [
    ...o.unknown,
    ...(o.flags.has("o") ? ["-o (the shim refuses a GID in use)"] : []),
    ...(o.values.has("p") ? ["-p"] : []),
  ];
  if (lacking.length > 0 || o.positionals.length !== 1)
    return warn(
      "groupadd",
      lacking.length > 0
        ? `groupadd with options the shims do not cover: ${lacking.join(", ")}; left as is`
        : "groupadd with more or fewer than one group name; left as is",
    );
  if (gid === undefined)
    return warn(
      "groupadd",
      "groupadd without -g picks a GID that differs between Debian and Alpine; add -g GID",
    );
  return ensureGroup(o.positionals[0]!, gid.text, ctx, "groupadd");
}

/** Adds USER to each group; a group created earlier with a GID is referred to by that GID. */
export function addToGroups(user: string, groups: string, ctx: CommandContext, rule: string) {
  const lit = literal(groups);
  const names = lit?.split(",").filter(Boolean) ?? [];
  // Split a literal list only when every member is a plain name; otherwise keep the word whole.
  const plain = names.length > 0 && names.every((g) => /^[A-Za-z0-9_.$-]+$/.test(g));
  const list = plain ? names : [groups];
  const calls = list.map((g) => `alpinize_add_user_to_group ${user} ${ctx.groups.ref(g, ctx.cmd)}`);
  const call = calls.length === 1 ? calls[0]! : `{ ${calls.join(" >/dev/null && ")} >/dev/null; }`;
  return {
    kind: "replace" as const,
    rule,
    call,
    quietStdout: calls.length === 1,
    message: "adds the user by group name or GID and checks the result afterwards",
  };
}

export function usermod(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, USERMOD);
  const groups = o.values.get("G");
  const onlyAppend = o.flags.size === 1 && o.flags.has("a") && o.values.size === 1;
  if (!groups || !onlyAppend || o.unknown.length > 0 || o.positionals.length !== 1)
    return warn("usermod", `only \`usermod -aG GROUP USER\` is rewritten; ${SHADOW_ONLY}`);
  return addToGroups(text(o.positionals[0]), groups.text, ctx, "usermod-append");
}

export function gpasswd(args: Word[], ctx: CommandContext): CommandOutcome {
  const flag = literal(text(args[0]));
  if ((flag !== "-a" && flag !== "--add") || args.length !== 3)
    return warn("gpasswd", "only `gpasswd -a USER GROUP` is rewritten; left as is");
  return addToGroups(text(args[1]), text(args[2]), ctx, "gpasswd-add");
}

export function addgroup(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, BB_ADDGROUP);
  if (o.unknown.length > 0) return warn("addgroup", "addgroup with unknown options; left as is");
  const gid = o.values.get("g");
  if (o.positionals.length === 2 && !gid && o.flags.size === 0)
    return addToGroups(text(o.positionals[0]), text(o.positionals[1]), ctx, "addgroup-member");
  if (o.positionals.length === 1 && gid)
    return ensureGroup(o.positionals[0]!, gid.text, ctx, "addgroup");
  return warn("addgroup", "addgroup without -g GID picks a GID that differs between systems");
}
