import { accountRename } from "@alpinize/dockerfile";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { operands, optionValue, systemOption } from "./account-options.js";

/**
 * A busybox account command that makes or removes one account. `uid`/`gid`: the ID as written
 * (`1000`, `$UID`), when given. The two-operand forms (`addgroup USER GROUP`, `adduser USER GROUP`,
 * `delgroup USER GROUP`, `deluser USER GROUP`) only change a group's members and are not calls here.
 */
export type AccountCall =
  | {
      tool: "addgroup";
      group: string;
      gid: string | undefined;
      /** `-S`: without -g busybox picks the GID from the system range (100..999). */
      system: boolean;
    }
  | {
      tool: "adduser";
      user: string;
      uid: string | undefined;
      /** `-G GROUP` (`--ingroup`): without it busybox makes a group named like the user. */
      group: string | undefined;
      /**
       * `-S`: without -G the user goes into nogroup, and no group is made; without -u busybox
       * picks the UID from the system range (100..999).
       */
      system: boolean;
    }
  | { tool: "delgroup"; group: string }
  | { tool: "deluser"; user: string }
  /** shadow's `usermod -l TO USER` and `groupmod -n TO GROUP`: the account keeps its ID. */
  | { tool: "usermod"; user: string; to: string }
  | { tool: "groupmod"; group: string; to: string };

/** A name busybox would look up as written (no `$VAR`, no quotes left). */
const ACCOUNT_NAME = /^[a-z_][a-z0-9_.-]*\$?$/i;

/**
 * The account a busybox addgroup/adduser/delgroup/deluser command makes or removes, or a shadow
 * usermod/groupmod renames, if one.
 */
export function accountCall(cmd: ShellCommand): AccountCall | undefined {
  const tool = baseName(cmd.name);
  const rename = accountRename(tool, cmd.args);
  if (rename?.kind === "user") return { tool: "usermod", user: rename.from, to: rename.to };
  if (rename) return { tool: "groupmod", group: rename.from, to: rename.to };
  if (tool !== "addgroup" && tool !== "adduser" && tool !== "delgroup" && tool !== "deluser")
    return undefined;
  const words = operands(tool, cmd.args);
  const name = words[0];
  if (words.length !== 1 || name === undefined || !ACCOUNT_NAME.test(name)) return undefined;
  if (tool === "delgroup") return { tool, group: name };
  if (tool === "deluser") return { tool, user: name };
  if (tool === "addgroup")
    return {
      tool,
      group: name,
      gid: optionValue(cmd.args, ["-g", "--gid"]),
      system: cmd.args.some(systemOption),
    };
  return {
    tool,
    user: name,
    uid: optionValue(cmd.args, ["-u", "--uid"]),
    group: optionValue(cmd.args, ["-G", "--ingroup"]),
    system: cmd.args.some(systemOption),
  };
}

/** The number an ID word stands for (`1000`), or undefined for `$UID` and the like. */
export function numericId(word: string | undefined): number | undefined {
  return word !== undefined && /^\d+$/.test(word) ? Number(word) : undefined;
}
