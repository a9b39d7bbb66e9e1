import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { isNested, type Pipeline, type SimpleCommand } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { ALPINE_USERS } from "./alpine-base.js";
import { mountFlags } from "./run-flags.js";
import { ScriptScope, type StageState } from "./scope.js";
import { makeDebianGroup } from "./users-debian-groups.js";
import { warnDottedOwner } from "./users-dotted-owner.js";
import { isGidVariable } from "./users-gid-default.js";
import { lineBefore } from "./users-group-line.js";
import { groupExists } from "./users-groups.js";
import { warnRenumberedGroup } from "./users-renumbered-groups.js";

/**
 * Rule `users`: a group Debian's base image has and Alpine's lacks (staff, plugdev, sudo, …)
 * named as an owner: `chown USER:GROUP`, `chgrp GROUP`, `COPY/ADD --chown=USER:GROUP`,
 * `USER USER:GROUP`. busybox chown and chgrp stop on it ("unknown group"), and so does the build
 * for the instructions. As for a group a user joins (useradd -G staff), `addgroup -S GROUP` makes
 * it first, once per stage chain: before the call in its RUN, or in a RUN line of its own before
 * an instruction, a loop (where it would run twice) or a call run through sudo or xargs.
 */
export function ownerGroupInRun(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
  wrapped: boolean,
): void {
  warnDottedOwner(scope, cmd);
  const group = commandGroup(cmd);
  if (group === undefined) return;
  const tool = cmd.name?.replace(/^.*\//, "") ?? "chown";
  const failure = `busybox ${tool} stops the build on it (unknown group ${group.name})`;
  const make = groupStep(scope, cmd.start, group.name, group.user, failure);
  if (make === undefined) return;
  // In a loop or a `sh -c` string the call may run twice (busybox addgroup stops the second
  // time); behind `&&`/`||` it may not run at all, and a later use of the group would then fail.
  if (wrapped || !alwaysOnce(scope, pipeline)) {
    lineBefore(scope.ctx, scope.stage, scope.instruction, make);
    return;
  }
  scope.rawEdits.push({
    start: pipeline.start,
    end: pipeline.start,
    text: `${make} && `,
    rule: "users",
  });
}

/**
 * A step put right before `pipeline` runs exactly once whenever the pipeline runs, and a later
 * use of the group cannot run without it: not in a loop or a `sh -c` string (which may sit in
 * one), and behind `&&` only in the script's last list (where a failed condition fails the RUN
 * on Debian too), never behind `||`.
 */
function alwaysOnce(scope: ScriptScope, pipeline: Pipeline): boolean {
  const script = scope.src.script;
  if (scope.quotes.length > 0 || isNested(script, pipeline.start)) return false;
  const items = script.items;
  const k = items.indexOf(pipeline);
  if (k === -1) return false;
  const op = (i: number) => {
    const it = items[i];
    return it?.kind === "op" ? it.op : undefined;
  };
  if (op(k - 1) === undefined) return true;
  for (let i = k - 1; i >= 0; i -= 2) {
    const o = op(i);
    if (o === "||") return false;
    if (o !== "&&") break;
  }
  // Behind `&&`: fine when only more of the same list follows, to the script's end.
  for (let i = k + 1; i < items.length; i += 2) {
    const o = op(i);
    if (i === items.length - 1 && (o === ";" || o === "\n")) break;
    if ((o !== "&&" && o !== "||") || items[i + 1]?.kind !== "pipeline") return false;
  }
  return true;
}

/** `COPY --chown=app:staff`, `ADD --chown=…`, `USER app:staff`: the group, made first. */
export function ownerGroupInInstruction(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
): void {
  if (!state.info.alpine || state.info.already) return;
  const text = ins.args.text;
  const owner = ins.keyword === "USER" ? text.trim() : splitFlags(text).flags.get("chown")?.trim();
  if (owner === undefined) return;
  const [user, name] = owner.split(":");
  if (name === undefined || user === undefined) return;
  const at = ins.keyword === "USER" ? text.indexOf(owner) : text.indexOf("--chown");
  const scope = new ScriptScope(ctx, state, instructionSource(ctx, ins), ins);
  const failure = `${ins.keyword} ${ins.keyword === "USER" ? "" : "--chown "}stops the build on it (no group ${name})`;
  const make = groupStep(scope, Math.max(at, 0), name, user, failure);
  if (make !== undefined) lineBefore(ctx, state, ins, make);
}

/**
 * `RUN --mount=type=cache,…,gid=44` (cache, secret and ssh mounts take a gid): a Debian base
 * group's number is warned as for chgrp.
 */
export function mountGids(ctx: MigrationContext, state: StageState, ins: Instruction): void {
  if (!state.info.alpine || state.info.already) return;
  const text = ins.args.text;
  let scope: ScriptScope | undefined;
  for (const m of mountFlags(text.slice(0, splitFlags(text).rest))) {
    const gid = /(?:^|,)gid=(\d+)(?:,|$)/.exec(m[2]!);
    if (!gid) continue;
    scope ??= new ScriptScope(ctx, state, instructionSource(ctx, ins), ins);
    warnRenumberedGroup(scope, m.index + m[1]!.length, gid[1]!);
  }
}

/** The group a chown or chgrp call gives files, and the user a chown names with it. */
function commandGroup(cmd: SimpleCommand): { name: string; user?: string } | undefined {
  const words = cmd.args.slice(1);
  // `--reference=FILE` takes the owner from a file: the first operand is a file then.
  if (words.some((w) => /^--reference(?:=|$)/.test(w.value ?? w.raw))) return undefined;
  const word = words.find((w) => !(w.value ?? w.raw).startsWith("-"));
  if (word === undefined) return undefined;
  const owner = word.value;
  if (owner === undefined) return variableGroup(cmd, word.raw) ?? dynamicUserGroup(word.raw);
  if (cmd.name?.replace(/^.*\//, "") === "chgrp") return { name: owner };
  const colon = owner.indexOf(":");
  // `chown app.staff`, `app.44`: the old USER.GROUP form. busybox chown always splits at the
  // first dot (it stops on `chown john.doe` though user john.doe exists); GNU chown does where no
  // user has the whole name.
  const dot = owner.indexOf(".");
  if (colon === -1 && dot !== -1) return { name: owner.slice(dot + 1), user: owner.slice(0, dot) };
  if (colon === -1) return undefined;
  return { name: owner.slice(colon + 1), user: owner.slice(0, colon) };
}

/**
 * `chgrp $GID`, `chown app:${GID}`, `chown "$UID:$GID"`: the group word when it is one variable,
 * whose ARG/ENV default the renumbered-GID check reads (gidDefault).
 */
function variableGroup(
  cmd: SimpleCommand,
  raw: string,
): { name: string; user?: string } | undefined {
  if (cmd.name?.replace(/^.*\//, "") === "chgrp")
    return isGidVariable(raw) ? { name: raw } : undefined;
  const whole = /^"([^"]*)"$/.exec(raw)?.[1] ?? raw;
  const colon = whole.lastIndexOf(":");
  const group = whole.slice(colon + 1);
  if (colon === -1 || !isGidVariable(group)) return undefined;
  return { name: group, user: whole.slice(0, colon) };
}

/**
 * `chown "$u":staff` or `"$u:staff"` in a loop over users: the group is written out though the
 * user is not. Only a plain name ending the word after its last colon counts (`$u:$GROUP` not).
 */
function dynamicUserGroup(raw: string): { name: string } | undefined {
  const m = /:([a-z_][\w.-]*)(["']?)$/i.exec(raw);
  if (!m || (m[2] && !raw.slice(0, m.index).includes(m[2]))) return undefined;
  return { name: m[1]! };
}

/** The `addgroup -S` step for a Debian base group nothing here has made, if it needs one. */
function groupStep(
  scope: ScriptScope,
  at: number,
  group: string,
  user: string | undefined,
  failure: string,
): string | undefined {
  warnRenumberedGroup(scope, at, group, user);
  if (group === "" || /^\d+$/.test(group) || isGidVariable(group) || groupExists(scope, group))
    return undefined;
  // `chown proxy:proxy`: the user is Debian's too and missing just the same; the users rule
  // flags it, and the adduser that makes it makes its group as well.
  if (user === group && !ALPINE_USERS.has(user)) return undefined;
  return makeDebianGroup(scope, at, group, undefined, { failure });
}

/** An instruction's arguments as a script with no commands: warnings land on its text. */
function instructionSource(ctx: MigrationContext, ins: Instruction): ShellSource {
  return {
    script: { text: ins.args.text, items: [] },
    file: ctx.text,
    escapeChar: ctx.doc.escape,
    span: (from, to) => sourceSpan(ins.args, from, to),
    direct: false,
  };
}
