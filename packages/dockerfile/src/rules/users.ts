import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { debianAdduser } from "./adduser.js";
import { keptNewUser } from "./adduser-kept.js";
import type { ScriptScope } from "./scope.js";
import { failsAt } from "./tools-failing.js";
import { groupdel, needsShadow, userdel } from "./users-delete.js";
import { recordRenamedGroup } from "./users-gids.js";
import { lineBefore } from "./users-group-line.js";
import { groupadd } from "./users-groupadd.js";
import { checkGroupExists } from "./users-groups.js";
import { gpasswd, usermod } from "./users-membership.js";
import { optionValue, parseOptions } from "./users-options.js";
import { sshUnlock } from "./users-ssh.js";
import { useradd } from "./users-useradd.js";

export const USER_TOOLS = new Set([
  "groupadd",
  "useradd",
  "usermod",
  "gpasswd",
  "adduser",
  "addgroup",
  "userdel",
  "groupdel",
  "groupmod",
]);

/** Rule 5: shadow's groupadd/useradd/usermod/gpasswd → busybox addgroup/adduser. */
export function migrateUsers(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  // Already on Alpine with shadow installed when the call runs: useradd and friends work there
  // as written. One the install does not reach (`command -v useradd && apk add shadow`) becomes
  // busybox steps, as in a converted stage.
  if (shadowThere(scope, cmd)) return;
  let text = convert(scope, cmd);
  if (text === undefined) {
    unlockKept(scope, pipeline, cmd);
    return;
  }
  if (pipeline.commands.length !== 1) {
    scope.warn("users", cmd.start, `${cmd.name} inside a pipeline left as is`);
    return;
  }
  if (text === "") {
    scope.deletePipeline(pipeline, "users");
    return;
  }
  text = probeFreed(scope, pipeline, text);
  // `id app || useradd app` → `id app || { adduser … && addgroup …; }`: without the braces the
  // steps appended with && would run even when the user already existed.
  // Redirections of the call (`2>/dev/null`) stay, over every step it became.
  const redirects = cmd.redirects.map((r) => r.raw).join(" ");
  const chain = text.includes(" && ");
  const grouped = chain && (afterOr(scope, pipeline) || redirects) ? `{ ${text}; }` : text;
  scope.replacePipeline(pipeline, redirects ? `${grouped} ${redirects}` : grouped, "users");
}

function shadowThere(scope: ScriptScope, cmd: SimpleCommand): boolean {
  const { info, alpineInstalled } = scope.stage;
  if (!info.already || !alpineInstalled.has("shadow")) return false;
  const name = cmd.args[0];
  return !name || !failsAt(scope.ctx, info.stage, scope.src.span(name.start, name.start)[0]);
}

/**
 * `getent group 999 || groupadd -g 999 docker`: on Alpine the probe finds the base group that
 * holds the GID (ping), so the `delgroup ping &&` written before the addgroup would never run and
 * docker never be made. The base group goes on a RUN line of its own before, so the probe answers
 * as on Debian. A probe by name (`getent group docker`) keeps the step where it is.
 */
function probeFreed(scope: ScriptScope, pipeline: Pipeline, text: string): string {
  const m = /^delgroup (\S+) && (?=.*\baddgroup (?:-S )?-g (\d+) )/.exec(text);
  if (!m || !afterOr(scope, pipeline)) return text;
  const before = scope.src.script.text.slice(0, pipeline.start);
  const list = before.slice(Math.max(before.lastIndexOf(";"), before.lastIndexOf("\n")) + 1);
  const gid = m[2]!;
  const probe = new RegExp(`\\bgetent\\s+group\\s+['"]?${gid}\\b|:${gid}:`);
  if (!probe.test(list)) return text;
  lineBefore(scope.ctx, scope.stage, scope.instruction, `delgroup ${m[1]}`);
  return text.slice(m[0].length);
}

/** The pipeline is the right side of `||`. */
function afterOr(scope: ScriptScope, pipeline: Pipeline): boolean {
  return /\|\|(?:\s|\\\r?\n)*$/.test(scope.src.script.text.slice(0, pipeline.start));
}

/** A busybox-style `adduser -D NAME` kept as written locks the account just the same. */
function unlockKept(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  if (cmd.name !== "adduser" || pipeline.commands.length !== 1) return;
  const user = keptNewUser(cmd.args.slice(1));
  const unlock = user === undefined ? "" : sshUnlock(scope, cmd.start, user);
  if (unlock === "") return;
  const braces = afterOr(scope, pipeline);
  if (braces)
    scope.rawEdits.push({ start: pipeline.start, end: pipeline.start, text: "{ ", rule: "users" });
  scope.rawEdits.push({
    start: pipeline.end,
    end: pipeline.end,
    text: braces ? `${unlock}; }` : unlock,
    rule: "users",
  });
}

/** The busybox steps for one call, or undefined to leave it as written. */
function convert(scope: ScriptScope, cmd: SimpleCommand): string | undefined {
  const words = cmd.args.slice(1);
  const info = scope.stage.info;
  const fail = (why: string) => {
    // A converted stage gets shadow for it (addShadowTools), which says so.
    if (info.alpine && !info.already && needsShadow(cmd.name ?? "", words)) return undefined;
    scope.warn("users", cmd.start, `${cmd.name} ${why}; left as is (or install shadow)`);
    return undefined;
  };
  switch (cmd.name) {
    case "groupadd":
      return groupadd(scope, cmd.start, words, fail);
    case "useradd":
      return useradd(scope, cmd.start, words, fail);
    case "usermod":
      return usermod(scope, cmd.start, words, fail);
    case "userdel":
      return userdel(scope, cmd.start, words, fail);
    case "groupdel":
      return groupdel(words, fail);
    case "groupmod":
      // Shadow's groupmod stays (addShadowTools adds shadow); a renamed group exists afterwards.
      renamedGroup(scope, words);
      return undefined;
    case "adduser":
    case "addgroup": {
      // `adduser USER GROUP` (no options) adds to a group in both; the group must exist on Alpine.
      const operands = words.filter((w) => !(w.value ?? w.raw).startsWith("-"));
      const join =
        cmd.name === "adduser" && operands.length === 2 && operands.length === words.length;
      const make = join
        ? checkGroupExists(scope, cmd.start, operands[1]!.value ?? "", operands[0]!.value)
        : undefined;
      const text = debianAdduser(scope, cmd, words);
      if (make === undefined) return text;
      return `${make} && ${text ?? cmd.args.map((w) => w.raw).join(" ")}`;
    }
    default:
      return gpasswd(scope, cmd.start, words, fail);
  }
}

/**
 * `groupmod -n NEW OLD`: NEW exists from here on, with OLD's GID (or `-g`'s), for the steps after
 * it; OLD no longer holds that GID.
 */
function renamedGroup(scope: ScriptScope, words: Word[]): void {
  const p = parseOptions(words, new Set(["-n", "-g", "-p"]), { "--new-name": "-n", "--gid": "-g" });
  const name = p && optionValue(p.options, "-n");
  if (name === undefined || p?.operands.length !== 1) return;
  recordRenamedGroup(scope, p.operands[0]!, name, optionValue(p.options, "-g"));
}
