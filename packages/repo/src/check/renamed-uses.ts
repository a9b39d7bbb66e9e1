import { type AccountNames, type Instruction, namedAccounts } from "@alpinize/dockerfile";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { currentName } from "./account-renames.js";
import type { AccountState } from "./accounts.js";
import type { RuleId } from "./types.js";

/** A step that names an account by the name a rename took from it. */
export interface RenamedUse {
  rule: Extract<RuleId, "unknown-user" | "unknown-group">;
  message: string;
}

/**
 * The users and groups a RUN command names (`chown app`, `su app`, `addgroup app grp`, `chgrp
 * grp`…) that an earlier `usermod -l`/`groupmod -n` of the stage, or one it builds on, renamed:
 * there is no such account any more.
 */
export function commandRenamedUses(
  cmd: ShellCommand,
  state: AccountState,
  stage: string,
): RenamedUse[] {
  if (state.opaque || !anyRenamed(state)) return [];
  const tool = baseName(cmd.name);
  return renamedUses(namedAccounts(tool, cmd.args), state, `${tool} in Alpine stage ${stage}`);
}

/** The same for `USER NAME[:GROUP]` and `COPY`/`ADD --chown=NAME[:GROUP]`. */
export function instructionRenamedUses(
  ins: Instruction,
  state: AccountState,
  stage: string,
): RenamedUse[] {
  const spec = ownerSpec(ins);
  if (state.opaque || spec === undefined || !anyRenamed(state)) return [];
  const what = ins.keyword === "USER" ? "USER" : `${ins.keyword} --chown`;
  const outcome = ins.keyword === "USER" ? "the container fails to start" : "the build fails here";
  return renamedUses(
    namedAccounts("chown", [spec]),
    state,
    `${what} in Alpine stage ${stage}`,
    outcome,
  );
}

function anyRenamed(state: AccountState): boolean {
  return state.renamed.users.size > 0 || state.renamed.groups.size > 0;
}

/** `USER app:grp` → `app:grp`; `COPY --chown=app x /x` → `app`. */
function ownerSpec(ins: Instruction): string | undefined {
  const text = ins.args.text.trim();
  if (ins.keyword === "USER") return text.split(/\s+/)[0] || undefined;
  if (ins.keyword !== "COPY" && ins.keyword !== "ADD") return undefined;
  return /(?:^|\s)--chown=(\S+)/.exec(text)?.[1];
}

function renamedUses(
  names: AccountNames,
  state: AccountState,
  where: string,
  outcome = "the build fails here",
): RenamedUse[] {
  const out: RenamedUse[] = [];
  for (const kind of ["user", "group"] as const) {
    const renamed = kind === "user" ? state.renamed.users : state.renamed.groups;
    for (const name of kind === "user" ? names.users : names.groups) {
      const r = renamed.get(name);
      if (r === undefined) continue;
      const tool = kind === "user" ? "usermod -l" : "groupmod -n";
      const to = currentName(renamed, r);
      out.push({
        rule: kind === "user" ? "unknown-user" : "unknown-group",
        message: `${where} names ${kind} ${name}, which is not there any more (${tool} on line ${r.line} renamed it to ${r.to}), so ${outcome}: write ${to}`,
      });
    }
  }
  return out;
}
