import { rewriteCommand } from "../rewrite/commands.js";
import { GroupRefs } from "../rewrite/group-refs.js";
import { finalDescriptors } from "../rewrite/redirects.js";
import { behindWrapper } from "../rewrite/word-edits.js";
import { commandName } from "../shell/command-name.js";
import type { SimpleCommand } from "../shell/scan.js";

/**
 * How the shim's output differs from the tool's, per tool the rewrite carries over: the reason a
 * call whose output the script reads is left as written.
 */
const SHIM_DIFFERS: Record<string, { differs: string; lookup: string }> = {
  groupadd: {
    differs:
      "alpinize_ensure_group prints the group's name, on Alpine maybe another group's (ping holds GID 999), where groupadd prints nothing",
    lookup: "alpinize_getent group NAME",
  },
  useradd: {
    differs:
      "alpinize_ensure_user prints messages of its own and returns 0 for a user that already has that UID, where useradd says the user exists and exits 9",
    lookup: "alpinize_getent passwd NAME",
  },
  usermod: {
    differs:
      "alpinize_add_user_to_group prints changed or unchanged, where usermod -aG prints nothing",
    lookup: "alpinize_user_in_group USER GROUP",
  },
  gpasswd: {
    differs:
      "alpinize_add_user_to_group prints changed or unchanged, where gpasswd -a prints 'Adding user USER to group GROUP'",
    lookup: "alpinize_user_in_group USER GROUP",
  },
};

/**
 * The lint's reason for a shadow tool call inside `$( )`, backquotes or `<( )` that the rewrite
 * would carry over anywhere else: it leaves calls whose output the script may read, since the
 * shim prints other text. Undefined for a call at top level, or one the rewrite declines anyway
 * (`useradd -m`, `usermod -u`, behind `nohup`), whose generic finding already says why.
 */
export function capturedShadowCall(
  text: string,
  cmd: SimpleCommand,
): { message: string; fix: string } | undefined {
  if (cmd.depth === 0) return undefined;
  const target = commandName(cmd);
  const name = target?.name;
  const shim = name === undefined ? undefined : SHIM_DIFFERS[name];
  if (!target || !shim) return undefined;
  // As if at top level, with groups of its own: only whether and to what it would be rewritten.
  const top = { ...cmd, depth: 0 };
  const found = rewriteCommand({ ...target, cmd: top, groups: new GroupRefs(text, [], [top]) });
  const outcome = target.wrapper ? behindWrapper(found, name, target.wrapper) : found;
  if (outcome?.kind !== "replace") return undefined;
  const stderr = finalDescriptors(cmd.redirects).get(2) === "fd:1";
  const messages = stderr ? "; with 2>&1 the script reads the messages too" : "";
  return {
    message: `${name} is not on Alpine unless the shadow package is installed, and alpinize entrypoint leaves this call as written: it runs inside $( ), backquotes or <( ), so the script may read what it prints, and the shim's output differs (${shim.differs}${messages})`,
    fix: `call it outside the capture (on a line of its own, or as if ${name} …; then) and run alpinize entrypoint again, which makes it ${outcome.call}; read the outcome from the shim's exit status or afterwards from ${shim.lookup}; or install shadow (apk add --no-cache shadow) and keep the line`,
  };
}
