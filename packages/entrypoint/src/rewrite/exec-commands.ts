import { literal, type Word } from "../shell/scan.js";
import {
  type CommandContext,
  type CommandOutcome,
  GROUP_USE,
  text,
  warn,
} from "./command-outcome.js";
import type { SwitchForm } from "./exec-tools.js";
import { ownerWithGroup } from "./group-uses.js";

export const EXEC_TOOLS = new Set(["gosu", "su-exec", "runuser", "setpriv"]);

/** Rules whose edits call no shim function, so the script needs no shims for them. */
export const SHIM_FREE_RULES: ReadonlySet<string> = new Set(["set-gosu", "gosu-su-exec"]);

/** `set -- gosu USER "$@"` … `exec "$@"`: gosu becomes the image's program (never a shim). */
export function setGosu(args: Word[], execTool: "su-exec" | undefined): CommandOutcome | undefined {
  const head = setGosuWord(args);
  if (!head || !execTool) return undefined;
  return {
    kind: "words",
    rule: "set-gosu",
    edits: [{ word: head, after: execTool }],
    message: `the image has ${execTool}, not gosu: exec "$@" runs the program named here, which takes the same USER[:GROUP] CMD`,
  };
}

/** The literal gosu word at the head of `set -- …` (or `set gosu …`), if any. */
export function setGosuWord(args: readonly Word[]): Word | undefined {
  const head = args[0] && literal(args[0].text) === "--" ? args[1] : args[0];
  const name = head ? literal(head.text) : undefined;
  if (!head || name === undefined) return undefined;
  return name === "gosu" || name.endsWith("/gosu") ? head : undefined;
}

/**
 * su-exec runs as is on Alpine (apk's su-exec) and wherever else it is installed, so the call
 * stays; only a group the script made with a GID earlier is named as for chown (`app:docker`).
 */
export function suExec(args: Word[], ctx: CommandContext): CommandOutcome | undefined {
  const user = args[0];
  const after = user === undefined ? undefined : ownerWithGroup(user, ctx.groups, ctx.cmd);
  if (user === undefined || after === undefined) return undefined;
  return {
    kind: "words",
    rule: "group-name",
    edits: [{ word: user, after }],
    message: GROUP_USE,
  };
}

export function execAs(name: string, args: Word[], ctx: CommandContext): CommandOutcome {
  if (args.length < 2) return warn(name, `${name} without a command; left as is`);
  // gosu app:docker: the group part named by GID when the script created it with one.
  const user = ownerWithGroup(args[0]!, ctx.groups, ctx.cmd);
  // gosu's own options (--help, -v, …) mean nothing to su-exec, which reads them as a user.
  const option = literal(text(args[0]))?.startsWith("-") ?? false;
  if (ctx.execTool && ctx.execToolRefusesUnknownUser && !option)
    return toSuExec(args[0]!, user, ctx);
  const words = [user ?? text(args[0]), ...args.slice(1).map(text)];
  return execAsCall(name, words, ctx, userForm(literal(text(args[0]))));
}

/**
 * gosu USER[:GROUP] CMD… in an image with su-exec 0.3 and no gosu: only the command word
 * changes. Both tools take the same forms with the same meaning: a name or a UID (a UID without
 * a passwd entry keeps the caller's GID), an optional group by name or GID that drops the
 * supplementary groups, HOME set from the user, CMD exec'd in place, and an unknown name, or a
 * caller that is not root, stops with exit 1 before CMD runs.
 */
function toSuExec(userWord: Word, user: string | undefined, ctx: CommandContext): CommandOutcome {
  const edits = [{ word: ctx.cmd.words[ctx.at]!, after: "su-exec" }];
  if (user !== undefined) edits.push({ word: userWord, after: user });
  return {
    kind: "words",
    rule: "gosu-su-exec",
    edits,
    message:
      "the image has su-exec, not gosu: su-exec takes the same USER[:GROUP] CMD… with the same meaning, and stops on an unknown user as gosu does",
  };
}

/**
 * runuser and setpriv calls that mean "run CMD as USER[:GROUP]". The others are left to the
 * lint, which says why each cannot be carried over and what to write.
 */
export function switchUser(
  name: string,
  form: SwitchForm,
  ctx: CommandContext,
): CommandOutcome | undefined {
  if (form.kind !== "exec-as") return undefined;
  const lit = form.group === undefined ? undefined : literal(form.group);
  const group =
    lit !== undefined && ctx.groups.origin(lit) ? ctx.groups.ref(lit, ctx.cmd) : form.group;
  const spec = group === undefined ? form.user : `${form.user}:${group}`;
  return execAsCall(name, [spec, ...form.command], ctx, form.message);
}

function execAsCall(rule: string, words: string[], ctx: CommandContext, form: string) {
  const call = `alpinize_exec_as ${words.join(" ")}`;
  return {
    kind: "replace" as const,
    rule,
    // Without `exec` the script goes on after the command, so the shim (which execs) runs in a subshell.
    // With `exec`, a failure must still end the script, as a failed exec does, rather than let it go
    // on as root; the braces keep `a && exec gosu ...` from exiting when `a` fails.
    call: ctx.exec ? `{ ${call} || exit; }` : `(${call})`,
    quietStdout: false,
    message: `su-exec, gosu or setpriv, whichever the image has; ${form}`,
  };
}

/** What the user word means to gosu and su-exec, which alpinize_exec_as reads the same way. */
function userForm(user: string | undefined): string {
  if (user?.includes(":"))
    return "USER:GROUP runs with that group only and no supplementary groups, as gosu and su-exec do";
  if (user !== undefined && /^\d+$/.test(user))
    return "a UID gets its user's groups when it has a passwd entry, else GID 0 and no groups, as with gosu";
  return "by user name so file groups apply";
}
