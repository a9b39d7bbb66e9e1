import { baseNameOnAlpine, gidOnAlpine, reuseOnAlpine } from "../lint/gid-holder.js";
import { lineColumn, type SimpleCommand } from "../shell/scan.js";
import type { CommandOutcome } from "./commands.js";
import { groupMentions, type MentionContext } from "./group-mentions.js";
import type { WordEdit } from "./group-uses.js";
import type { RewriteWarning } from "./types.js";

/** A span of the source and what replaces it; `depth` is the command's `$( )` nesting. */
export interface Replacement {
  start: number;
  end: number;
  after: string;
  depth: number;
}

/** A shim call cannot run behind env, nohup, timeout or sudo: those run programs, not functions. */
export function behindWrapper(
  outcome: CommandOutcome | undefined,
  name: string | undefined,
  wrapper: string,
): CommandOutcome | undefined {
  if (outcome?.kind !== "replace") return outcome;
  return {
    kind: "warn",
    rule: outcome.rule,
    message: `${name} behind ${wrapper} is not rewritten: ${wrapper} runs a program, and the shims are shell functions; call the shim without ${wrapper} (e.g. alpinize_exec_as USER ${wrapper} CMD…) and run alpinize entrypoint again`,
  };
}

/** One replacement from the first to the last edited word, other words as the command has them. */
export function wordsReplacement(text: string, cmd: SimpleCommand, edits: WordEdit[]): Replacement {
  const start = Math.min(...edits.map((e) => e.word.start));
  const end = Math.max(...edits.map((e) => e.word.end));
  let after = "";
  let pos = start;
  for (const w of cmd.words) {
    if (w.start < start || w.end > end) continue;
    after +=
      text.slice(pos, w.start) + (edits.find((e) => e.word.start === w.start)?.after ?? w.text);
    pos = w.end;
  }
  return { start, end, after, depth: cmd.depth };
}

/**
 * Group names the rewrite leaves in `cmd`; only those in code another shell runs when the
 * command itself was rewritten (they stay inside the string either way).
 */
export function groupNameWarnings(
  ctx: MentionContext,
  cmd: SimpleCommand,
  at: number,
  nestedOnly: boolean,
): RewriteWarning[] {
  return groupMentions(ctx, cmd, at)
    .filter((m) => !nestedOnly || m.nested !== undefined)
    .map(({ offset, group, gid, nested }) => ({
      rule: "group-name",
      ...lineColumn(ctx.text, offset),
      message:
        nested === undefined
          ? `group '${group}' was created with GID ${gid} earlier; ${reuseOnAlpine(group, gid)}: refer to the group by its GID here`
          : `group '${group}' was created with GID ${gid} earlier and is named inside a string another shell runs (${nested}), which is not rewritten; ${baseNameOnAlpine(group, gid) ?? `on Alpine another group may already hold that GID (${gidOnAlpine(gid)}) and '${group}' may not exist`}: refer to the group by its GID in the string`,
    }));
}
