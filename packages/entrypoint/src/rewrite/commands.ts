import { type CommandContext, type CommandOutcome, SHADOW_ONLY, warn } from "./command-outcome.js";
import { EXEC_TOOLS, execAs, setGosu, suExec, switchUser } from "./exec-commands.js";
import { runuserForm, setprivForm } from "./exec-tools.js";
import { addgroup, ensuredGroup, gpasswd, groupadd, groupUses, usermod } from "./group-commands.js";
import { adduser, useradd } from "./user-commands.js";

export { BB_ADDGROUP, BB_ADDUSER, GROUPADD, USERADD } from "./command-options.js";
export type { CommandContext, CommandOutcome } from "./command-outcome.js";
export { SHIM_FREE_RULES, setGosuWord } from "./exec-commands.js";

export function rewriteCommand(ctx: CommandContext): CommandOutcome | undefined {
  const name = ctx.name;
  const args = ctx.cmd.words.slice(ctx.at + 1);
  if (name === "alpinize_ensure_group") return ensuredGroup(args, ctx);
  // Inside $( ) only the exec tools (`x=$(gosu app id)` runs in a subshell either way) and group
  // names: the account tools print other text than their shims, and the script may read it.
  if (ctx.cmd.depth > 0 && !EXEC_TOOLS.has(name ?? ""))
    return name === undefined ? undefined : groupUses(name, ctx);
  switch (name) {
    case "groupadd":
      return groupadd(args, ctx);
    case "usermod":
      return usermod(args, ctx);
    case "gpasswd":
      return gpasswd(args, ctx);
    case "useradd":
      return useradd(args, ctx);
    case "addgroup":
      return addgroup(args, ctx);
    case "adduser":
      return adduser(args, ctx);
    case "gosu":
      return execAs(name, args, ctx);
    case "su-exec":
      return suExec(args, ctx);
    case "runuser":
      return switchUser(name, runuserForm(args), ctx);
    case "setpriv":
      return switchUser(name, setprivForm(args), ctx);
    case "set":
      return setGosu(args, ctx.execTool);
    case "groupmod":
    case "groupdel":
    case "userdel":
      return warn(name, `${name} is not rewritten: ${SHADOW_ONLY}`);
    default:
      return name === undefined ? undefined : groupUses(name, ctx);
  }
}
