import type { SimpleCommand, Word } from "../shell/scan.js";
import type { GroupRefs } from "./group-refs.js";
import type { WordEdit } from "./group-uses.js";

/** What one command becomes, or why it stays. */
export type CommandOutcome =
  | {
      kind: "replace";
      rule: string;
      call: string;
      quietStdout: boolean;
      message: string;
      /** The group name this call creates, when it is a literal. */
      defines?: string;
    }
  | { kind: "warn"; rule: string; message: string }
  /** Only some words change (a group named by GID or effective name); the command stays. */
  | { kind: "words"; rule: string; message: string; edits: WordEdit[] };

export interface CommandContext {
  cmd: SimpleCommand;
  /** Index of the command name in cmd.words (after assignments and `exec`). */
  at: number;
  exec: boolean;
  /** The command name with an absolute directory dropped. */
  name: string | undefined;
  /** Group names created earlier in the script with an explicit GID, and how to refer to them. */
  groups: GroupRefs;
  /** See RewriteOptions.execTool. */
  execTool?: "su-exec";
  /** See RewriteOptions.execToolRefusesUnknownUser. */
  execToolRefusesUnknownUser?: boolean;
}

// The shims create users and groups and add members; they never change or delete one, so these
// calls need Alpine's shadow package (the same tools and options as Debian's).
export const SHADOW_ONLY =
  "the shims never change or delete an existing user or group; keep the line and install shadow on Alpine (apk add --no-cache shadow), which has the same tool and options; left as is";

export const GROUP_USE =
  "names the group created earlier by its GID (or the name alpinize_ensure_group printed): on Alpine another group may hold that GID";

export const text = (w: Word | undefined) => w?.text ?? "";

export function warn(rule: string, message: string): CommandOutcome {
  return { kind: "warn", rule, message };
}
